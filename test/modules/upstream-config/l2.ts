/**
 * Upstream's `moduleconfig` for the modules of branch l2 (lookups of issue
 * 17), written from the upstream sources
 * (misp_modules/modules/expansion/<name>.py) and MODULES.md, in upstream's
 * order, with upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  flowtriq: ['api_key', 'api_url'],
  hyasinsight: ['apikey'],
  iprep: ['apikey'],
  ismalicious: ['api_key', 'api_url'],
  macaddress_io: ['api_key'],
  qintel_qsentry: ['token', 'remote'],
  ransomcoindb: ['api-key'],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  flowtriq: ['expansion', 'hover'],
  hyasinsight: ['expansion', 'hover'],
  iprep: ['expansion'],
  ismalicious: ['expansion', 'hover'],
  macaddress_io: ['hover'],
  qintel_qsentry: ['hover', 'expansion'],
  ransomcoindb: ['expansion', 'hover'],
};
