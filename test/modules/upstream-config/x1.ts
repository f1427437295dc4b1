/**
 * Upstream's `moduleconfig` for the modules of branch x1 (the RST Cloud
 * family), written from the upstream sources
 * (misp_modules/modules/expansion/rst_*.py), in upstream's order, with
 * upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  rst_cs_beacon: ['api_key', 'base_url', 'port', 'timeout'],
  rst_favicon: ['api_key', 'base_url', 'timeout'],
  rst_html: ['api_key', 'base_url', 'mode', 'port', 'timeout'],
  rst_ioc: ['api_key', 'base_url', 'misp_url', 'misp_key', 'misp_verifycert'],
  rst_noise_control: ['api_key', 'base_url', 'misp_url', 'misp_key', 'misp_verifycert'],
  rst_screenshot: ['api_key', 'base_url', 'frame', 'port', 'timeout'],
  rst_ssl: ['api_key', 'base_url', 'port', 'timeout'],
  rst_whois: ['api_key', 'base_url'],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  rst_cs_beacon: ['expansion'],
  rst_favicon: ['expansion'],
  rst_html: ['expansion'],
  rst_ioc: ['expansion', 'hover'],
  rst_noise_control: ['expansion', 'hover'],
  rst_screenshot: ['expansion'],
  rst_ssl: ['expansion'],
  rst_whois: ['expansion', 'hover'],
};
