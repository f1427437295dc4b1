/**
 * whoisfreaks: WHOIS and DNS of a domain from WhoisFreaks:
 * `GET /v1.0/whois?apiKey=&whois=live&domainName=` and
 * `GET /v1.0/dns/live?apiKey=&domainName=&type=SOA,AAAA,A,MX`, answered as
 * legacy attributes.
 *
 * Kept from upstream: the name, `apikey` (sent as the `apiKey` query
 * parameter), the two requests, the attributes (creation date, registrar,
 * name servers, domain|ip for A/AAAA, MX and SOA host names) with upstream's
 * comments and categories, "Unsupported attributes types". A 206 (partial
 * answer) is read like a 200.
 * Fixed: upstream's missing-key message crashes (it adds the request dict to
 * a string): we say "WhoisFreaks authentication is missing". Upstream offers
 * the registrar's name as whois-registrant-name and its phone number as
 * whois-registrant-email: the registrar is whois-registrar, and the registrar
 * contact's email/phone are offered as email/phone-number; the registrant
 * contact (which upstream ignores) gives whois-registrant-name/-email/-phone;
 * the SOA's admin mailbox gives the dns-soa-email upstream declares but never
 * sent. Categories MISP refuses for a type (name servers in Attribution) are
 * replaced by allowed ones (Network activity). Upstream swallows every vendor error into an empty answer: a vendor
 * failure is said (service, HTTP status, its message); a domain WhoisFreaks
 * has no record of (404) adds nothing.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { LegacyResultBuilder } from '../../misp/legacy-result.js';

const MESSAGES = defineMessages({
  noKey: 'WhoisFreaks authentication is missing',
  unsupported: 'Unsupported attributes types',
});

interface WhoisContact {
  name?: string;
  email_address?: string;
  phone_number?: string;
}

interface WhoisAnswer {
  create_date?: string;
  domain_registrar?: WhoisContact & { registrar_name?: string };
  registrant_contact?: WhoisContact;
  name_servers?: string[];
}

interface DnsRecord {
  dnsType?: string;
  address?: string;
  target?: string;
  host?: string;
  admin?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const email = (value: unknown): string | undefined => {
  const candidate = text(value);
  return candidate && /^[^\s@]+@[^\s@]+$/.test(candidate) ? candidate : undefined;
};
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(text).filter((v) => v !== undefined) : []);

/** The SOA RNAME (`hostmaster.example.com`) as a mailbox (`hostmaster@example.com`). */
export function soaMailbox(rname: string): string | undefined {
  const name = rname.replace(/\.$/, '');
  const dot = name.search(/(?<!\\)\./);
  return dot > 0 ? `${name.slice(0, dot).replace(/\\\./g, '.')}@${name.slice(dot + 1)}` : undefined;
}

function addWhois(result: LegacyResultBuilder, domain: string, whois: WhoisAnswer): void {
  const comment = `Whois information of ${domain} by whoisFreaks`;
  const created = text(whois.create_date);
  if (created) result.add({ types: 'whois-creation-date', values: [created], categories: 'Attribution', comment: `Creation Date for ${domain} by whoisFreaks` });
  const registrar = typeof whois.domain_registrar === 'object' && whois.domain_registrar !== null ? whois.domain_registrar : {};
  const registrarName = text(registrar.registrar_name);
  if (registrarName) result.add({ types: 'whois-registrar', values: [registrarName], categories: 'Attribution', comment });
  const registrarEmail = email(registrar.email_address);
  if (registrarEmail) result.add({ types: 'email', values: [registrarEmail], categories: 'Attribution', comment: `Registrar contact of ${domain} by whoisFreaks` });
  const registrarPhone = text(registrar.phone_number);
  if (registrarPhone) result.add({ types: 'phone-number', values: [registrarPhone], categories: 'Person', comment: `Registrar contact of ${domain} by whoisFreaks` });
  const registrant = typeof whois.registrant_contact === 'object' && whois.registrant_contact !== null ? whois.registrant_contact : {};
  const registrantName = text(registrant.name);
  if (registrantName) result.add({ types: 'whois-registrant-name', values: [registrantName], categories: 'Attribution', comment });
  const registrantEmail = email(registrant.email_address);
  if (registrantEmail) result.add({ types: 'whois-registrant-email', values: [registrantEmail], categories: 'Attribution', comment });
  const registrantPhone = text(registrant.phone_number);
  if (registrantPhone) result.add({ types: 'whois-registrant-phone', values: [registrantPhone], categories: 'Attribution', comment });
  const nameServers = strings(whois.name_servers);
  if (nameServers.length) result.add({ types: 'domain', values: nameServers, categories: 'Network activity', comment: `Name server for ${domain} by whoisFreaks` });
}

function addDns(result: LegacyResultBuilder, domain: string, records: DnsRecord[]): void {
  const ofType = (type: string, field: keyof DnsRecord) =>
    records.filter((r) => r.dnsType === type).map((r) => text(r[field])).filter((v) => v !== undefined);
  const ipv4 = ofType('A', 'address');
  const ipv6 = ofType('AAAA', 'address');
  const mx = ofType('MX', 'target');
  const soa = ofType('SOA', 'host');
  const soaEmails = ofType('SOA', 'admin').map(soaMailbox).filter((v) => v !== undefined);
  if (ipv4.length) result.add({ types: 'domain|ip', values: ipv4.map((ip) => `${domain}|${ip}`), categories: 'Network activity', comment: `ipv4 of ${domain} ` });
  if (ipv6.length) result.add({ types: 'domain|ip', values: ipv6.map((ip) => `${domain}|${ip}`), categories: 'Network activity', comment: `ipv6 of ${domain}` });
  if (mx.length) result.add({ types: 'domain', values: mx, categories: 'Network activity', comment: `mx of ${domain}` });
  if (soa.length) result.add({ types: 'domain', values: soa, categories: 'Network activity', comment: `soa hostname of ${domain}` });
  if (soaEmails.length) result.add({ types: 'dns-soa-email', values: soaEmails, categories: 'Attribution', comment: `soa email of ${domain}` });
}

export default defineModule({
  name: 'whoisfreaks',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'WhoisFreaks',
    description:
      'An expansion module for https://whoisfreaks.com/ that will provide an enriched analysis of the provided domain, including WHOIS and DNS information.',
    name: 'WhoisFreaks Lookup',
    logo: 'whoisfreaks.png',
    requirements: ['An access to the Whoisfreaks API_KEY'],
    features:
      'The module takes a domain as input and queries the Whoisfreaks API with it.\n\nSome parsing operations are then processed on the result ' +
      'of the query to extract as much information as possible.\n\nAfter this we map the extracted data to MISP attributes.',
    references: ['https://whoisfreaks.com/'],
    input: 'A domain whose Data is required',
    output:
      'MISP attributes resulting from the query on Whoisfreaks API, included in the following list:\n- domain\n- dns-soa-email\n- whois-registrant-email\n' +
      '- whois-registrant-phone\n- whois-registrant-name\n- whois-registrar\n- whois-creation-date\n- domain',
  },
  config: { apikey: { description: 'WhoisFreaks API key (sent as the apiKey query parameter)', secret: true } },
  attributes: {
    input: ['domain'],
    output: ['domain', 'dns-soa-email', 'whois-registrant-email', 'whois-registrant-phone', 'whois-registrant-name', 'whois-registrar', 'whois-creation-date', 'domain|ip', 'email', 'phone-number'],
  },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'WhoisFreaks',
      baseUrl: 'https://api.whoisfreaks.com/v1.0',
      auth: { in: 'query', param: 'apiKey', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    api.requireKey();
    const domain = findLegacyInput(query, ['domain'])?.value.trim();
    if (!domain) throw MESSAGES.error('unsupported');

    const result = new LegacyResultBuilder();
    const whois = await api.find<WhoisAnswer>('/whois', { query: { whois: 'live', domainName: domain } });
    if (typeof whois === 'object' && whois !== null) addWhois(result, domain, whois);
    const dns = await api.find<{ dnsRecords?: DnsRecord[] }>('/dns/live', { query: { domainName: domain, type: 'SOA,AAAA,A,MX' } });
    const records = Array.isArray(dns?.dnsRecords) ? dns.dnsRecords.filter((r): r is DnsRecord => typeof r === 'object' && r !== null) : [];
    addDns(result, domain, records);
    return result.toResults();
  },
});
