/**
 * Upstream's `moduleconfig` for the modules of branch l3 (expansion lookups,
 * part 3), written from the upstream sources
 * (misp_modules/modules/expansion/<name>.py), in upstream's order, with
 * upstream's module-type.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  rapid7_attackerkb: ['api_key'],
  whoisfreaks: ['apikey'],
  vysion: ['apikey', 'event_limit', 'proxy_host', 'proxy_port', 'proxy_username', 'proxy_password'],
  sophoslabs_intelix: ['client_id', 'client_secret', 'region'],
  socradar_lookup: ['socradar_api_key', 'socradar_api_url', 'socradar_mode', 'socradar_ai_insight'],
  threatminer: [],
  whisper: ['api_url', 'api_key', 'max_tlp', 'timeout'],
  socialscan: [],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  rapid7_attackerkb: ['expansion', 'hover'],
  whoisfreaks: ['expansion', 'hover'],
  vysion: ['expansion'],
  sophoslabs_intelix: ['expansion'],
  socradar_lookup: ['expansion', 'hover'],
  threatminer: ['expansion'],
  whisper: ['expansion', 'hover'],
  socialscan: ['hover'],
};
