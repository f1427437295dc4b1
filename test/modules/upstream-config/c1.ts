/**
 * Upstream's `moduleconfig` for the modules of branch c1 (the VirusTotal
 * family), written from the upstream sources
 * (misp_modules/modules/expansion/<name>.py) and MODULES.md, in upstream's
 * order, with upstream's module-type. google_threat_intelligence declares
 * its settings in `moduleinfo["config"]` instead of `moduleconfig`.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  virustotal: ['apikey', 'event_limit', 'proxy_host', 'proxy_port', 'proxy_username', 'proxy_password'],
  virustotal_public: ['apikey', 'proxy_host', 'proxy_port', 'proxy_username', 'proxy_password'],
  virustotal_upload: ['virustotal_apikey'],
  google_threat_intelligence: ['apikey', 'event_limit', 'proxy_host', 'proxy_port', 'proxy_username', 'proxy_password'],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  virustotal: ['expansion'],
  virustotal_public: ['expansion', 'hover'],
  virustotal_upload: ['expansion'],
  google_threat_intelligence: ['expansion'],
};
