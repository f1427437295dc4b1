/**
 * hashdd: the known level of an MD5 in hashdd's NSRL set, for a hover
 * (`GET https://api.hashdd.com/v1/knownlevel/nsrl/{MD5}` →
 * `{"result": "SUCCESS", "knownlevel": "Good" | "Bad" | "Unknown"}`; no key).
 *
 * Kept from upstream: the name, hover only, md5 input (upper-cased as
 * upstream sends it), the legacy answer `{"types": ["text"], "values": "<level>"}`
 * (a bare string, as upstream), hashdd's `message` as the value when its
 * `result` is not SUCCESS, and "Hash value is missing.".
 * Fixed: an HTTP failure is an `{"error": …}` naming hashdd, the status and
 * what it said (upstream returns the bare string "… API not accessible", which
 * MISP cannot read); an answer without a known level or a message (upstream
 * crashes on it, or answers null) is a clear error; the hash is one path
 * segment whatever it holds. MODULES.md notes the service is probably gone:
 * then this module answers hashdd's HTTP or network failure.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';

const MESSAGES = defineMessages({
  hashMissing: 'Hash value is missing.',
  unexpected: 'hashdd answered without a known level or a message (result {result}).',
});

/** hashdd's `knownlevel` answer (the fields read). */
interface KnownLevelAnswer {
  result?: unknown;
  knownlevel?: unknown;
  message?: unknown;
}

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

export default defineModule({
  name: 'hashdd',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '0.2',
    author: 'Alexandre Dulaunoy',
    description: 'A hover module to check hashes against hashdd.com including NSLR dataset.',
    name: 'Hashdd Lookup',
    logo: '',
    requirements: [],
    features: 'This module takes a hash attribute as input to check its known level, using the hashdd API. This information is then displayed.',
    references: ['https://hashdd.com/'],
    input: 'A hash MISP attribute (md5).',
    output: 'Text describing the known level of the hash in the hashdd databases.',
  },
  config: {},
  attributes: { input: ['md5'], output: ['text'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const md5 = query['md5'];
    if (!nonEmptyString(md5)) throw MESSAGES.error('hashMissing');
    const hashdd = ctx.vendor({ name: 'hashdd', baseUrl: 'https://api.hashdd.com' });
    const answer = await hashdd.get<KnownLevelAnswer | null>(`/v1/knownlevel/nsrl/${encodeURIComponent(md5.trim().toUpperCase())}`);
    const state: KnownLevelAnswer = typeof answer === 'object' && answer !== null ? answer : {};
    const summary = state.result === 'SUCCESS' ? state.knownlevel : state.message;
    if (!nonEmptyString(summary)) throw MESSAGES.error('unexpected', { result: JSON.stringify(state.result ?? null) });
    return legacyResults([{ types: ['text'], values: summary }]);
  },
});
