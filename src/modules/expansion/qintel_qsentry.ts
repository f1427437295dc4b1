/**
 * qintel_qsentry: IP reputation from Qintel QSentry. Asks
 * `GET https://api.qsentry.qintel.com/?q=<ip>` (or the `remote` an admin
 * set) with the token in `x-api-key`, as upstream's lib/qintel_helper does,
 * and answers the input, an `ip-port` object with the IP tagged
 * `qintel:tag="<tag>"`, QSentry's descriptions and last-seen, and an `asn`
 * object (AS number, name title-cased), both linked `related-to` the input.
 *
 * Kept from upstream: the name, `token` and `remote` (the QSentry base URL,
 * reached as configured), the helper's User-Agent (integrations-helper/1.0.1),
 * the token checked first ("Missing Qintel token"), the attribute check (a
 * type and a value) and "Unsupported attribute type", distribution 0 on what
 * it adds, the input's to_ids on the tagged IP, and the hover-only "Tags"
 * text (queries without `event_id`).
 * Fixed: upstream's "Qintel Threat Enrichment" object has no MISP template
 * (MISP cannot store it): its content goes into an `ip-port` object (the IP
 * as ip-src/ip-dst like the input, descriptions as text, last-seen), with
 * the object comment "Qintel Threat Enrichment"; tag colours are MISP's to
 * choose (a result tag carries no colour); an IP QSentry knows nothing of
 * (upstream crashes on the missing `tags`) is an empty result; an answer
 * without an ASN gets no asn object (upstream adds one holding only
 * "Unknown"); a failure names Qintel QSentry, the HTTP status and its message
 * instead of "API connection error" (upstream retries 429/504 up to 4 times
 * with waits of several seconds; we answer at once).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { MispResultBuilder } from '../../misp/standard-result.js';

const INPUT_TYPES = ['ip-src', 'ip-dst'] as const;
const DEFAULT_REMOTE = 'https://api.qsentry.qintel.com';

const MESSAGES = defineMessages({
  noToken: 'Missing Qintel token',
  noAttribute: 'This module requires an "attribute" field as input, containing at least a "type" field and a "value" field',
  unsupported: 'Unsupported attribute type',
  notObject: 'Qintel QSentry answered something that is not a JSON object.',
});

/** What QSentry answers for an IP (the fields read). */
interface QsentryRecord {
  tags?: unknown;
  descriptions?: unknown;
  last_seen?: unknown;
  asn?: unknown;
  asn_name?: unknown;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []);

/** Python's str.title(): each run of letters starts upper-case, the rest lower-case. */
function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

function isTrue(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || (typeof value === 'string' && value.toLowerCase() === 'true');
}

export default defineModule({
  name: 'qintel_qsentry',
  kind: 'expansion',
  moduleType: ['hover', 'expansion'],
  meta: {
    version: '1.0',
    author: 'Qintel, LLC',
    description: 'A hover and expansion module which queries Qintel QSentry for ip reputation data',
    name: 'Qintel QSentry Lookup',
    logo: 'qintel.png',
    requirements: ['A Qintel API token'],
    features:
      'This module takes an ip-address (ip-src or ip-dst) attribute as input, and queries the Qintel QSentry API to retrieve ' +
      'ip reputation data',
    references: ['https://www.qintel.com/products/qsentry/'],
    input: 'ip address attribute',
    output: '',
  },
  config: {
    token: { description: 'Qintel API token (sent as x-api-key)', secret: true },
    remote: { description: `QSentry API base URL (default ${DEFAULT_REMOTE})` },
  },
  attributes: { input: [...INPUT_TYPES], output: ['ip-src', 'ip-dst', 'AS', 'freetext'], format: 'misp_standard' },
  // Upstream checks the token before the attribute: the module checks its input itself.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'Qintel QSentry',
      baseUrl: (ctx.config['remote']?.trim() || DEFAULT_REMOTE).replace(/\/+$/, ''),
      auth: { in: 'header', header: 'x-api-key', setting: 'token' },
      missingKey: () => MESSAGES.error('noToken'),
      headers: { 'User-Agent': 'integrations-helper/1.0.1' },
    });
    api.requireKey();
    const attribute = query['attribute'];
    if (typeof attribute !== 'object' || attribute === null || Array.isArray(attribute)) throw MESSAGES.error('noAttribute');
    const input = attribute as Record<string, unknown>;
    const value = typeof input['value'] === 'string' ? input['value'].trim() : '';
    if (typeof input['type'] !== 'string' || value === '') throw MESSAGES.error('noAttribute');
    const type = input['type'];
    if (type !== 'ip-src' && type !== 'ip-dst') throw MESSAGES.error('unsupported');

    const record = await api.get<unknown>('/', { query: { q: value } });
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw MESSAGES.error('notObject');
    const found = record as QsentryRecord;
    const tags = strings(found.tags);
    const descriptions = strings(found.descriptions);
    const lastSeen = typeof found.last_seen === 'string' && found.last_seen.trim() !== '' ? found.last_seen : undefined;
    const asn = typeof found.asn === 'number' || (typeof found.asn === 'string' && found.asn.trim() !== '') ? String(found.asn) : undefined;
    const result = new MispResultBuilder();
    if (tags.length === 0 && descriptions.length === 0 && lastSeen === undefined && asn === undefined) return result.toResults();

    // The input as MISP sent it (a uuid when MISP gave one; references need it).
    const uuid = typeof input['uuid'] === 'string' && input['uuid'] !== '' ? input['uuid'] : undefined;
    if (uuid) result.echoInputAttribute({ ...input, type, value, uuid });
    const hover = query['event_id'] === undefined || query['event_id'] === null || query['event_id'] === '';
    const enriched = result.addObject(
      'ip-port',
      [
        {
          relation: type,
          value,
          to_ids: isTrue(input['to_ids']),
          distribution: 0,
          tags: tags.map((tag) => `qintel:tag="${tag}"`),
        },
        { relation: 'text', value: descriptions.length ? descriptions.join('\n') : undefined, distribution: 0 },
        { relation: 'last-seen', value: lastSeen, distribution: 0 },
        ...(hover && tags.length ? [{ relation: 'text' as const, value: tags.join(', '), comment: 'Tags' }] : []),
      ],
      { comment: 'Qintel Threat Enrichment' },
    );
    if (uuid) result.addReference(enriched.uuid, uuid, 'related-to');
    if (asn !== undefined) {
      const name = typeof found.asn_name === 'string' && found.asn_name !== '' ? found.asn_name : 'unknown';
      const asnObject = result.addObject('asn', [
        { relation: 'asn', value: asn, distribution: 0 },
        { relation: 'description', value: titleCase(name), distribution: 0 },
      ]);
      if (uuid) result.addReference(asnObject.uuid, uuid, 'related-to');
    }
    return result.toResults();
  },
});
