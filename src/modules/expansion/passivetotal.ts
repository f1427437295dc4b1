/**
 * passivetotal: PassiveTotal (RiskIQ, now Microsoft Defender Threat
 * Intelligence) passive DNS, WHOIS, SSL certificates, OSINT and malware
 * datasets. The input type picks a playbook (see _passivetotal/playbooks.ts).
 *
 * Upstream declared the inputs `text`, `whois-registrar` and
 * `whois-creation-date` without any playbook for them (the request crashed);
 * PassiveTotal's WHOIS search has no registrar or date field, so they are
 * not offered here.
 */
import { defineModule, type ModuleContext } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { passiveTotalClient, PT_MESSAGES, type Credentials } from './_passivetotal/client.js';
import { PLAYBOOKS, runPlaybook } from './_passivetotal/playbooks.js';

const INPUTS = [...PLAYBOOKS.keys()];

/** Upstream's checks: no (or an empty) `config`, then a missing username or api_key. */
function credentials(ctx: ModuleContext): Credentials {
  if (!ctx.configProvided || Object.keys(ctx.config).length === 0) throw PT_MESSAGES.error('noConfig');
  const username = ctx.config['username'];
  const apiKey = ctx.config['api_key'];
  if (!username || !apiKey) throw PT_MESSAGES.error('noAuth');
  return { username, apiKey };
}

export default defineModule({
  name: 'passivetotal',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1.1',
    author: 'Brandon Dixon',
    description:
      'The PassiveTotal MISP expansion module brings the datasets derived from Internet scanning directly into your MISP ' +
      'instance. This module supports passive DNS, historic SSL, WHOIS, and host attributes. In order to use the module, ' +
      'you must have a valid PassiveTotal account username and API key.',
    name: 'PassiveTotal Lookup',
    logo: 'passivetotal.png',
    requirements: ['An access to the PassiveTotal API (username and API key)'],
    features:
      'The input type picks the datasets queried:\n' +
      '- ip-src, ip-dst, hostname, domain: unique passive DNS resolutions, WHOIS details (registrant email, phones, names, ' +
      'registrar, creation date), SSL certificate history (IPs, SHA-1 fingerprints, names), OSINT report links and malware ' +
      'samples (MD5, SHA-1, SHA-256, with report links);\n' +
      '- email-src, email-dst, target-email, whois-registrant-email, whois-registrant-phone, whois-registrant-name: the ' +
      'domains whose WHOIS record holds that value (reverse WHOIS);\n' +
      '- x509-fingerprint-sha1: the certificate details (subject names, fields as text) and its history.',
    references: ['https://api.passivetotal.org/api/docs/'],
    input:
      'A MISP attribute included in the following list:\n- hostname\n- domain\n- ip-src\n- ip-dst\n- x509-fingerprint-sha1\n' +
      '- email-src\n- email-dst\n- target-email\n- whois-registrant-email\n- whois-registrant-phone\n- whois-registrant-name',
    output:
      'MISP attributes mapped from the result of the query on PassiveTotal, included in the following list:\n- hostname\n' +
      '- domain\n- ip-src\n- ip-dst\n- x509-fingerprint-sha1\n- whois-registrant-email\n- whois-registrant-phone\n' +
      '- whois-registrant-name\n- whois-registrar\n- whois-creation-date\n- md5\n- sha1\n- sha256\n- link\n- text',
  },
  config: {
    username: { description: 'PassiveTotal account username (an email address). Required.' },
    api_key: { description: 'PassiveTotal API key. Required.', secret: true },
  },
  attributes: {
    input: INPUTS,
    output: [
      'hostname', 'domain', 'ip-src', 'ip-dst', 'x509-fingerprint-sha1', 'whois-registrant-email', 'whois-registrant-phone',
      'whois-registrant-name', 'whois-registrar', 'whois-creation-date', 'md5', 'sha1', 'sha256', 'link', 'text',
    ],
  },
  messages: PT_MESSAGES,
  async handle(query, ctx) {
    const auth = credentials(ctx);
    const input = findLegacyInput(query, INPUTS);
    const steps = input && PLAYBOOKS.get(input.type);
    if (!input || !steps) throw PT_MESSAGES.error('noInput', { inputs: INPUTS.join(', ') });
    const entries = await runPlaybook(steps, passiveTotalClient(ctx, auth), input.value.trim());
    return { ...legacyResults(entries) };
  },
});
