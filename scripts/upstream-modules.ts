/**
 * Every upstream misp-modules module (the files of misp_modules/modules/<family>/,
 * as ../shared/MODULES.md §3 lists them), by folder: what a drop-in server must serve.
 */
export const UPSTREAM_MODULES = {
  expansion: [
    'abuseipdb', 'alphaMountain', 'anyrun_sandbox_submit', 'apifreaks', 'apiosintds', 'apivoid',
    'assemblyline_query', 'assemblyline_submit', 'backscatter_io', 'btc_scam_check', 'btc_steroids',
    'censys_enrich', 'circl_passivedns', 'circl_passivessl', 'clamav', 'cluster25_expand',
    'convert_markdown_to_pdf', 'countrycode', 'cpe', 'crowdsec', 'crowdstrike_falcon', 'cuckoo_submit', 'cve',
    'cve_advanced', 'cytomic_orion', 'dbl_spamhaus', 'dns', 'docx_enrich', 'domaintools',
    'email_security_check', 'eql', 'eupi', 'extract_url_components', 'farsight_passivedns', 'flowtriq',
    'geoip_asn', 'geoip_city', 'geoip_country', 'google_safe_browsing', 'google_threat_intelligence',
    'greynoise', 'hashdd', 'hashlookup', 'hibp', 'html_to_markdown', 'hyasinsight', 'intel471',
    'ip2locationio', 'ipasn', 'ipinfo', 'ipqs_fraud_and_risk_scoring', 'iprep', 'ismalicious',
    'jinja_template_rendering', 'joesandbox_query', 'joesandbox_submit', 'lastline_query', 'lastline_submit',
    'macaddress_io', 'macvendors', 'malshare_upload', 'malwarebazaar', 'mcafee_insights_enrich',
    'mmdb_lookup', 'mwdb', 'ocr_enrich', 'ods_enrich', 'odt_enrich', 'onion_lookup', 'onyphe', 'onyphe_full',
    'otx', 'passive_ssh', 'passivetotal', 'pdf_enrich', 'pptx_enrich', 'qintel_qsentry', 'qrcode',
    'ransomcoindb', 'ransomlook', 'rapid7_attackerkb', 'rbl', 'rdap', 'recordedfuture', 'reversedns',
    'reversinglabs_spectra_analyze', 'rst_cs_beacon', 'rst_favicon', 'rst_html', 'rst_ioc',
    'rst_noise_control', 'rst_screenshot', 'rst_ssl', 'rst_whois', 'securitytrails', 'shodan',
    'sigma_queries', 'sigma_syntax_validator', 'sigmf_expand', 'socialscan', 'socradar_lookup',
    'sophoslabs_intelix', 'sourcecache', 'ssh_fingerprint', 'stairwell', 'stix2_pattern_syntax_validator',
    'threatcrowd', 'threatfox', 'threatminer', 'tls_certificate_check', 'triage_submit', 'trustar_enrich',
    'urlhaus', 'urlscan', 'validin', 'variotdbs', 'virustotal', 'virustotal_public', 'virustotal_upload',
    'vmray_submit', 'vmware_nsx', 'vulndb', 'vulnerability_lookup', 'vulners', 'vysion', 'whisper', 'whois',
    'whoisfreaks', 'wiki', 'xforceexchange', 'xlsx_enrich', 'xposedornot', 'yara_query',
    'yara_syntax_validator', 'yeti',
  ],
  import_mod: [
    'anyrun_sandbox_import', 'cof2misp', 'csvimport', 'cuckooimport', 'email_import', 'goamlimport',
    'import_blueprint', 'joe_import', 'lastline_import', 'mispjson', 'ocr', 'openiocimport',
    'socradar_taxii_feed', 'taxii21', 'testimport', 'threatanalyzer_import', 'url_import', 'vmray_import',
    'vmray_summary_json_import',
  ],
  export_mod: [
    'cef_export', 'cisco_firesight_manager_ACL_rule_export', 'defender_endpoint_export', 'goamlexport',
    'liteexport', 'mass_eql_export', 'nexthinkexport', 'osqueryexport', 'pdfexport', 'testexport',
    'threatStream_misp_export', 'threat_connect_export', 'virustotal_collections', 'vt_graph', 'yara_export',
  ],
  action_mod: [
    'export_sentinel', 'mattermost', 'nextcloud_talk', 'slack', 'testaction',
  ],
} as const;
