/**
 * domaintools: DomainTools API v1 (https://api.domaintools.com, requests
 * signed with the username and API key as the domaintools_api SDK does, see
 * _domaintools/client.ts) for the first input present, as legacy results:
 * - domain: parsed whois, domain profile, reputation (with reasons) and
 *   reverse IP;
 * - email-src, email-dst, target-email, whois-registrant-email / -name /
 *   -phone: reverse whois (`mode=purchase`, as upstream);
 * - ip-src, ip-dst: host domains.
 * Registrant emails, phones and names, registrars, creation dates, IPs,
 * domains, the whois record (freetext) and the risk score, each with
 * upstream's comments (_domaintools/collector.ts).
 *
 * Kept from upstream: the name, the `username` and `api_key` settings, input
 * and output types, the endpoints and their parameters, the mapping and
 * comments, "DomainTools authentication is missing" (no config) and
 * "… is incomplete" (a setting missing).
 * Fixed: entries carry `types` (upstream wrote `type`, which MISP does not
 * read); the risk score is text, not a number. Upstream swallowed every
 * failure (a wrong key gave an empty result) and stopped at the first one:
 * here each endpoint is tried, one that fails is logged and skipped when
 * another answered, and when none did the first failure is the answer
 * (refused credentials, DomainTools' "limit exceeded", HTTP errors with
 * DomainTools' message). Several IP records in a reverse-IP answer no longer
 * crash. The SDK first reads /v1/account to space requests per product; that
 * extra request is not made and no limit is declared (DomainTools' limits
 * depend on the account's products); its "limit exceeded" answers are
 * reported as such.
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { DomainToolsClient } from './_domaintools/client.js';
import { DomainToolsValues } from './_domaintools/collector.js';
import { domainProfile, hostDomains, parsedWhois, reputation, reverseIp, reverseWhois, type Service } from './_domaintools/services.js';

const INPUT_TYPES = [
  'domain',
  'email-src',
  'email-dst',
  'target-email',
  'whois-registrant-email',
  'whois-registrant-name',
  'whois-registrant-phone',
  'ip-src',
  'ip-dst',
] as const;

/** Upstream's query profiles: the services each input type calls, in order. */
function servicesFor(type: string): Service[] {
  if (type === 'domain') return [parsedWhois, domainProfile, reputation, reverseIp];
  if (type === 'ip-src' || type === 'ip-dst') return [hostDomains];
  return [reverseWhois];
}

const MESSAGES = defineMessages({
  noConfig: 'DomainTools authentication is missing',
  incomplete: 'DomainTools authentication is incomplete',
  unsupported: 'Unsupported attributes type',
  refused: 'DomainTools refused the credentials (settings username and api_key, HTTP {status}): {detail}.',
  limitExceeded: 'DomainTools limit exceeded: {detail}.',
});

export default defineModule({
  name: 'domaintools',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Raphaël Vinot',
    description: 'DomainTools MISP expansion module.',
    name: 'DomainTools Lookup',
    logo: 'domaintools.png',
    requirements: ['A Domaintools API access (username & apikey)'],
    features:
      'This module takes a MISP attribute as input to query the Domaintools API. The API returns then the result of' +
      ' the query with some types we map into compatible types we add as MISP attributes.\n\nPlease note that' +
      ' composite attributes composed by at least one of the input types mentionned below (domains, IPs, hostnames)' +
      ' are also supported.',
    references: ['https://www.domaintools.com/'],
    input:
      'A MISP attribute included in the following list:\n- domain\n- hostname\n- email-src\n- email-dst\n-' +
      ' target-email\n- whois-registrant-email\n- whois-registrant-name\n- whois-registrant-phone\n- ip-src\n- ip-dst',
    output:
      'MISP attributes mapped after the Domaintools API has been queried, included in the following list:\n-' +
      ' whois-registrant-email\n- whois-registrant-phone\n- whois-registrant-name\n- whois-registrar\n-' +
      ' whois-creation-date\n- text\n- domain',
  },
  config: {
    username: { description: 'Your DomainTools API username.' },
    api_key: { description: 'Your DomainTools API key; it signs each request (HMAC-SHA256) and is never sent.', secret: true },
  },
  attributes: {
    input: [...INPUT_TYPES],
    output: ['whois-registrant-email', 'whois-registrant-phone', 'whois-registrant-name', 'whois-registrar', 'whois-creation-date', 'freetext', 'domain'],
  },
  messages: MESSAGES,
  async handle(query, ctx) {
    const type = INPUT_TYPES.find((t) => typeof query[t] === 'string' && (query[t] as string).trim() !== '');
    if (type === undefined) throw MESSAGES.error('unsupported');
    const raw = query['config'];
    if (typeof raw !== 'object' || raw === null || Object.keys(raw).length === 0) throw MESSAGES.error('noConfig');
    const username = ctx.config['username'];
    const key = ctx.config['api_key'];
    if (!username || !key) throw MESSAGES.error('incomplete');

    const client = new DomainToolsClient(ctx, { username, key }, MESSAGES);
    const value = (query[type] as string).trim();
    const values = new DomainToolsValues();
    const failures: ModuleError[] = [];
    let answered = 0;
    for (const service of servicesFor(type)) {
      try {
        await service(client, value, values);
        answered += 1;
      } catch (error) {
        if (!(error instanceof ModuleError) || ctx.signal.aborted) throw error;
        ctx.log.warn('A DomainTools endpoint failed; the others are still used.', { service: service.name, error: error.message });
        failures.push(error);
      }
    }
    if (answered === 0 && failures[0]) throw failures[0];
    return legacyResults(values.entries());
  },
});
