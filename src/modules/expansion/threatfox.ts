/**
 * threatfox: is an indicator known to abuse.ch ThreatFox? `POST
 * https://threatfox-api.abuse.ch/api/v1/` with the JSON body
 * `{"query": "search_ioc", "search_term": <value>}` and the `Auth-Key` header.
 *
 * Kept from upstream: the name, `auth_key`, the input types (the first one
 * present in the query is searched), the legacy answer: one `text` value, the
 * first hit's `threat_type_desc`, tagged with its `malware`, its
 * `malware_printable` and the `misp:confidence-level` tag of its
 * `confidence_level` (the thresholds of threatfox2misp, as upstream), and the
 * message "A auth key is required to access all abuse.ch API services.".
 * Fixed: an `ip-dst|port` / `ip-src|port` value is searched as ThreatFox
 * writes such indicators (`ip:port`), upstream sends `ip|port` which never
 * matches; a search without hits (`no_result`) answers an empty result and
 * another `query_status` or HTTP failure an error naming ThreatFox, where
 * upstream answers an empty string; a hit without a confidence level or
 * malware name (upstream crashes, or tags an empty string) keeps the tags it has.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { abusechApi, AUTH_KEY_SETTING, queryStatus, records, text } from './_abusech/api.js';

const INPUT_TYPES = ['md5', 'sha1', 'sha256', 'domain', 'url', 'email-src', 'ip-dst|port', 'ip-src|port'] as const;

const MESSAGES = defineMessages({
  noKey: 'A auth key is required to access all abuse.ch API services.',
  queryFailed: 'ThreatFox could not search for this value: {status}.',
  unsupported: 'Unsupported attributes type:',
});

/** ThreatFox's confidence (0-100) as the MISP confidence-level tag, the thresholds upstream copied from threatfox2misp. */
const CONFIDENCE_TAGS: ReadonlyArray<readonly [number, string]> = [
  [90, 'misp:confidence-level="completely-confident"'],
  [63, 'misp:confidence-level="usually-confident"'],
  [37, 'misp:confidence-level="fairly-confident"'],
  [10, 'misp:confidence-level="rarely-confident"'],
  [0, 'misp:confidence-level="unconfident"'],
];

function confidenceTag(level: unknown): string | undefined {
  const value = typeof level === 'string' && level.trim() !== '' ? Number(level) : level;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return CONFIDENCE_TAGS.find(([minimum]) => value >= minimum)?.[1];
}

/** The value as ThreatFox writes the indicator: `ip:port` for the composite ip|port types. */
function searchTerm(type: string, value: string): string {
  const trimmed = value.trim();
  return type.endsWith('|port') ? trimmed.replace('|', ':') : trimmed;
}

export default defineModule({
  name: 'threatfox',
  kind: 'expansion',
  moduleType: ['hover', 'expansion'],
  meta: {
    version: '0.1',
    author: 'Corsin Camichel',
    description: 'Module to search for an IOC on ThreatFox by abuse.ch.',
    name: 'ThreadFox Lookup',
    logo: '',
    requirements: [],
    features: '',
    references: [],
    input: '',
    output: '',
  },
  config: AUTH_KEY_SETTING,
  attributes: { input: [...INPUT_TYPES], output: ['text'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = abusechApi(ctx, 'ThreatFox', 'https://threatfox-api.abuse.ch/api/v1', () => MESSAGES.error('noKey'));
    api.requireKey();
    // The runner has checked that an input type is present; here it must also be text.
    const input = findLegacyInput(query, INPUT_TYPES);
    if (input === undefined) throw MESSAGES.error('unsupported');
    const answer = await api.post<unknown>('/', { json: { query: 'search_ioc', search_term: searchTerm(input.type, input.value) } });

    const status = queryStatus(answer);
    if (status === 'no_result') return { results: [] };
    if (status !== 'ok') throw MESSAGES.error('queryFailed', { status: status || 'no query_status in the answer' });
    const [hit] = records(answer, 'data');
    const description = text(hit, 'threat_type_desc');
    if (hit === undefined || description === undefined) return { results: [] };

    const tags = [text(hit, 'malware'), text(hit, 'malware_printable'), confidenceTag(hit['confidence_level'])];
    return legacyResults([{ types: ['text'], values: [description], tags: tags.filter((tag): tag is string => tag !== undefined) }]);
  },
});
