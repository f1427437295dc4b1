/** Upstream's `moduleconfig` of the modules added on branch m1 (the DNS modules), in upstream's order. */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  btc_scam_check: [],
  dbl_spamhaus: [],
  // Upstream's moduleconfig lists it, but its version() never returns it: MISP could not set it.
  email_security_check: ['custom_resolver'],
  rbl: ['timeout'],
  reversedns: ['nameserver'],
};
