/**
 * VirusTotal Graph node types, their expansions (relationships) and the id
 * patterns, as vt_graph_api 2.2.0 (`vt_graph_api/node.py`) declares them.
 */

export const SUPPORTED_NODE_TYPES: ReadonlySet<string> = new Set([
  'file', 'url', 'domain', 'ip_address', 'whois', 'ssl_cert', 'collection', 'reference',
]);

export const NODE_EXPANSIONS: Readonly<Record<string, readonly string[]>> = {
  file: [
    'bundled_files', 'collections', 'compressed_parents', 'contacted_domains', 'contacted_ips', 'contacted_urls',
    'dropped_files', 'email_parents', 'email_attachments', 'embedded_domains', 'embedded_urls', 'embedded_ips',
    'execution_parents', 'itw_domains', 'itw_urls', 'itw_ips', 'overlay_parents', 'overlay_children', 'pcap_parents',
    'pe_resource_parents', 'pe_resource_children', 'references', 'similar_files', 'urls_for_embedded_js',
  ],
  url: [
    'downloaded_files', 'last_serving_ip_address', 'network_location', 'redirecting_urls', 'contacted_domains',
    'contacted_ips', 'redirects_to', 'urls_related_by_tracker_id', 'communicating_files', 'referrer_files',
    'embedded_js_files', 'collections', 'references',
  ],
  domain: [
    'immediate_parent', 'parent', 'communicating_files', 'downloaded_files', 'referrer_files', 'resolutions',
    'siblings', 'subdomains', 'urls', 'historical_ssl_certificates', 'historical_whois', 'caa_records',
    'cname_records', 'mx_records', 'ns_records', 'soa_records', 'collections', 'references',
  ],
  ip_address: [
    'communicating_files', 'downloaded_files', 'referrer_files', 'resolutions', 'urls', 'historical_ssl_certificates',
    'historical_whois', 'collections', 'references',
  ],
  reference: ['files', 'domains', 'urls', 'ip_addresses', 'collections'],
  collection: ['files', 'domains', 'ip_addresses', 'urls', 'references'],
  whois: ['network_location'],
  ssl_cert: [],
};

export function expansionsOf(nodeType: string): readonly string[] {
  return NODE_EXPANSIONS[nodeType] ?? [];
}

/** The API collection of a node type: `ip_address` → `ip_addresses`, `file` → `files`. */
export function endpointOf(nodeType: string): string {
  return nodeType === 'ip_address' ? 'ip_addresses' : `${nodeType}s`;
}

// vt_graph_api matches these with Python's re.match (anchored at the start only).
const URL_RE = /^https?:\/\//i;
const SHA1_RE = /^[0-9a-fA-F]{40}$/;
const MD5_RE = /^[0-9a-fA-F]{32}$/;
const SHA256_RE = /^[0-9a-fA-F]{64}$/;
const IPV4_RE = /^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/;
const DOMAIN_RE = /^([a-z0-9]+(-[a-z0-9]+)*\.)+[a-z]{2,}$/;

export const isUrl = (id: string): boolean => URL_RE.test(id);
export const isMd5OrSha1 = (id: string): boolean => MD5_RE.test(id) || SHA1_RE.test(id);
/** Ids VirusTotal knows as they are: nothing to search for. */
export const isPlainId = (id: string): boolean => DOMAIN_RE.test(id) || IPV4_RE.test(id) || SHA256_RE.test(id);
