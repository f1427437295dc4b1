/**
 * Upstream's `moduleconfig` for the modules of branch c3, written from the
 * upstream sources (misp_modules/modules/expansion/<name>.py) and MODULES.md,
 * in upstream's order, with upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  urlscan: ['apikey'],
  securitytrails: ['apikey'],
  hibp: ['api_key'],
  google_safe_browsing: ['api_key'],
  farsight_passivedns: ['apikey', 'server', 'limit', 'flex_queries'],
  domaintools: ['username', 'api_key'],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  urlscan: ['expansion'],
  securitytrails: ['expansion', 'hover'],
  hibp: ['hover'],
  google_safe_browsing: ['expansion', 'hover'],
  farsight_passivedns: ['expansion', 'hover'],
  domaintools: ['expansion', 'hover'],
};
