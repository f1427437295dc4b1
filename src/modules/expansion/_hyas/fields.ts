/**
 * What the hyasinsight module shows of each HYAS Insight endpoint's records:
 * the object title upstream gives the endpoint, and the (flattened) record
 * fields it keeps with their labels, in upstream's order. Facts copied from
 * upstream's HyasInsightParser tables.
 */

export type HyasEndpoint =
  | 'passivedns'
  | 'dynamicdns'
  | 'passivehash'
  | 'sinkhole'
  | 'ssl_certificate'
  | 'device_geo'
  | 'whois'
  | 'whois/v1'
  | 'sample'
  | 'sample/information'
  | 'c2attribution'
  | 'os_indicators';

export const HYAS_TITLES: Record<HyasEndpoint, string> = {
  dynamicdns: 'Dynamic DNS Information',
  passivehash: 'Passive Hash Information',
  sinkhole: 'Sinkhole Information',
  ssl_certificate: 'SSL Certificate Information',
  device_geo: 'Mobile Geolocation Information',
  c2attribution: 'C2 Attribution Information',
  passivedns: 'Passive DNS Information',
  whois: 'Whois Related Information',
  'whois/v1': 'Whois Current Related Information',
  'sample/information': 'Malware Sample Information',
  os_indicators: 'Open Source Intel for malware, ssl certificates and other indicators Information',
  sample: 'Malware Sample Records Information',
};

const WHOIS_LABELS = {
  abuse_emails: 'Abuse Emails',
  address: 'Address',
  city: 'City',
  country: 'Country',
  datetime: 'Datetime',
  domain: 'Domain',
  domain_2tld: 'Domain 2tld',
  domain_created_datetime: 'Domain Created Time',
  domain_expires_datetime: 'Domain Expires Time',
  domain_updated_datetime: 'Domain Updated Time',
  email: 'Email Address',
  idn_name: 'IDN Name',
  name: 'Name',
  nameserver: 'Nameserver',
  organization: 'Organization',
  phone: 'Phone Info',
  privacy_punch: 'Privacy Punch',
  registrar: 'Registrar',
};

/** Flattened field name → label, per endpoint (field order is upstream's). */
export const HYAS_LABELS: Record<HyasEndpoint, Record<string, string>> = {
  c2attribution: {
    actor_ipv4: 'Actor IPv4',
    c2_domain: 'C2 Domain',
    c2_ip: 'C2 IP',
    c2_url: 'C2 URL',
    datetime: 'DateTime',
    email: 'Email',
    email_domain: 'Email Domain',
    referrer_domain: 'Referrer Domain',
    referrer_ipv4: 'Referrer IPv4',
    referrer_url: 'Referrer URL',
    sha256: 'SHA256',
  },
  device_geo: {
    datetime: 'DateTime',
    device_user_agent: 'Device User Agent',
    geo_country_alpha_2: 'Alpha-2 Code',
    geo_horizontal_accuracy: 'GPS Horizontal Accuracy',
    ipv4: 'IPv4 Address',
    ipv6: 'IPv6 Address',
    latitude: 'Latitude',
    longitude: 'Longitude',
    wifi_bssid: 'WIFI BSSID',
  },
  dynamicdns: {
    a_record: 'A Record',
    account: 'Account Holder',
    created: 'Created Date',
    created_ip: 'Account Holder IP Address',
    domain: 'Domain',
    domain_creator_ip: 'Domain Creator IP Address',
    email: 'Email Address',
  },
  os_indicators: {
    context: 'Context',
    datetime: 'DateTime',
    domain: 'Domain',
    domain_2tld: 'Domain 2TLD',
    first_seen: 'First Seen',
    ipv4: 'IPv4 Address',
    ipv6: 'IPv6 Address',
    last_seen: 'Last Seen',
    md5: 'MD5',
    sha1: 'SHA1',
    sha256: 'SHA256',
    source_name: 'Source Name',
    source_url: 'Source URL',
    url: 'URL',
  },
  passivedns: {
    cert_name: 'Certificate Provider Name',
    count: 'Passive DNS Count',
    domain: 'Domain',
    first_seen: 'First Seen',
    ip_geo_city_name: 'IP Organization City',
    ip_geo_country_iso_code: 'IP Organization Country ISO Code',
    ip_geo_country_name: 'IP Organization Country Name',
    ip_geo_location_latitude: 'IP Organization Latitude',
    ip_geo_location_longitude: 'IP Organization Longitude',
    ip_geo_postal_code: 'IP Organization Postal Code',
    ip_ip: 'IP Address',
    ip_isp_autonomous_system_number: 'ASN IP',
    ip_isp_autonomous_system_organization: 'ASO IP',
    ip_isp_ip_address: 'IP Address',
    ip_isp_isp: 'ISP',
    ip_isp_organization: 'ISP Organization',
    ipv4: 'IPv4 Address',
    ipv6: 'IPv6 Address',
    last_seen: 'Last Seen',
  },
  passivehash: { domain: 'Domain', md5_count: 'Passive DNS Count' },
  sample: {
    datetime: 'DateTime',
    domain: 'Domain',
    ipv4: 'IPv4 Address',
    ipv6: 'IPv6 Address',
    md5: 'MD5',
    sha1: 'SHA1',
    sha256: 'SHA256',
  },
  'sample/information': {
    avscan_score: 'AV Scan Score',
    md5: 'MD5',
    av_name: 'AV Name',
    def_time: 'AV DateTime',
    threat_found: 'Source',
    scan_time: 'Scan DateTime',
    sha1: 'SHA1',
    sha256: 'SHA256',
    sha512: 'SHA512',
  },
  sinkhole: {
    count: 'Sinkhole Count',
    country_name: 'IP Address Country',
    country_code: 'IP Address Country Code',
    data_port: 'Data Port',
    datetime: 'First Seen',
    ipv4: 'IP Address',
    last_seen: 'Last Seen',
    organization_name: 'ISP Organization',
    sink_source: 'Sink Source IP',
  },
  ssl_certificate: {
    ip: 'IP Address',
    ssl_cert_cert_key: 'Certificate Key',
    ssl_cert_expire_date: 'Certificate Expiration Date',
    ssl_cert_issue_date: 'Certificate Issue Date',
    ssl_cert_issuer_commonName: 'Issuer Common Name',
    ssl_cert_issuer_countryName: 'Issuer Country Name',
    ssl_cert_issuer_localityName: 'Issuer City Name',
    ssl_cert_issuer_organizationName: 'Issuer Organization Name',
    ssl_cert_issuer_organizationalUnitName: 'Issuer Organization Unit Name',
    ssl_cert_issuer_stateOrProvinceName: 'Issuer State or Province Name',
    ssl_cert_md5: 'Certificate MD5',
    ssl_cert_serial_number: 'Certificate Serial Number',
    ssl_cert_sha1: 'Certificate SHA1',
    ssl_cert_sha_256: 'Certificate SHA256',
    ssl_cert_sig_algo: 'Certificate Signature Algorithm',
    ssl_cert_ssl_version: 'SSL Version',
    ssl_cert_subject_commonName: 'Reciever Subject Name',
    ssl_cert_subject_countryName: 'Receiver Country Name',
    ssl_cert_subject_localityName: 'Receiver City Name',
    ssl_cert_subject_organizationName: 'Receiver Organization Name',
    ssl_cert_subject_organizationalUnitName: 'Receiver Organization Unit Name',
    ssl_cert_timestamp: 'Certificate DateTime',
  },
  whois: WHOIS_LABELS,
  'whois/v1': { ...WHOIS_LABELS, phone: 'Phone', state: 'State' },
};

/** Which endpoints upstream asks for each kind of input, with the filter name (in upstream's order). */
export type HyasQueryPlan = ReadonlyArray<readonly [HyasEndpoint, string]>;

export function hyasPlan(type: string, ipFilter: 'ipv4' | 'ipv6' | 'ip'): HyasQueryPlan | undefined {
  if (type === 'ip-src' || type === 'ip-dst') {
    return [
      ['dynamicdns', 'ip'],
      ['passivedns', 'ip'],
      ['passivehash', 'ipv4'],
      ['sinkhole', 'ipv4'],
      ['ssl_certificate', 'ip'],
      ['device_geo', ipFilter],
      ['c2attribution', 'ip'],
      ['sample', 'ipv4'],
      ['os_indicators', 'ip'],
    ];
  }
  if (type === 'hostname' || type === 'domain') {
    return (['passivedns', 'dynamicdns', 'whois', 'sample', 'whois/v1', 'passivehash', 'c2attribution', 'ssl_certificate', 'os_indicators'] as const).map(
      (endpoint) => [endpoint, 'domain'] as const,
    );
  }
  if (['email', 'email-src', 'email-dst', 'target-email', 'whois-registrant-email'].includes(type)) {
    return [['dynamicdns', 'email'], ['whois', 'email'], ['c2attribution', 'email']];
  }
  if (type === 'phone-number' || type === 'whois-registrant-phone') return [['whois', 'phone']];
  // Upstream switches the filter to `hash` at sample/information and keeps it for the endpoints after it.
  if (['md5', 'x509-fingerprint-md5', 'ja3-fingerprint-md5', 'hassh-md5', 'hasshserver-md5'].includes(type)) {
    return [['sample', 'md5'], ['sample/information', 'hash'], ['os_indicators', 'hash']];
  }
  if (type === 'sha1' || type === 'x509-fingerprint-sha1') {
    return [['ssl_certificate', 'hash'], ['sample/information', 'hash'], ['os_indicators', 'hash']];
  }
  if (type === 'sha256' || type === 'x509-fingerprint-sha256') {
    return [['c2attribution', 'sha256'], ['sample/information', 'hash'], ['os_indicators', 'hash']];
  }
  if (type === 'sha512') return [['sample/information', 'hash']];
  return undefined;
}
