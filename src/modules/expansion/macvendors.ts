/**
 * macvendors: the vendor of a MAC address, from macvendors.com's free API
 * (`GET https://api.macvendors.com/{mac}`, plain-text answer; no key).
 *
 * Kept from upstream: the name, the hover-only module type, the `user-agent`
 * setting (default `MISP-Module`, sent as the User-Agent), the legacy answer
 * `{"types": ["text"], "values": "<vendor>"}` (a bare string, as upstream) and
 * "Not found" for the API's 404.
 * Fixed: a vendor failure is an `{"error": …}` naming macvendors.com, the HTTP
 * status and what it said (upstream returns a bare string, which MISP cannot
 * read, and drops the API's message); an empty 200 answer is "Not found"
 * (upstream answers null); the MAC address is one path segment whatever it
 * holds; a user-agent with line breaks cannot break the request.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';

const INPUT_TYPES = ['mac-address'] as const;
const DEFAULT_USER_AGENT = 'MISP-Module';

const MESSAGES = defineMessages({
  unsupported: 'Unsupported attributes type',
  notFound: 'Not found',
});

/** The setting as a header value: control characters (line breaks) become spaces. */
function userAgent(setting: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const clean = (setting ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean === '' ? DEFAULT_USER_AGENT : clean;
}

export default defineModule({
  name: 'macvendors',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '0.1',
    author: 'Aurélien Schwab',
    description: 'Module to access Macvendors API.',
    name: 'Macvendors Lookup',
    logo: 'macvendors.png',
    requirements: [],
    features:
      'The module takes a MAC address as input and queries macvendors.com for some information about it. The API returns ' +
      'the name of the vendor related to the address.',
    references: ['https://macvendors.com/', 'https://macvendors.com/api'],
    input: 'A MAC address.',
    output: 'Additional information about the MAC address.',
  },
  config: {
    'user-agent': { description: 'User-Agent sent to api.macvendors.com (default MISP-Module).', default: DEFAULT_USER_AGENT },
  },
  attributes: { input: [...INPUT_TYPES], output: ['text'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, INPUT_TYPES);
    if (!input) throw MESSAGES.error('unsupported');
    const api = ctx.vendor({ name: 'macvendors.com', baseUrl: 'https://api.macvendors.com', headers: { 'user-agent': userAgent(ctx.config['user-agent']) } });
    const vendor = await api.find<string>(`/${encodeURIComponent(input.value.trim())}`, { as: 'text' });
    const name = vendor?.trim();
    return legacyResults([{ types: ['text'], values: name ? name : MESSAGES.format('notFound') }]);
  },
});
