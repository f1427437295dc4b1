/**
 * validin: Validin's historic internet dataset for a domain, hostname or
 * IP. Asks the configured endpoint (default https://app.validin.com), header
 * `Authorization: BEARER <api_key>`, `limit=<result_limit>` on every call:
 * `GET /api/axon/{domain|ip}/dns/history/{q}?lookback=14`,
 * `/dns/hostname/{q}?lookback=14`, `/dns/extra/{q}?lookback=14`,
 * `/api/axon/domain/registration/history/{q}?lookback=30` (domains, on an
 * enterprise endpoint only, as upstream), `/api/axon/domain/certificates/{q}`
 * (domains), `/api/axon/{domain|ip}/crawl/history/{q}?lookback=21` and
 * `/api/axon/domain/subdomains/{q}` (domains), and answers dns-record,
 * whois, x509 and http-request objects related to the input, plus the
 * subdomains as domain attributes ("Subdomain of …"). See _validin/ for
 * each mapping.
 *
 * Kept from upstream: the name, `endpoint` / `api_key` / `result_limit`
 * (default 100), the requests above, the selection (latest certificate,
 * latest crawl per port, subdomains), duplicate objects dropped, and the
 * messages "Missing input attribute.", "result_limit must be an integer
 * value.", "result_limit must be a positive integer." and "Validin API key
 * is missing.".
 * Changed: upstream's objects use many relations their templates do not
 * have (and an "http-response" object with no template): here every object
 * is valid against its misp-objects template, the extra facts kept in
 * `text`, comments, first_seen/last_seen (see _validin/*.ts).
 * Fixed: an empty `endpoint` is the default (upstream crashed); an
 * `http://` endpoint is used as given (upstream made it "https://http://…");
 * a 404 on one dataset is "nothing there" instead of failing the whole
 * enrichment; first/last seen are UTC (upstream used the server's local
 * time). Upstream's unused `hover()` (never called by misp-modules) is not
 * ported.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { addLatestCertificate, type CertificateEntry } from './_validin/certificates.js';
import { addCrawls, type CrawlValue } from './_validin/crawl.js';
import { addDnsRecords, addPtrRecords, DNS_RELATION, EXTRA_RELATION, type DnsRecords } from './_validin/dns.js';
import { addRegistrations, type RegistrationRecord } from './_validin/registration.js';

const INPUT_TYPES = ['domain', 'hostname', 'ip-src', 'ip-dst'] as const;

const MESSAGES = defineMessages({
  noInput: 'Missing input attribute.',
  limitNotInteger: 'result_limit must be an integer value.',
  limitNotPositive: 'result_limit must be a positive integer.',
  noKey: 'Validin API key is missing.',
});

const DEFAULT_ENDPOINT = 'app.validin.com';

/** The endpoint as a base URL: a bare host gets https://, no trailing slash. */
export function validinBaseUrl(endpoint: string | undefined): string {
  const trimmed = (endpoint?.trim() || DEFAULT_ENDPOINT).replace(/\/+$/, '');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

function resultLimit(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 100;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) throw MESSAGES.error('limitNotInteger');
  const limit = Number(raw);
  if (limit <= 0) throw MESSAGES.error('limitNotPositive');
  return limit;
}

/** One dataset's `records`; a 404 is an empty dataset. */
async function records<T>(api: VendorApi, path: string, value: string, limit: number, lookback?: number): Promise<T | undefined> {
  const answer = await api.find<{ records?: T }>(`${path}/${encodeURIComponent(value)}`, {
    query: { ...(lookback !== undefined ? { lookback } : {}), limit },
  });
  return answer?.records ?? undefined;
}

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export default defineModule({
  name: 'validin',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1.2',
    author: 'Validin',
    description:
      "Validin internet dataset expansion. Returns dns-records, web crawls, registration (WHOIS) records, and certificates from Validin's historic internet intelligence dataset.",
    name: 'Validin DNS History',
    logo: 'validin.png',
    requirements: [],
    features:
      "Queries Validin's datasets for: DNS history, subdomains, host responses, certificates and registration records (enterprise " +
      'users only) to enrich domains and IPs in MISP. The configured lookback is 14 days for DNS, 21 days for web crawls, and 30 ' +
      'days for registration history. To set this up correctly, you need to configure: a Validin api key, a Validin endpoint ' +
      '(e.g. app.validin.com), and a result_limit, which defaults to 100.',
    references: [],
    input: 'domain, hostname, or IP address.',
    output: 'MISP dns-record objects plus optional subdomain attributes.',
  },
  config: {
    endpoint: { description: 'Validin endpoint, e.g. app.validin.com (https:// is added to a bare host name; default app.validin.com)' },
    api_key: { description: 'Validin API key (sent as Authorization: BEARER <key>)', secret: true },
    result_limit: { description: 'At most this many records per dataset (the limit parameter; default 100)' },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const raw = query['attribute'] as { value?: unknown } | undefined;
    if (typeof raw !== 'object' || raw === null || raw.value === undefined || raw.value === null || raw.value === '') throw MESSAGES.error('noInput');
    const limit = resultLimit(ctx.config['result_limit']);
    if (!ctx.config['api_key']) throw MESSAGES.error('noKey');
    const attribute = requireAttribute(query, INPUT_TYPES);
    const input = { type: attribute.type, value: attribute.value.trim(), uuid: attribute.uuid };
    const baseUrl = validinBaseUrl(ctx.config['endpoint']);
    const api = ctx.vendor({
      name: 'Validin',
      baseUrl,
      auth: { in: 'bearer', setting: 'api_key', scheme: 'BEARER' },
      headers: { 'User-Agent': 'Validin-MISP/1.1', Accept: 'application/json' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    const isIp = input.type.startsWith('ip-');
    const family = isIp ? '/api/axon/ip' : '/api/axon/domain';
    const enterprise = !baseUrl.startsWith('https://app.validin.com');

    const [history, hostnames, extra, registration, certificates, crawls, subdomains] = await Promise.all([
      records<DnsRecords>(api, `${family}/dns/history`, input.value, limit, 14),
      records<DnsRecords>(api, `${family}/dns/hostname`, input.value, limit, 14),
      records<DnsRecords>(api, `${family}/dns/extra`, input.value, limit, 14),
      enterprise && !isIp ? records<{ registration?: unknown }>(api, '/api/axon/domain/registration/history', input.value, limit, 30) : undefined,
      isIp ? undefined : records<{ ctstream?: unknown }>(api, '/api/axon/domain/certificates', input.value, limit),
      records<{ crawlr?: unknown }>(api, `${family}/crawl/history`, input.value, limit, 21),
      isIp ? undefined : records<{ subdomains?: unknown }>(api, '/api/axon/domain/subdomains', input.value, limit),
    ]);

    const result = new MispResultBuilder();
    addDnsRecords(result, input, history ?? {}, DNS_RELATION, 'Validin DNS history');
    addPtrRecords(result, input, hostnames ?? {});
    addDnsRecords(result, input, extra ?? {}, EXTRA_RELATION, 'Validin DNS extra records');
    addRegistrations(result, input, list<RegistrationRecord>(registration?.registration));
    const certs = list<CertificateEntry>(certificates?.ctstream);
    if (certs.length) addLatestCertificate(result, input, certs);
    addCrawls(result, input, list<{ value?: CrawlValue }>(crawls?.crawlr));
    for (const subdomain of list<{ value?: unknown }>(subdomains?.subdomains)) {
      if (typeof subdomain?.value === 'string' && subdomain.value) {
        result.addAttribute({ type: 'domain', value: subdomain.value, comment: `Subdomain of ${input.value}` });
      }
    }
    return result.toResults();
  },
});
