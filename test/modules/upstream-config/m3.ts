/**
 * Upstream's `moduleconfig` for the modules of branch m3, written from the
 * upstream sources (misp_modules/modules/expansion/<name>.py) and MODULES.md,
 * in upstream's order, with upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  urlhaus: ['auth_key'],
  threatfox: ['auth_key'],
  malwarebazaar: ['auth_key'],
  otx: ['apikey'],
  ransomlook: [],
  xposedornot: ['api_key'],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  urlhaus: ['expansion', 'hover'],
  threatfox: ['hover', 'expansion'],
  malwarebazaar: ['expansion', 'hover'],
  otx: ['expansion'],
  ransomlook: ['expansion', 'hover'],
  xposedornot: ['expansion', 'hover'],
};
