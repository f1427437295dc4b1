/**
 * Upstream's `moduleconfig` for the module of branch m-anyrun, written from
 * the upstream source (misp_modules/modules/expansion/anyrun_sandbox_submit.py),
 * in upstream's order, with upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  anyrun_sandbox_submit: [
    'api_key',
    'os_type',
    'opt_timeout',
    'opt_network_connect',
    'opt_network_fakenet',
    'opt_network_tor',
    'opt_network_geo',
    'opt_network_mitm',
    'opt_network_residential_proxy',
    'opt_network_residential_proxy_geo',
    'opt_privacy_type',
    'obj_ext_extension',
    'obj_ext_browser',
    'env_locale',
    'env_version',
    'env_bitness',
    'env_type',
    'obj_ext_startfolder',
    'obj_ext_cmd',
    'obj_force_elevation',
    'run_as_root',
  ],
};

/** Upstream's `moduleinfo["module-type"]` for the same module. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  anyrun_sandbox_submit: ['expansion'],
};
