/**
 * intel471: what Intel 471 knows of an indicator.
 * `GET https://api.intel471.com/v1/iocs?ioc={value}` with HTTP Basic
 * (email:authkey), as upstream's PyIntel471 `iocs(iocs_filters(ioc=…))` does.
 * The answer goes back as one freetext value: the JSON itself, indented by
 * two as Python's `json.dumps(…, indent=2)` writes it, without the `uid`
 * fields (of IOCs, linked actors and linked reports) that MISP's freetext
 * parser would take for hashes.
 *
 * Kept from upstream: the name, the input types, `email` / `authkey`, the
 * request, the freetext result and its text "Nothing has been found." (for
 * `iocTotalCount` 0), the message "Intel 471 authentication is missing".
 * Fixed: the value is URL-encoded (PyIntel471 pasted it into the query
 * string raw, so a URL with `&` or `#` was cut); a query without config or
 * with an empty setting gets the missing-authentication message (upstream
 * crashed or sent `None:None`); an IOC without `uid` or `links` no longer
 * crashes the module; a vendor failure names Intel 471, the HTTP status and
 * its message (upstream tried to read the error page as IOCs).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { pythonJsonDumps, type PyJson } from '../_shared/python-json.js';

const INPUT_TYPES = [
  'hostname',
  'domain',
  'url',
  'ip-src',
  'ip-dst',
  'email-src',
  'email-dst',
  'target-email',
  'whois-registrant-email',
  'whois-registrant-name',
  'md5',
  'sha1',
  'sha256',
] as const;

const MESSAGES = defineMessages({
  missingKey: 'Intel 471 authentication is missing',
  unexpected: 'Intel 471 answered without an IOC list (iocTotalCount / iocs).',
});

type JsonObject = Record<string, PyJson>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Drops `uid` from each item of `links[listName]` when the count says there are some. */
function dropLinkedUids(links: JsonObject, countName: string, listName: string): void {
  const count = links[countName];
  const items = links[listName];
  if (typeof count === 'number' && count > 0 && Array.isArray(items)) {
    for (const item of items) if (isObject(item)) delete item['uid'];
  }
}

/** Upstream's `cleanup`: the answer's text without the uids. */
function cleanup(answer: JsonObject): string {
  if (answer['iocTotalCount'] === 0) return 'Nothing has been found.';
  const iocs = answer['iocs'];
  for (const ioc of Array.isArray(iocs) ? iocs : []) {
    if (!isObject(ioc)) continue;
    delete ioc['uid'];
    const links = ioc['links'];
    if (isObject(links)) {
      dropLinkedUids(links, 'actorTotalCount', 'actors');
      dropLinkedUids(links, 'reportTotalCount', 'reports');
    }
  }
  return pythonJsonDumps(answer, 2);
}

export default defineModule({
  name: 'intel471',
  kind: 'expansion',
  moduleType: ['hover', 'expansion'],
  meta: {
    version: '0.1',
    author: 'Raphaël Vinot',
    description: 'Module to access Intel 471',
    name: 'Intel471 Lookup',
    logo: 'intel471.png',
    requirements: ['The intel471 python library'],
    features:
      'The module uses the Intel471 python library to query the Intel471 API with the value of the input attribute. ' +
      'The result of the query is then returned as freetext so the Freetext import parses it.',
    references: ['https://public.intel471.com/'],
    input:
      'A MISP attribute whose type is included in the following list:\n- hostname\n- domain\n- url\n- ip-src\n- ip-dst\n- email-src\n- email-dst\n' +
      '- target-email\n- whois-registrant-email\n- whois-registrant-name\n- md5\n- sha1\n- sha256',
    output: 'Freetext',
  },
  config: {
    email: { description: 'The e-mail address of your Intel 471 API account (HTTP Basic user name).' },
    authkey: { description: 'Your Intel 471 API key (HTTP Basic password).', secret: true },
  },
  attributes: { input: [...INPUT_TYPES], output: ['freetext'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, INPUT_TYPES);
    const api = ctx.vendor({
      name: 'Intel 471',
      baseUrl: 'https://api.intel471.com/v1',
      auth: { in: 'basic', username: 'email', password: 'authkey' },
      missingKey: () => MESSAGES.error('missingKey'),
    });
    const answer = await api.get<unknown>('/iocs', { query: { ioc: input?.value ?? '' } });
    if (!isObject(answer) || (answer['iocTotalCount'] !== 0 && !Array.isArray(answer['iocs']))) throw MESSAGES.error('unexpected');
    return legacyResults([{ types: ['freetext'], values: cleanup(answer) }]);
  },
});
