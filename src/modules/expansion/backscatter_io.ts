/**
 * backscatter_io: what Backscatter.io observed an IP address doing
 * (mass scanning), as one freetext value. Asks, as the `backscatter`
 * library's `get_observations(query=ip, query_type="ip")` does,
 * `GET https://api.backscatter.io/v0/observations/ip?query=<ip>` with the key
 * in `X-API-Key` and `X-Request-Client: Python Backscatter v1`, 30 s.
 *
 * Kept from upstream: the name, `api_key`, the input types, the answer (one
 * `freetext` row holding Python's `str()` of Backscatter's whole answer, as
 * upstream prints it) and the messages "Configuration is missing from the
 * request.", "Backscatter.io authentication is missing." and, when
 * Backscatter answers `success: false`, "<error>: <message>".
 * Fixed: upstream refuses every `ip-dst` query ("Unsupported attributes
 * type.": its check reads `not ip-src and ip-dst`); we look ip-dst up. An HTTP
 * failure names Backscatter.io, the status and what it said (upstream: the
 * library's exception text, "(401, b'…')"); an answer without `success`,
 * `error` or `message` (upstream: a KeyError) is "Backscatter.io answered
 * without a result.".
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { fromJson, pyStr } from '../_shared/templates/values.js';

const INPUT_TYPES = ['ip-src', 'ip-dst'];

const MESSAGES = defineMessages({
  noConfig: 'Configuration is missing from the request.',
  noKey: 'Backscatter.io authentication is missing.',
  failed: '{error}: {message}',
  noResult: 'Backscatter.io answered without a result.',
});

/** Longest text the answer may print as (Python's repr is about as long as the JSON). */
const MAX_TEXT = 16 * 1024 * 1024;

export default defineModule({
  name: 'backscatter_io',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'brandon@backscatter.io',
    description: 'Backscatter.io module to bring mass-scanning observations into MISP.',
    name: 'Backscatter.io',
    logo: 'backscatter_io.png',
    requirements: [],
    features: 'The module takes a source or destination IP address as input and displays the information known by backscatter.io.',
    references: ['https://pypi.org/project/backscatter/'],
    input: 'IP addresses.',
    output: 'Text containing a history of the IP addresses especially on scanning based on backscatter.io information .',
  },
  config: { api_key: { description: 'Backscatter.io API key', secret: true } },
  attributes: { input: INPUT_TYPES, output: ['freetext'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    // Upstream: `if not config` (absent, null or {}).
    if (!ctx.configProvided || Object.keys(ctx.config).length === 0) throw MESSAGES.error('noConfig');
    const api = ctx.vendor({
      name: 'Backscatter.io',
      baseUrl: 'https://api.backscatter.io/v0',
      auth: { in: 'header', header: 'X-API-Key', setting: 'api_key' },
      missingKey: () => MESSAGES.error('noKey'),
      headers: { 'X-Request-Client': 'Python Backscatter v1' },
      defaults: { timeoutMs: 30_000 },
    });
    api.requireKey();
    // ip-src first, as upstream; the runner has checked that one of them is there.
    const ip = findLegacyInput(query, INPUT_TYPES)!.value;
    const answer = await api.get<unknown>('/observations/ip', { query: { query: ip } });
    const fields = typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? (answer as Record<string, unknown>) : {};
    if (fields['success'] !== true) {
      if (fields['error'] === undefined && fields['message'] === undefined) throw MESSAGES.error('noResult');
      throw MESSAGES.error('failed', { error: pyStr(fromJson(fields['error'] ?? null), MAX_TEXT), message: pyStr(fromJson(fields['message'] ?? null), MAX_TEXT) });
    }
    return legacyResults([{ types: ['freetext'], values: [pyStr(fromJson(answer), MAX_TEXT)] }]);
  },
});
