/**
 * Upstream's `moduleconfig` of the modules written on branch m2, in
 * upstream's order (misp_modules/modules/expansion/<name>.py), so that the
 * `Plugin.Enrichment_<module>_<setting>` values MISP already has keep working.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  circl_passivedns: ['username', 'password'],
  circl_passivessl: ['username', 'password'],
  passive_ssh: ['custom_api_url', 'api_user', 'api_key'],
  ipasn: ['custom_api'],
  mmdb_lookup: ['custom_API', 'db_source_filter', 'max_country_info_qt'],
  cpe: ['custom_API_URL', 'limit'],
  cve_advanced: ['custom_API'],
  variotdbs: ['API_key'],
  onion_lookup: [],
};

/** Upstream's `moduleinfo["module-type"]` of the same modules. */
export const UPSTREAM_MODULE_TYPES: Record<string, string[]> = Object.fromEntries(
  Object.keys(UPSTREAM_CONFIG).map((name) => [name, ['expansion', 'hover']]),
);
