/**
 * Upstream's `moduleconfig` for the modules of branch c4, written from the
 * upstream sources (misp_modules/modules/expansion/<name>.py) and MODULES.md,
 * in upstream's order, with upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  xforceexchange: ['apikey', 'apipassword'],
  crowdstrike_falcon: ['api_id', 'apikey'],
  recordedfuture: ['token', 'proxy_host', 'proxy_port', 'proxy_username', 'proxy_password'],
  ipqs_fraud_and_risk_scoring: ['apikey', 'base_url', 'poll_delay'],
  validin: ['endpoint', 'api_key', 'result_limit'],
  vulners: ['apikey'],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  xforceexchange: ['expansion', 'hover'],
  crowdstrike_falcon: ['expansion', 'hover'],
  recordedfuture: ['expansion', 'hover'],
  ipqs_fraud_and_risk_scoring: ['expansion', 'hover'],
  validin: ['expansion', 'hover'],
  vulners: ['hover'],
};
