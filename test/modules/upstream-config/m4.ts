/**
 * Upstream's `moduleconfig` for the modules of branch m4, written from the
 * upstream sources (misp_modules/modules/expansion/<name>.py) and MODULES.md,
 * in upstream's order, with upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  rdap: [],
  macvendors: ['user-agent'],
  countrycode: [],
  wiki: [],
  btc_steroids: [],
  hashdd: [],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  rdap: ['expansion', 'hover'],
  macvendors: ['hover'],
  countrycode: ['hover'],
  wiki: ['hover'],
  btc_steroids: ['hover'],
  hashdd: ['hover'],
};
