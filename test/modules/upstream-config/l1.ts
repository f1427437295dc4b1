/**
 * Upstream's `moduleconfig` for the modules of branch l1 (expansion lookups),
 * written from the upstream sources (misp_modules/modules/expansion/<name>.py)
 * and MODULES.md, in upstream's order, with upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  apivoid: ['apikey'],
  backscatter_io: ['api_key'],
  cluster25_expand: ['api_id', 'apikey', 'base_url'],
  eupi: ['apikey', 'url'],
  alphaMountain: ['license', 'scan_depth', 'partner_type'],
  apifreaks: ['apikey', 'do_whois', 'do_dns', 'do_subdomains', 'do_availability', 'do_history', 'do_reverse_dns'],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  apivoid: ['expansion', 'hover'],
  backscatter_io: ['expansion', 'hover'],
  cluster25_expand: ['expansion', 'hover'],
  eupi: ['expansion', 'hover'],
  alphaMountain: ['expansion', 'hover'],
  apifreaks: ['expansion', 'hover'],
};
