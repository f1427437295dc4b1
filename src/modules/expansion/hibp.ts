/**
 * hibp: the breaches an email address appears in, from Have I Been Pwned
 * (`GET https://haveibeenpwned.com/api/v3/breachedaccount/{email}`, the key in
 * the `hibp-api-key` header), as a hover text: the breach names, or
 * "OK (Not Found)" when HIBP knows no breach for it (its 404).
 *
 * Kept from upstream: the name, hover only, the `api_key` setting, the input
 * (email-dst, email-src, in that order) and output types, the request (HIBP's
 * default truncated answer), "OK (Not Found)" and the missing-key message.
 * Fixed: the configured `api_key` is what is sent (MODULES.md records an
 * upstream that sent its module-global empty `API_KEY` instead), and an empty
 * one is refused before any request (upstream only checked for a missing
 * one); the breaches are offered as their names (upstream put HIBP's
 * `{"Name": …}` objects in `values`, which MISP cannot show); an empty
 * breach list reads as "OK (Not Found)" (upstream answered nothing); a
 * failure is an error naming HIBP, the status and its message (upstream
 * returned a bare string, not an error object). HIBP limits requests per
 * subscription; the entry plan's 10 a minute is declared (`--vendor-limit
 * "Have I Been Pwned=…"` for a larger plan).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';

const INPUT_TYPES = ['email-dst', 'email-src'] as const;

const MESSAGES = defineMessages({
  noKey: 'Have I Been Pwned authentication is incomplete (no API key)',
  notFound: 'OK (Not Found)',
  noInput: 'The request has none of {types} as text.',
});

/** HIBP's default (truncated) breach: only its name. */
interface Breach {
  Name?: unknown;
}

export default defineModule({
  name: 'hibp',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '0.2',
    author: 'Corsin Camichel, Aurélien Schwab',
    description: 'Module to access haveibeenpwned.com API.',
    name: 'Have I Been Pwned Lookup',
    logo: 'hibp.png',
    requirements: [],
    features:
      'The module takes an email address as input and queries haveibeenpwned.com API to find additional information' +
      ' about it. This additional information actually tells if any account using the email address has already been' +
      ' compromised in a data breach.',
    references: ['https://haveibeenpwned.com/'],
    input: 'An email address',
    output: 'Additional information about the email address.',
  },
  config: { api_key: { description: 'Your Have I Been Pwned API key, sent in the hibp-api-key header.', secret: true } },
  attributes: { input: [...INPUT_TYPES], output: ['text'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const email = INPUT_TYPES.map((type) => query[type]).find((value): value is string => typeof value === 'string' && value.trim() !== '');
    if (email === undefined) throw MESSAGES.error('noInput', { types: INPUT_TYPES.join(', ') });
    const api = ctx.vendor({
      name: 'Have I Been Pwned',
      baseUrl: 'https://haveibeenpwned.com',
      auth: { in: 'header', header: 'hibp-api-key', setting: 'api_key' },
      missingKey: () => MESSAGES.error('noKey'),
      rateLimit: { requests: 10, intervalMs: 60_000 },
    });
    const breaches = await api.find<Breach[]>(`/api/v3/breachedaccount/${encodeURIComponent(email.trim())}`);
    const names = (Array.isArray(breaches) ? breaches : []).map((breach) => breach?.Name).filter((name): name is string => typeof name === 'string' && name !== '');
    if (names.length === 0) return legacyResults([{ types: ['text'], values: MESSAGES.format('notFound') }]);
    return legacyResults([{ types: ['text'], values: names }]);
  },
});
