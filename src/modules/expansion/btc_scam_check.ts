/**
 * btc_scam_check: is a bitcoin address on the btcblack.it DNS blacklist?
 * Asks TXT `{btc}.bl.btcblack.it` (1 s, one try, as upstream) through
 * `ctx.dns`, so `--dns-server` chooses the resolver.
 *
 * Kept from upstream: the name, the hover type, no settings, the answer (the
 * TXT records as dnspython prints them, joined with " - ", without the first
 * and last character: the outer quotes) as one bare text value, and the texts
 * "{btc} is not known as a scam address." (NXDOMAIN) and "{btc} is probably
 * not a valid BTC address." (a label over 63 bytes).
 * Fixed: upstream crashes on any other DNS failure (timeout, SERVFAIL, a name
 * without TXT record) and on an empty label or an overlong name; these are
 * a clear error naming the blacklist, or the "not a valid BTC address" text.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { DnsError } from '../../net/index.js';
import { dnsNameProblem } from './_dns/names.js';
import { dnspythonTxtText, txtRecords } from './_dns/txt.js';

const BLACKLIST = 'bl.btcblack.it';
/** Upstream: resolver.timeout = resolver.lifetime = 1. */
const LOOKUP = { timeoutMs: 1000, tries: 1 } as const;

const MESSAGES = defineMessages({
  notKnown: '{btc} is not known as a scam address.',
  invalidAddress: '{btc} is probably not a valid BTC address.',
  noAddress: 'The request has no btc address as a string.',
  lookupFailed: 'Could not query the bitcoin blacklist bl.btcblack.it: {reason}',
});

export default defineModule({
  name: 'btc_scam_check',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '0.1',
    author: 'Christian Studer',
    description: 'An expansion hover module to query a special dns blacklist to check if a bitcoin address has been abused.',
    name: 'BTC Scam Check',
    logo: 'bitcoin.png',
    requirements: [],
    features:
      'The module queries a dns blacklist directly with the bitcoin address and get a response if the address has been abused.',
    references: ['https://btcblack.it/'],
    input: 'btc address attribute.',
    output: 'Text to indicate if the BTC address has been abused.',
  },
  attributes: { input: ['btc'], output: ['text'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const btc = findLegacyInput(query, ['btc'])?.value;
    if (btc === undefined) throw MESSAGES.error('noAddress');
    const name = `${btc}.${BLACKLIST}`;
    if (dnsNameProblem(name)) return textResult(MESSAGES.format('invalidAddress', { btc }));
    try {
      const records = txtRecords(await ctx.dns.resolve(name, 'TXT', LOOKUP));
      return textResult(records.map(dnspythonTxtText).join(' - ').slice(1, -1));
    } catch (error) {
      if (!(error instanceof DnsError)) throw error;
      if (error.code === 'NXDOMAIN') return textResult(MESSAGES.format('notKnown', { btc }));
      if (error.code === 'BADNAME') return textResult(MESSAGES.format('invalidAddress', { btc }));
      throw MESSAGES.error('lookupFailed', { reason: error.message }, { cause: error });
    }
  },
});

/** Upstream's answer: one text entry whose `values` is a bare string. */
function textResult(text: string) {
  return legacyResults([{ types: ['text'], values: text }]);
}
