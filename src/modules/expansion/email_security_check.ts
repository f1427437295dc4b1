/**
 * email_security_check: the email security posture of a domain (SPF, DMARC,
 * DKIM on common selectors, MTA-STS) as a `domain-ip` object. Its 15 TXT
 * lookups go through `ctx.dns` together (2 s, one try each, as upstream).
 *
 * Kept from upstream: the name, the inputs, the misp_standard answer (the
 * input attribute, and a `domain-ip` object with the domain, one text per
 * check worded as upstream, the score out of 5, linked to the input with
 * `related-to`), the record choice (first SPF `v=spf1`, first `v=DMARC1` and
 * its last `p=`, the selectors whose record has DKIM1, `k=` or `p=`, first
 * `v=STSv1`), and the errors "Missing or invalid attribute." and
 * "Unsupported attribute type: {type}".
 * Fixed: `custom_resolver`, which upstream reads but never declares (MISP
 * could not set it), is declared, and it applies to that query only
 * (upstream set it on a resolver shared by every later query); a TXT record
 * split in several strings is read joined (upstream kept `" "` inside it),
 * its UTF-8 and quotes as written (upstream showed dnspython's escapes);
 * a DNS failure other than "no such name" / "no TXT record" (SERVFAIL, a
 * timeout) is an error instead of a "MISSING" that was never checked; a value
 * that is no domain name is an error (upstream queried it).
 */
import { randomUUID } from 'node:crypto';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import type { InputAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder, type RelationInput } from '../../misp/standard-result.js';
import { DnsError, type DnsQueryOptions } from '../../net/index.js';
import { emailSecurityScore, readEmailRecords, type EmailRecords } from './_dns/email-records.js';
import { dnsNameProblem } from './_dns/names.js';
import { txtRecords, txtValue } from './_dns/txt.js';

const INPUTS = ['domain', 'hostname'] as const;
/** Upstream: resolver.timeout = resolver.lifetime = 2. */
const LOOKUP = { timeoutMs: 2000, tries: 1 } as const;

const MESSAGES = defineMessages({
  invalidAttribute: 'Missing or invalid attribute.',
  unsupportedType: 'Unsupported attribute type: {type}',
  invalidDomain: '{value} is not a domain name that can be looked up.',
  lookupFailed: 'Could not check the email security records of {domain}: {reason}',
});

function inputAttribute(query: Record<string, unknown>): InputAttribute {
  const attribute = query['attribute'];
  if (typeof attribute !== 'object' || attribute === null || Array.isArray(attribute)) throw MESSAGES.error('invalidAttribute');
  const a = attribute as Record<string, unknown>;
  if (typeof a['type'] !== 'string' || a['type'] === '') throw MESSAGES.error('invalidAttribute');
  if (!(INPUTS as readonly string[]).includes(a['type'])) throw MESSAGES.error('unsupportedType', { type: a['type'] });
  if (typeof a['value'] !== 'string') throw MESSAGES.error('invalidAttribute');
  // PyMISP gives an attribute without uuid a new one.
  const uuid = typeof a['uuid'] === 'string' && a['uuid'] !== '' ? a['uuid'] : randomUUID();
  return { ...a, type: a['type'], value: a['value'], uuid };
}

function text(value: string, comment: string): RelationInput<'text'> {
  return { relation: 'text', value, comment, disable_correlation: true };
}

/** The object's text attributes, worded as upstream words them. */
function findings(records: EmailRecords): Array<RelationInput<'text'>> {
  const { spf, dmarc, dkim, mtaSts } = records;
  return [
    spf !== undefined ? text(`SPF: ${spf}`, 'SPF record') : text('SPF: MISSING', 'SPF record'),
    dmarc ? text(`DMARC: ${dmarc.policy} — ${dmarc.record}`, 'DMARC record and policy') : text('DMARC: MISSING', 'DMARC record'),
    dkim.length > 0
      ? text(`DKIM: FOUND (${dkim.length} selector(s): ${dkim.map((d) => d.selector).join(', ')})`, 'DKIM selectors found')
      : text('DKIM: NOT FOUND (tested common selectors)', 'DKIM check'),
    mtaSts !== undefined ? text(`MTA-STS: ${mtaSts}`, 'MTA-STS record') : text('MTA-STS: MISSING', 'MTA-STS record'),
    text(`Email Security Score: ${emailSecurityScore(records)}/5`, 'Overall email security posture score'),
  ];
}

export default defineModule({
  name: 'email_security_check',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.2',
    author: 'Mihai Saveanu',
    description: 'Check email security posture (SPF, DKIM, DMARC, MTA-STS) for a domain.',
    name: 'Email Security Check',
    logo: '',
    requirements: [],
    features:
      'The module takes a domain or hostname attribute as input and queries DNS for email security records: SPF (TXT), ' +
      'DMARC (_dmarc), DKIM (common selectors), and MTA-STS (_mta-sts). Returns structured MISP attributes with a domain-ip ' +
      'object linking the findings to the queried domain.',
    references: ['https://tools.ietf.org/html/rfc7208', 'https://tools.ietf.org/html/rfc7489'],
    input: 'A domain or hostname attribute.',
    output: 'Domain-ip MISP object with email security assessment attributes.',
  },
  config: {
    custom_resolver: { description: 'DNS server to ask: ip, ip:port or [ipv6]:port. Empty: the server\'s resolver (--dns-server, else the system\'s).' },
  },
  attributes: { input: [...INPUTS], format: 'misp_standard' },
  // Upstream answers its own texts for a missing or wrong attribute.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = inputAttribute(query);
    const domain = attribute.value.trim();
    if (dnsNameProblem(domain) || dnsNameProblem(`everlytickey1._domainkey.${domain}`)) {
      throw MESSAGES.error('invalidDomain', { value: attribute.value });
    }
    const resolver = ctx.config['custom_resolver']?.trim();
    const options: DnsQueryOptions = { ...LOOKUP, ...(resolver ? { nameservers: [resolver] } : {}) };

    const records = await readEmailRecords(domain, async (name) => {
      try {
        return txtRecords(await ctx.dns.resolve(name, 'TXT', options)).map(txtValue);
      } catch (error) {
        if (error instanceof DnsError && (error.code === 'NXDOMAIN' || error.code === 'NODATA')) return [];
        if (error instanceof DnsError) throw MESSAGES.error('lookupFailed', { domain, reason: error.message }, { cause: error });
        throw error;
      }
    });

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const object = result.addObject('domain-ip', [['domain', domain], ...findings(records)]);
    result.addReference(object.uuid, attribute.uuid, 'related-to');
    return result.toResults();
  },
});
