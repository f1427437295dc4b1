/**
 * Upstream's query playbooks: the input type picks the datasets asked for.
 *  - generic (IPs, hostnames, domains): passive DNS, WHOIS, SSL history, OSINT, malware;
 *  - reverse-whois (emails, registrant phone and name): WHOIS search by field;
 *  - ssl-history (x509-fingerprint-sha1): the certificate, then its history.
 */
import type { PtGet } from './client.js';
import {
  malware,
  osint,
  passiveDnsUnique,
  sslCertificate,
  sslHistory,
  whoisDetails,
  whoisSearch,
  type Entries,
  type WhoisField,
} from './datasets.js';

type Step = (get: PtGet, query: string) => Promise<Entries>;

const GENERIC: Step[] = [passiveDnsUnique, whoisDetails, sslHistory, osint, malware];
const SSL_HISTORY: Step[] = [sslCertificate, sslHistory];

const searchBy = (field: WhoisField): Step[] => [(get, query) => whoisSearch(get, field, query)];

/** Input types in upstream's order of precedence, with their playbook. */
export const PLAYBOOKS: ReadonlyMap<string, readonly Step[]> = new Map([
  ['hostname', GENERIC],
  ['domain', GENERIC],
  ['ip-src', GENERIC],
  ['ip-dst', GENERIC],
  ['x509-fingerprint-sha1', SSL_HISTORY],
  ['email-src', searchBy('email')],
  ['email-dst', searchBy('email')],
  ['target-email', searchBy('email')],
  ['whois-registrant-email', searchBy('email')],
  ['whois-registrant-phone', searchBy('phone')],
  ['whois-registrant-name', searchBy('name')],
]);

/**
 * Runs a playbook's calls side by side. The entries keep upstream's order;
 * when calls fail, the first failing one (in that order) is reported.
 */
export async function runPlaybook(steps: readonly Step[], get: PtGet, query: string): Promise<Entries> {
  const settled = await Promise.allSettled(steps.map((step) => step(get, query)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
}
