/**
 * Upstream's `moduleconfig` for the module of branch m-apiosintds, written
 * from misp_modules/modules/expansion/apiosintds.py, in upstream's order,
 * with upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  apiosintds: ['STIX2_details', 'import_related', 'cache', 'cache_directory', 'cache_timeout_h', 'local_directory'],
};

/** Upstream's `moduleinfo["module-type"]`. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  apiosintds: ['expansion', 'hover'],
};
