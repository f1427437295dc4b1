/**
 * apivoid: DNS records and the TLS certificate of a domain, or the
 * verification of an email address, from APIVoid's pay-as-you-go API
 * (`https://endpoint.apivoid.com/<feature>/v1/pay-as-you-go/?key=KEY&…`).
 *
 * Kept from upstream: the name, `apikey`, the input types, the requests: for a
 * domain or hostname `dnslookup …&stats` (the credits left, at least 0.13),
 * `dnslookup …&action=dns-any&host=<value>` and `sslinfo …&host=<value>`; for
 * an email `emailverify …&stats` (at least 0.06) and `emailverify …&email=<value>`.
 * The answer: the input attribute, one `dns-record` object per A / MX / NS
 * record (`resolution-of`, `mail-server-of`, `server-name-of` the input), an
 * `x509` object (`seen-by` the input) and an `apivoid-email-verification`
 * object (`related-to` the input). Upstream's messages: "An API key for
 * APIVoid is required." (asked before the attribute, as upstream) and "You do
 * not have enough APIVoid credits to proceed your request."; another attribute
 * type is refused by the server, naming the types taken (upstream: "Unsupported
 * attribute type.").
 * Fixed: upstream crashes (KeyError) on an answer without records, on a
 * certificate APIVoid did not find, on an email answer missing a field and on
 * APIVoid's `{"error": "…"}` answers: records or a certificate that are not
 * there add nothing, a missing field is left out, and APIVoid's error is
 * named. Booleans are sent as MISP's 1 / 0. HTTP failures name APIVoid, the
 * status and what it said.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute, type InputAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder } from '../../misp/standard-result.js';

const DOMAIN_TYPES = ['domain', 'hostname'];
const INPUT_TYPES = [
  'domain', 'hostname', 'email', 'email-src', 'email-dst', 'email-reply-to', 'dns-soa-email', 'target-email',
  'whois-registrant-email',
];

const MESSAGES = defineMessages({
  noKey: 'An API key for APIVoid is required.',
  noCredits: 'You do not have enough APIVoid credits to proceed your request.',
  vendorError: 'APIVoid answered with an error: {error}.',
});

/** The credits each lookup needs, as upstream checks them (dns-any + sslinfo; emailverify). */
const DOMAIN_CREDITS = 0.13;
const EMAIL_CREDITS = 0.06;

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/** DNS record type → the relation of the dns-record object to the input. */
const DNS_RELATIONSHIPS: Record<string, string> = { A: 'resolution-of', MX: 'mail-server-of', NS: 'server-name-of' };

const EMAIL_BOOLEANS = [
  'valid_format', 'suspicious_username', 'suspicious_email', 'dirty_words_username', 'valid_tld', 'disposable',
  'has_a_records', 'has_mx_records', 'has_spf_records', 'is_spoofable', 'dmarc_configured', 'dmarc_enforced',
  'free_email', 'russian_free_email', 'china_free_email', 'suspicious_domain', 'dirty_words_domain', 'domain_popular',
  'risky_tld', 'police_domain', 'government_domain', 'educational_domain', 'should_block', 'role_address',
] as const;

/** One pay-as-you-go call; APIVoid's `{"error": …}` answers become a named error. */
async function feature(api: VendorApi, name: string, query: Record<string, string>): Promise<Json> {
  const answer = record(await api.get<unknown>(`/${name}/v1/pay-as-you-go/`, { query }));
  const error = text(answer['error']);
  if (error !== undefined) throw MESSAGES.error('vendorError', { error: error.replace(/\.$/, '') });
  return answer;
}

async function requireCredits(api: VendorApi, name: string, needed: number): Promise<void> {
  const stats = await feature(api, name, { stats: '' });
  const left = Number(stats['credits_remained']);
  if (!Number.isFinite(left) || left < needed) throw MESSAGES.error('noCredits');
}

async function addDomain(api: VendorApi, attribute: InputAttribute, result: MispResultBuilder): Promise<void> {
  await requireCredits(api, 'dnslookup', DOMAIN_CREDITS);
  const dns = await feature(api, 'dnslookup', { action: 'dns-any', host: attribute.value });
  const items = record(record(dns['data'])['records'])['items'];
  for (const raw of Array.isArray(items) ? items : []) {
    const item = record(raw);
    const type = text(item['type']);
    const relationship = type === undefined ? undefined : DNS_RELATIONSHIPS[type];
    if (type === undefined || relationship === undefined) continue;
    const target = type === 'A' ? text(item['ip']) : text(item['target']);
    if (target === undefined) continue;
    const relation = type === 'A' ? 'a-record' : type === 'MX' ? 'mx-record' : 'ns-record';
    const object = result.addObject('dns-record', [['queried-domain', text(item['host'])], [relation, target]]);
    result.addReference(object.uuid, attribute.uuid, relationship);
  }

  const ssl = await feature(api, 'sslinfo', { host: attribute.value });
  const certificate = record(record(ssl['data'])['certificate']);
  const fingerprint = text(certificate['fingerprint']);
  if (certificate['found'] === false || fingerprint === undefined) return;
  const details = record(certificate['details']);
  const object = result.addObject('x509', [
    ['x509-fingerprint-sha1', fingerprint],
    ['subject', text(record(details['subject'])['name'])],
    ['issuer', text(record(details['issuer'])['common_name'])],
    ['serial-number', text(record(details['signature'])['serial'])],
    ['validity-not-before', text(record(details['validity'])['valid_from'])],
    ['validity-not-after', text(record(details['validity'])['valid_to'])],
  ]);
  result.addReference(object.uuid, attribute.uuid, 'seen-by');
}

async function addEmail(api: VendorApi, attribute: InputAttribute, result: MispResultBuilder): Promise<void> {
  await requireCredits(api, 'emailverify', EMAIL_CREDITS);
  const answer = await feature(api, 'emailverify', { email: attribute.value });
  const data = record(answer['data']);
  const flag = (value: unknown) => (typeof value === 'boolean' ? (value ? 1 : 0) : undefined);
  const score = typeof data['score'] === 'number' ? data['score'] : undefined;
  const object = result.addObject('apivoid-email-verification', [
    ...EMAIL_BOOLEANS.map((name) => [name, flag(data[name])] as const),
    ['email', text(data['email'])],
    ['username', text(data['username'])],
    ['domain', text(data['domain'])],
    ['score', score],
  ]);
  result.addReference(object.uuid, attribute.uuid, 'related-to');
}

export default defineModule({
  name: 'apivoid',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.2',
    author: 'Christian Studer',
    description: 'Module to query APIVoid with some domain attributes.',
    name: 'APIVoid',
    logo: 'apivoid.png',
    requirements: ['A valid APIVoid API key with enough credits to proceed 2 queries'],
    features:
      'This module takes a domain name and queries API Void to get the related DNS records and the SSL certificates.' +
      ' It returns then those pieces of data as MISP objects that can be added to the event.\n\nTo make it work, a' +
      ' valid API key and enough credits to proceed 2 queries (0.06 + 0.07 credits) are required.',
    references: ['https://www.apivoid.com/'],
    input: 'A domain attribute.',
    output: 'DNS records and SSL certificates related to the domain.',
  },
  config: { apikey: { description: 'APIVoid API key', secret: true } },
  attributes: { input: INPUT_TYPES, format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'APIVoid',
      baseUrl: 'https://endpoint.apivoid.com',
      auth: { in: 'query', param: 'key', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    api.requireKey();
    const attribute = requireAttribute(query, INPUT_TYPES);

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    if (DOMAIN_TYPES.includes(attribute.type)) await addDomain(api, attribute, result);
    else await addEmail(api, attribute, result);
    return result.toResults();
  },
});
