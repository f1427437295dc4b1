/**
 * dbl_spamhaus: is a domain on the Spamhaus Domain Block List? Asks A
 * `{domain}.dbl.spamhaus.org` (0.2 s, one try, as upstream) through `ctx.dns`,
 * so `--dns-server` chooses the resolver (Spamhaus refuses queries relayed by
 * public resolvers).
 *
 * Kept from upstream: the name, the input types (the part before `|` of the
 * composite ones), the first answer mapped through upstream's return-code
 * table to "{domain} - {classification}", dnspython's NXDOMAIN text as the
 * result of a domain that is not listed, and the errors "Unsupported
 * attributes type" and "Not able to reach dbl.spamhaus.org or something went
 * wrong" (every other failure, and a return code outside the table).
 * Fixed: a value that is no DNS name (an empty label, a label over 63 bytes)
 * gets its own error instead of the generic one; Spamhaus's documented error
 * codes (127.255.255.252/254/255) are logged with their meaning.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { DnsError } from '../../net/index.js';
import { dnsNameProblem } from './_dns/names.js';

const INPUTS = ['domain', 'domain|ip', 'hostname', 'hostname|port'] as const;
const DBL = 'dbl.spamhaus.org';
/** Upstream: resolver.timeout = resolver.lifetime = 0.2. */
const LOOKUP = { timeoutMs: 200, tries: 1 } as const;

/** Upstream's `dbl_mapping`. */
const CLASSIFICATIONS: Readonly<Record<string, string>> = {
  '127.0.1.2': 'spam domain',
  '127.0.1.4': 'phish domain',
  '127.0.1.5': 'malware domain',
  '127.0.1.6': 'botnet C&C domain',
  '127.0.1.102': 'abused legit spam',
  '127.0.1.103': 'abused spammed redirector domain',
  '127.0.1.104': 'abused legit phish',
  '127.0.1.105': 'abused legit malware',
  '127.0.1.106': 'abused legit botnet C&C',
  '127.0.1.255': 'IP queries prohibited!',
};

/** Spamhaus's documented error return codes (not listings). */
const SPAMHAUS_ERRORS: Readonly<Record<string, string>> = {
  '127.255.255.252': 'typing error in the DNSBL name',
  '127.255.255.254': 'query via a public or open resolver: set --dns-server to a resolver of your own',
  '127.255.255.255': 'excessive number of queries',
};

const MESSAGES = defineMessages({
  unsupported: 'Unsupported attributes type',
  listed: '{value} - {classification}',
  notListed: 'The DNS query name does not exist: {name}.',
  failed: 'Not able to reach dbl.spamhaus.org or something went wrong',
  invalidName: '{value} is not a domain name that can be looked up in the DBL.',
});

export default defineModule({
  name: 'dbl_spamhaus',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Christian Studer',
    description: 'Checks Spamhaus DBL for a domain name.',
    name: 'DBL Spamhaus Lookup',
    logo: 'spamhaus.jpg',
    requirements: [],
    features:
      'This modules takes a domain or a hostname in input and queries the Domain Block List provided by Spamhaus to determine ' +
      'what kind of domain it is.\n\nDBL then returns a response code corresponding to a certain classification of the domain ' +
      'we display. If the queried domain is not in the list, it is also mentionned.\n\nPlease note that composite MISP ' +
      'attributes containing domain or hostname are supported as well.',
    references: ['https://www.spamhaus.org/faq/section/Spamhaus%20DBL'],
    input: 'Domain or hostname attribute.',
    output: 'Information about the nature of the input.',
  },
  attributes: { input: [...INPUTS], output: ['text'] },
  // Upstream answers its own text when no input is there.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, INPUTS);
    if (!input) throw MESSAGES.error('unsupported');
    const value = input.value.split('|')[0] ?? '';
    const name = `${value}.${DBL}`;
    if (dnsNameProblem(name)) throw MESSAGES.error('invalidName', { value });

    let code: string | undefined;
    try {
      code = (await ctx.dns.resolve4(name, LOOKUP))[0];
    } catch (error) {
      if (!(error instanceof DnsError)) throw error;
      if (error.code === 'NXDOMAIN') return textResult(MESSAGES.format('notListed', { name }));
      ctx.log.info('DBL lookup failed', { name, reason: error.message });
      throw MESSAGES.error('failed', undefined, { cause: error });
    }
    const classification = code === undefined ? undefined : CLASSIFICATIONS[code];
    if (classification === undefined) {
      const meaning = code === undefined ? undefined : SPAMHAUS_ERRORS[code];
      ctx.log.warn('dbl.spamhaus.org answered a code outside the DBL table', { name, code, ...(meaning ? { meaning } : {}) });
      throw MESSAGES.error('failed');
    }
    return textResult(MESSAGES.format('listed', { value, classification }));
  },
});

/** Upstream's answer: one text entry whose `values` is a bare string. */
function textResult(text: string) {
  return legacyResults([{ types: ['text'], values: text }]);
}
