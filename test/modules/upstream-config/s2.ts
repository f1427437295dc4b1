/**
 * Upstream's `moduleconfig` for the modules of branch s2 (sandbox and
 * submission services, self-hosted platforms), written from the upstream
 * sources (misp_modules/modules/expansion/<name>.py), in upstream's order,
 * with upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  assemblyline_query: ['apiurl', 'user_id', 'apikey', 'password', 'verifyssl'],
  assemblyline_submit: ['apiurl', 'user_id', 'apikey', 'password', 'verifyssl'],
  cuckoo_submit: ['api_url', 'api_key'],
  triage_submit: ['apikey', 'url_mode'],
  malshare_upload: ['malshare_apikey'],
  yeti: ['apikey', 'url'],
  stairwell: ['apikey'],
  mwdb: ['mwdb_apikey', 'mwdb_url', 'mwdb_misp_attribute', 'mwdb_public', 'include_tags_event', 'include_tags_attribute'],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  assemblyline_query: ['expansion'],
  assemblyline_submit: ['expansion'],
  cuckoo_submit: ['expansion', 'hover'],
  triage_submit: ['expansion', 'hover'],
  malshare_upload: ['expansion'],
  mwdb: ['expansion'],
  yeti: ['expansion', 'hover'],
  stairwell: ['expansion'],
};
