/**
 * Upstream's `moduleconfig` for the modules of branch m5 (the direct
 * connections), written from the upstream sources
 * (misp_modules/modules/expansion/<name>.py) and MODULES.md, in upstream's
 * order, with upstream's module-type. ssh_fingerprint and
 * tls_certificate_check read `port` and `timeout`, and upstream declares
 * both in `moduleconfig` since the modules were added (commit 4170aaea).
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  ssh_fingerprint: ['port', 'timeout'],
  tls_certificate_check: ['port', 'timeout'],
  whois: ['server', 'port'],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  ssh_fingerprint: ['expansion', 'hover'],
  tls_certificate_check: ['expansion', 'hover'],
  whois: ['expansion'],
};
