/**
 * Validin crawl history (`records.crawlr[]`): the latest crawl of each port,
 * as upstream, as an `http-request` object (host, url rebuilt from scheme,
 * host or ip, port and path, method GET, ip-dst) and, when the crawl saw a
 * certificate, an `x509` object the request `uses`. Upstream's
 * "http-response" object has no misp-objects template: what it held
 * (status line, title, size, time, redirect, header lines, header/banner
 * MD5, body SHA-1, certificate SHA-256, external domains) is kept as lines
 * of the request's `text`. In the x509 object, the leaf certificate's
 * details fill the fingerprints and serial number; the chain's other
 * fingerprints and serials, the JARM and the issuer's fields go in `text`
 * (the template holds one fingerprint of each kind).
 */
import type { MispResultBuilder } from '../../../misp/standard-result.js';
import type { ValidinInput } from './dns.js';
import { texts } from './registration.js';

export interface CrawlValue {
  host?: unknown;
  location_domain?: unknown;
  ip?: unknown;
  scheme?: unknown;
  port?: unknown;
  path?: unknown;
  title?: unknown;
  response_line?: unknown;
  start_line?: unknown;
  banner?: unknown;
  banner_full?: unknown;
  length?: unknown;
  time?: unknown;
  header_hash?: unknown;
  banner_0_hash?: unknown;
  banner_hash?: unknown;
  body_hash?: unknown;
  location?: unknown;
  cert_fingerprint_sha256?: unknown;
  cert?: { cert_issuer?: unknown; issuer?: unknown; not_before?: unknown; not_after?: unknown; chain_fingerprints?: unknown };
  cert_details?: { fingerprint?: unknown; fingerprint_sha256?: unknown; jarm?: unknown; domains?: unknown };
  cert_chain_serials?: unknown;
  ext_links?: unknown;
}

const first = (value: unknown): string | undefined => texts(value)[0];

function time(value: unknown): number {
  const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
}

function portOf(value: unknown): number | undefined {
  const port = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

/** The latest crawl of each port (crawls without a port are left out, as upstream). */
export function latestPerPort(crawls: Array<{ value?: CrawlValue }>): CrawlValue[] {
  const sorted = crawls.filter((c) => typeof c?.value === 'object' && c.value !== null).sort((a, b) => time(b.value?.time) - time(a.value?.time));
  const seen = new Set<number>();
  const selected: CrawlValue[] = [];
  for (const crawl of sorted) {
    const port = portOf(crawl.value?.port);
    if (port === undefined || seen.has(port)) continue;
    seen.add(port);
    selected.push(crawl.value!);
  }
  return selected;
}

/** Upstream's URL: scheme://host[:port]/path, the port only when not the scheme's own. */
function crawlUrl(crawl: CrawlValue, host: string | undefined, port: number | undefined): string | undefined {
  const urlHost = host ?? first(crawl.ip);
  if (!urlHost) return undefined;
  const scheme = first(crawl.scheme) ?? (port === 443 ? 'https' : 'http');
  let path = first(crawl.path) ?? '/';
  if (!path.startsWith('/')) path = `/${path}`;
  const ownPort = (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
  const hostPart = urlHost.includes(':') && !urlHost.startsWith('[') ? `[${urlHost}]` : urlHost;
  return `${scheme}://${hostPart}${port && !ownPort ? `:${port}` : ''}${path}`;
}

function responseLines(crawl: CrawlValue, port: number | undefined): string[] {
  const lines: string[] = [];
  const add = (label: string, value: unknown) => {
    for (const text of texts(value)) lines.push(`${label}: ${text}`);
  };
  add('port', port);
  add('status-line', first(crawl.response_line) ?? first(crawl.start_line));
  add('title', crawl.title);
  add('size-in-bytes', crawl.length);
  add('retrieval-time', crawl.time);
  add('redirect-to', crawl.location);
  add('header-md5', crawl.header_hash);
  add('banner-md5', first(crawl.banner_0_hash) ?? first(crawl.banner_hash));
  add('body-sha1', crawl.body_hash);
  add('x509-fingerprint-sha256', crawl.cert_fingerprint_sha256);
  const links = typeof crawl.ext_links === 'object' && crawl.ext_links !== null ? Object.values(crawl.ext_links as Record<string, unknown>) : [];
  add('external-domain', [...new Set(links.flatMap((list) => (Array.isArray(list) ? texts(list) : [])))].sort());
  add('header-line', crawl.banner_full);
  return lines;
}

function issuerText(issuer: unknown): string | undefined {
  if (typeof issuer === 'object' && issuer !== null && !Array.isArray(issuer)) {
    const parts = Object.entries(issuer as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => `${k}=${String(v)}`);
    return parts.length ? parts.join(', ') : undefined;
  }
  return first(issuer);
}

function addCertificate(result: MispResultBuilder, input: ValidinInput, crawl: CrawlValue): string | undefined {
  const cert = crawl.cert ?? {};
  const details = crawl.cert_details ?? {};
  if (Object.keys(cert).length === 0 && Object.keys(details).length === 0) return undefined;
  const issuer = issuerText(cert.cert_issuer ?? cert.issuer);
  const leafSha1 = first(details.fingerprint) ?? first(cert.chain_fingerprints);
  const serials = texts(crawl.cert_chain_serials);
  const chainSha1 = texts(cert.chain_fingerprints).filter((fp) => fp !== leafSha1);
  const lines = [
    ...chainSha1.map((fp) => `chain x509-fingerprint-sha1: ${fp}`),
    ...serials.slice(1).map((serial) => `chain serial-number: ${serial}`),
    ...texts(details.jarm).map((jarm) => `jarm-fingerprint: ${jarm}`),
  ];
  if (!issuer && !leafSha1 && !first(details.fingerprint_sha256) && !serials[0]) return undefined;
  const object = result.addObject('x509', [
    ['issuer', issuer],
    ['validity-not-before', first(cert.not_before)],
    ['validity-not-after', first(cert.not_after)],
    ['serial-number', serials[0]],
    ['x509-fingerprint-sha1', leafSha1],
    ['x509-fingerprint-sha256', first(details.fingerprint_sha256)],
    ['dns_names', texts(details.domains)],
    ['text', lines.length ? lines.join('\n') : undefined],
  ], { comment: 'Validin crawl certificate' });
  result.addReference(object.uuid, input.uuid, 'related-to');
  return object.uuid;
}

export function addCrawls(result: MispResultBuilder, input: ValidinInput, crawls: Array<{ value?: CrawlValue }>): void {
  for (const crawl of latestPerPort(crawls)) {
    const port = portOf(crawl.port);
    const host = first(crawl.host) ?? first(crawl.location_domain);
    const url = crawlUrl(crawl, host, port);
    const certUuid = addCertificate(result, input, crawl);
    if (!url) continue; // the http-request template needs a url (or uri)
    const lines = responseLines(crawl, port);
    const request = result.addObject('http-request', [
      ['host', host],
      ['url', url],
      ['method', 'GET'],
      ['ip-dst', first(crawl.ip)],
      ['text', lines.join('\n')],
    ], { comment: `Validin crawl of port ${port}` });
    result.addReference(request.uuid, input.uuid, 'related-to');
    if (certUuid) result.addReference(request.uuid, certUuid, 'uses');
  }
}
