/**
 * Upstream's `moduleconfig` for the modules of branch s3, written from the
 * upstream sources (misp_modules/modules/expansion/<name>.py), in upstream's
 * order, with upstream's module-type. cytomic_orion lists `clientsecret`
 * twice upstream: a setting name is served once.
 */
export const UPSTREAM_CONFIG: Record<string, string[]> = {
  cytomic_orion: [
    'api_url',
    'token_url',
    'clientid',
    'clientsecret',
    'username',
    'password',
    'upload_timeframe',
    'upload_tag',
    'delete_tag',
    'upload_ttlDays',
    'upload_threat_level_id',
    'limit_upload_events',
    'limit_upload_attributes',
  ],
  intel471: ['email', 'authkey'],
  mcafee_insights_enrich: ['api_key', 'client_id', 'client_secret'],
  reversinglabs_spectra_analyze: ['api_url', 'api_token', 'verify_ssl'],
  vmware_nsx: ['analysis_url', 'analysis_verify_ssl', 'analysis_key', 'analysis_api_token', 'vt_key', 'misp_url', 'misp_verify_ssl', 'misp_key'],
  vulndb: ['apikey', 'apisecret', 'discard_dates', 'discard_external_references', 'discard_cvss', 'discard_productinformation', 'discard_classification', 'discard_cpe'],
};

/** Upstream's `moduleinfo["module-type"]` for the same modules. */
export const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  cytomic_orion: ['expansion'],
  intel471: ['hover', 'expansion'],
  mcafee_insights_enrich: ['hover'],
  reversinglabs_spectra_analyze: ['expansion'],
  vmware_nsx: ['expansion', 'hover'],
  vulndb: ['expansion', 'hover'],
};
