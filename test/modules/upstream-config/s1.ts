/**
 * Upstream's `moduleconfig` for the modules of branch s1 (sandboxes reusing
 * the import modules' parsers), written from the upstream sources
 * (misp_modules/modules/expansion/<name>.py), in upstream's order, with
 * upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  joesandbox_query: ['apiurl', 'apikey', 'import_executable', 'import_mitre_attack'],
  joesandbox_submit: ['apiurl', 'apikey', 'accept-tac', 'report-cache', 'systems'],
  lastline_query: ['username', 'password', 'verify_ssl'],
  lastline_submit: ['url', 'api_token', 'key'],
  vmray_submit: ['apikey', 'url', 'shareable', 'do_not_reanalyze', 'do_not_include_vmrayjobids'],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  joesandbox_query: ['expansion'],
  joesandbox_submit: ['expansion'],
  lastline_query: ['expansion'],
  lastline_submit: ['expansion', 'hover'],
  vmray_submit: ['expansion'],
};
