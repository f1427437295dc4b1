/**
 * urlscan: submits each input (ip-src, ip-dst, domain, hostname, url) to
 * urlscan.io for a scan and maps the finished result to legacy attributes,
 * as upstream: `POST https://urlscan.io/api/v1/scan/` with `{"url": …}` and
 * the key in the `API-Key` header, then `GET /api/v1/result/{uuid}` until the
 * scan is done (urlscan answers 404 `{"message": "Scan is not finished yet",
 * "status": 404}` meanwhile). Mapped: page domain → domain, ip → ip-dst,
 * ptr → hostname, country/city, asnname, tlsIssuer, title and server → text,
 * asn → AS, Google Safe Browsing threat types when `stats.malicious`,
 * phishing themes of the listed URLs → text, report and screenshot URLs →
 * link; every comment "<input>: Enriched via the urlscan module[ - what]";
 * duplicates removed. A page whose requests failed with an error other than
 * ERR_ABORTED / ERR_FAILED / ERR_QUIC_PROTOCOL_ERROR gives upstream's error
 * "Domain could not be resolved: <errorText>".
 *
 * Kept from upstream: the name, the `apikey` setting, input/output types, the
 * requests, the mapping and the messages above.
 * Fixed: the polling waits (1 s, then urlscan's recommended 2 s) until the
 * scan is done, bounded by the query's timeout and 30 polls, instead of
 * sleeping 3 s ten times whatever the timeout; the result request carries the
 * key too (urlscan made the Result API authenticated-only; upstream sends
 * none). A submission urlscan refuses (400 with its own message, e.g. a
 * blocked domain) or any other status names urlscan, the status and what it
 * said (upstream raises a bare "HTTP Error 400" and crashes). Upstream's
 * phishing-theme loop reuses the previous text (or crashes) for a URL that
 * matches no theme: such URLs add nothing here. A malicious verdict without
 * a Google Safe Browsing processor no longer crashes. Missing fields anywhere
 * in the result are skipped. urlscan documents quotas per account (see its
 * /user/quotas/ endpoint), not one fixed rate, so none is declared; a 429 is
 * reported as a rate-limit error.
 *
 * urlscan's search API is not called: upstream never searches (its
 * `search_url` submits a scan), and the module has no limit setting.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { VendorNotFoundError } from '../../core/vendor-api.js';
import { legacyResults, type LegacyEntryInput } from '../../misp/legacy-result.js';
import type { Category, LegacyType } from '../../misp/types.js';

const INPUT_TYPES = ['ip-src', 'ip-dst', 'domain', 'hostname', 'url'] as const;
/** Waits before each result poll: 1 s, then urlscan's recommended 2 s. */
const FIRST_POLL_MS = 1000;
const POLL_INTERVAL_MS = 2000;
const MAX_POLLS = 30;
/** Failed requests that do not mean the page could not load (upstream's list). */
const HARMLESS_FAILURES = ['net::ERR_ABORTED', 'net::ERR_FAILED', 'net::ERR_QUIC_PROTOCOL_ERROR'];
/** Phishing themes upstream recognises in the listed URLs, first match wins. */
const THEMES: Array<[(url: string) => boolean, string]> = [
  [(url) => url.includes('office'), 'Possible Office-themed phishing'],
  [(url) => url.includes('o365') || url.includes('0365'), 'Possible O365-themed phishing'],
  [(url) => url.includes('microsoft'), 'Possible Microsoft-themed phishing'],
  [(url) => url.includes('paypal'), 'Possible PayPal-themed phishing'],
  [(url) => url.includes('onedrive'), 'Possible OneDrive-themed phishing'],
  [(url) => url.includes('docusign'), 'Possible DocuSign-themed phishing'],
];

const MESSAGES = defineMessages({
  noKey: 'Urlscan apikey is missing',
  notResolved: 'Domain could not be resolved: {errorText}',
  notProcessed: 'Results contained a 404 status error and could not be processed.',
  noUuid: 'urlscan.io accepted the submission of {value} but gave no scan uuid.',
});

interface Submission {
  message?: string;
  uuid?: string;
  result?: string;
  api?: string;
  visibility?: string;
  url?: string;
}

interface ScanResult {
  data?: { requests?: Array<{ response?: { failed?: { errorText?: string } } }> };
  page?: Record<string, unknown>;
  stats?: { malicious?: number };
  meta?: { processors?: { gsb?: { data?: { matches?: Array<{ threatType?: string }> } } } };
  lists?: { urls?: unknown[] };
  task?: { reportURL?: string; screenshotURL?: string };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Submits one value and waits for its result within the query's time. */
async function scan(api: VendorApi, value: string, signal: AbortSignal): Promise<ScanResult> {
  const submission = await api.post<Submission>('/api/v1/scan/', {
    json: { url: value },
    headers: { 'Cache-Control': 'no-cache' },
  });
  const uuid = text(submission?.uuid);
  if (!uuid) throw MESSAGES.error('noUuid', { value });
  for (let poll = 0; poll < MAX_POLLS; poll += 1) {
    await sleep(poll === 0 ? FIRST_POLL_MS : POLL_INTERVAL_MS, undefined, { signal });
    try {
      return await api.get<ScanResult>(`/api/v1/result/${encodeURIComponent(uuid)}`);
    } catch (error) {
      // 404 "Scan is not finished yet": poll again.
      if (!(error instanceof VendorNotFoundError)) throw error;
    }
  }
  throw MESSAGES.error('notProcessed');
}

/** Upstream's mapping of one scan result. */
function entries(value: string, result: ScanResult): LegacyEntryInput[] {
  for (const request of result.data?.requests ?? []) {
    const errorText = text(request?.response?.failed?.errorText);
    if (errorText && !HARMLESS_FAILURES.includes(errorText)) throw MESSAGES.error('notResolved', { errorText });
  }
  const comment = `${value}: Enriched via the urlscan module`;
  const found: LegacyEntryInput[] = [];
  const add = (types: LegacyType, category: Category, val: string | undefined, what?: string) => {
    if (val !== undefined) found.push({ types, categories: [category], values: val, comment: what ? `${comment} - ${what}` : comment });
  };
  const page = result.page ?? {};
  add('domain', 'Network activity', text(page['domain']), 'Domain');
  add('ip-dst', 'Network activity', text(page['ip']), 'IP');
  add('hostname', 'Network activity', text(page['ptr']), 'PTR');
  const country = text(page['country']);
  if (country) {
    const city = text(page['city']);
    add('text', 'External analysis', `country: ${country}${city ? `, city: ${city}` : ''}`, 'Country/City');
  }
  add('AS', 'External analysis', text(page['asn']), 'ASN');
  add('text', 'External analysis', text(page['asnname']), 'ASN name');
  add('text', 'External analysis', text(page['tlsIssuer']), 'TLS Issuer');
  add('text', 'External analysis', text(page['title']), 'Page title');
  add('text', 'External analysis', text(page['server']), 'Server');

  if (result.stats?.malicious) {
    const threats = new Set<string>();
    for (const match of result.meta?.processors?.gsb?.data?.matches ?? []) {
      const threat = text(match?.threatType);
      if (threat) threats.add(threat);
    }
    if (threats.size > 0) add('text', 'External analysis', `${[...threats].join(', ')} threat(s) detected`);
  }
  for (const url of result.lists?.urls ?? []) {
    if (typeof url !== 'string') continue;
    const theme = THEMES.find(([matches]) => matches(url.toLowerCase()));
    if (theme) add('text', 'External analysis', theme[1]);
  }
  add('link', 'External analysis', text(result.task?.reportURL));
  add('link', 'External analysis', text(result.task?.screenshotURL));
  return found;
}

export default defineModule({
  name: 'urlscan',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.1',
    author: 'Dave Johnson',
    description: 'An expansion module to query urlscan.io.',
    name: 'URLScan Lookup',
    logo: 'urlscan.jpg',
    requirements: ['An access to the urlscan.io API'],
    features:
      'This module takes a MISP attribute as input and queries urlscan.io with it.\n\nThe result of this query is' +
      ' then parsed and some data is mapped into MISP attributes in order to enrich the input attribute.',
    references: ['https://urlscan.io/'],
    input: 'A domain, hostname or url attribute.',
    output: 'MISP attributes mapped from the result of the query on urlscan.io.',
  },
  config: { apikey: { description: 'Your urlscan.io API key, sent in the API-Key header (submission and result).', secret: true } },
  attributes: { input: [...INPUT_TYPES], output: ['hostname', 'domain', 'ip-src', 'ip-dst', 'url', 'text', 'link', 'hash'] },
  // Each query submits a new scan: never shared between queries.
  coalesce: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'urlscan.io',
      baseUrl: 'https://urlscan.io',
      auth: { in: 'header', header: 'API-Key', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    api.requireKey();
    const found: LegacyEntryInput[] = [];
    for (const type of INPUT_TYPES) {
      const value = query[type];
      if (typeof value !== 'string' || value.trim() === '') continue;
      found.push(...entries(value, await scan(api, value, ctx.signal)));
    }
    const seen = new Set<string>();
    return legacyResults(
      found.filter((entry) => {
        const id = JSON.stringify(entry);
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      }),
    );
  },
});
