/**
 * Upstream's `moduleconfig` for the modules of branch c2, written from the
 * upstream sources (misp_modules/modules/expansion/<name>.py) and MODULES.md,
 * in upstream's order, with upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  shodan: ['apikey'],
  greynoise: ['api_key'],
  abuseipdb: ['api_key', 'max_age_in_days', 'abuse_threshold'],
  crowdsec: ['api_key', 'add_reputation_tag', 'add_behavior_tag', 'add_classification_tag', 'add_mitre_technique_tag', 'add_cve_tag'],
  ipinfo: ['token'],
  ip2locationio: ['key'],
  censys_enrich: ['api_id', 'api_secret'],
  onyphe: ['apikey'],
  onyphe_full: ['apikey', 'limit'],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  shodan: ['expansion'],
  greynoise: ['expansion', 'hover'],
  abuseipdb: ['expansion', 'hover'],
  crowdsec: ['hover', 'expansion'],
  ipinfo: ['expansion', 'hover'],
  ip2locationio: ['expansion', 'hover'],
  censys_enrich: ['expansion', 'hover'],
  onyphe: ['expansion', 'hover'],
  onyphe_full: ['expansion', 'hover'],
};
