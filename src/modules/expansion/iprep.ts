/**
 * iprep: the reputation packetmail.net's IPRep collection holds for an IP.
 * Asks `GET https://www.packetmail.net/iprep.php/<ip>?apikey=<key>` and
 * answers one text entry per source that lists the IP (comment "IPRep Source
 * <source>: <last_seen>"), then all of them as one freetext entry.
 *
 * Kept from upstream: the name, `apikey`, the input types, the meta fields
 * skipped, how each source's context reads (alert signatures, signatures,
 * "Port Attacked: <port> <protocol>", "<kit> (<url>)", or "key: value" pairs
 * of the first hit; the special note after "; "), the category External
 * analysis, and the messages "Unsupported attributes type", "IPRep api key is
 * missing" and "Error parsing source: <name>".
 * Fixed: upstream checks the key with `and` where it means `or` (a config
 * without apikey is sent, no config at all crashes): an empty apikey is
 * "IPRep api key is missing"; one source it cannot read no longer throws
 * away every other source (the error is given only when no source could be
 * read); an IP no source lists is an empty result instead of an empty
 * freetext entry; a vendor failure names packetmail.net IPRep and the HTTP
 * status instead of "Error pulling data".
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { LegacyResultBuilder } from '../../misp/legacy-result.js';
import { pythonStr } from '../_shared/python-str.js';

const MESSAGES = defineMessages({
  unsupported: 'Unsupported attributes type',
  noKey: 'IPRep api key is missing',
  unreadable: '{sources}',
  notObject: 'packetmail.net IPRep answered something that is not a JSON object.',
});

/** Fields of the answer that describe the query, not a source. */
const META_FIELDS = new Set([
  'origin', 'Query_Time', 'created_on', 'IP_Lookup_History', 'IPs_in_collection', '_id', 'disclaimer', 'MaxMind_Free_GeoIP',
  'Unique_Lookups', 'query_result',
]);

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A source's context as upstream words it; undefined when it cannot be read. */
function contextText(source: Json): string | undefined {
  const context = source['context'];
  let text: string | undefined;
  if (Array.isArray(context)) {
    const hits = context.filter(isRecord);
    const first = hits[0];
    if (!first || hits.length !== context.length) return undefined;
    const join = (pick: (hit: Json) => unknown) => hits.map((hit) => pythonStr(pick(hit))).join(',');
    if (first['alert']) {
      if (!hits.every((hit) => isRecord(hit['alert']))) return undefined;
      text = join((hit) => (hit['alert'] as Json)['signature']);
    } else if (first['signature']) text = join((hit) => hit['signature']);
    else if (first['target_port'] && first['protocol']) text = hits.map((hit) => `Port Attacked: ${pythonStr(hit['target_port'])} ${pythonStr(hit['protocol'])}`).join(',');
    else if (first['phishing_kit'] && first['url']) text = hits.map((hit) => `${pythonStr(hit['phishing_kit'])} (${pythonStr(hit['url'])})`).join(',');
    else text = Object.entries(first).map(([key, value]) => `${key}: ${pythonStr(value)}`).join(';');
  } else if (typeof context === 'string') text = context;
  else return undefined;
  const note = source['special_note'];
  if (typeof note === 'string' && note !== '') text += `; ${note}`;
  return text;
}

export default defineModule({
  name: 'iprep',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '1.0',
    author: 'Keith Faber',
    description: 'Module to query IPRep data for IP addresses.',
    name: 'IPRep Lookup',
    logo: '',
    requirements: ['An access to the packetmail API (apikey)'],
    features:
      'This module takes an IP address attribute as input and queries the database from packetmail.net to get some information ' +
      'about the reputation of the IP.',
    references: ['https://github.com/mahesh557/packetmail'],
    input: 'An IP address MISP attribute.',
    output: 'Text describing additional information about the input after a query on the IPRep API.',
  },
  config: { apikey: { description: 'packetmail.net API key (sent as the apikey query parameter)', secret: true } },
  attributes: { input: ['ip-src', 'ip-dst'], output: ['text'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, ['ip-src', 'ip-dst']);
    if (!input) throw MESSAGES.error('unsupported');
    const api = ctx.vendor({
      name: 'packetmail.net IPRep',
      baseUrl: 'https://www.packetmail.net',
      auth: { in: 'query', param: 'apikey', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    const data = await api.get<unknown>(`/iprep.php/${encodeURIComponent(input.value.trim())}`);
    if (!isRecord(data)) throw MESSAGES.error('notObject');

    const result = new LegacyResultBuilder();
    const texts: string[] = [];
    const unreadable: string[] = [];
    for (const [name, source] of Object.entries(data)) {
      if (META_FIELDS.has(name)) continue;
      const text = isRecord(source) && 'last_seen' in source ? contextText(source) : undefined;
      if (text === undefined) {
        unreadable.push(`Error parsing source: ${name}`);
        continue;
      }
      texts.push(text);
      result.add({ types: ['text'], categories: ['External analysis'], values: text, comment: `IPRep Source ${name}: ${pythonStr((source as Json)['last_seen'])}` });
    }
    if (texts.length === 0 && unreadable.length > 0) throw MESSAGES.error('unreadable', { sources: unreadable.join(',') });
    if (texts.length > 0) result.add({ types: ['freetext'], values: texts.map((text) => `\n${text}`).join(''), comment: 'Free text import of IPRep' });
    return result.toResults();
  },
});
