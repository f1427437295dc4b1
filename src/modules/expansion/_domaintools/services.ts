/**
 * The DomainTools endpoints upstream's module calls, each adding to the value
 * collector as upstream's function of the same name does.
 */
import type { DomainToolsClient, Json } from './client.js';
import type { DomainToolsValues } from './collector.js';

export type Service = (client: DomainToolsClient, query: string, values: DomainToolsValues) => Promise<void>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const objectAt = (value: Json | undefined, key: string): Json => (value && isObject(value[key]) ? value[key] : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const encoded = (value: string) => encodeURIComponent(value);
/** Python's `%s` of a JSON value, for upstream's comments. */
const py = (value: unknown): string => (value === null || value === undefined ? 'None' : String(value));

/** `GET /v1/{domain}/whois/parsed`. */
export const parsedWhois: Service = async (client, query, values) => {
  const whois = await client.response(`/v1/${query}/whois/parsed`, `/v1/${encoded(query)}/whois/parsed`);
  if (!whois) return;
  if (whois['registrant']) values.addName(whois['registrant'], 'Parsed registrant');
  values.addCreationDate(objectAt(whois, 'registration')['created'], 'timestamp');
  const record = objectAt(whois, 'whois')['record'];
  if (typeof record === 'string' && record !== '') values.freetext = record;
  const parsed = objectAt(whois, 'parsed_whois');
  values.addCreationDate(parsed['created_date'], 'created');
  const registrar = objectAt(parsed, 'registrar');
  values.addRegistrar(registrar['name'], 'name');
  values.addRegistrar(registrar['url'], 'url');
  values.addRegistrar(registrar['iana_id'], 'iana_id');
  for (const [role, contact] of Object.entries(objectAt(parsed, 'contacts'))) {
    if (!isObject(contact)) continue;
    values.addMail(contact['email'], role);
    values.addPhone(contact['phone'], role);
    values.addName(contact['name'], role);
  }
  // Every address anywhere in the answer (the SDK's emails()), the new ones as "Maybe registrar".
  for (const mail of new Set(JSON.stringify(whois).match(/[\w.-]+@[\w.-]+/g) ?? [])) {
    if (!values.mails.has(mail)) values.addMail(mail, 'Maybe registrar');
  }
};

/** `GET /v1/{domain}`: the domain profile. */
export const domainProfile: Service = async (client, query, values) => {
  const profile = await client.response(`/v1/${query}`, `/v1/${encoded(query)}`);
  if (!profile) return;
  values.addName(objectAt(profile, 'registrant')['name'], 'Profile registrant');
  const server = objectAt(profile, 'server');
  values.addIp(server['ip_address'], `IP of ${query} (via DomainTools). Has ${py(server['other_domains'])} other domains.`);
  const registration = objectAt(profile, 'registration');
  values.addCreationDate(registration['created'], 'created');
  values.addCreationDate(registration['updated'], 'updated');
  values.addRegistrar(registration['registrar'], 'name');
};

/** `GET /v1/reputation?domain=…&include_reasons=true`. */
export const reputation: Service = async (client, query, values) => {
  const rep = await client.response('/v1/reputation', '/v1/reputation', { domain: query, include_reasons: 'true' });
  if (!rep || rep['risk_score'] === undefined || rep['risk_score'] === null) return;
  const reasons = list(rep['reasons']).map(String).join(', ');
  values.risk = [String(rep['risk_score']), `Risk value of ${query} (via Domain Tools), Reasons: ${reasons}`];
};

/** The `ip_addresses` of reverse-ip / host-domains: one record, or a list of them. */
function ipRecords(response: Json | undefined): Json[] {
  const found = response?.['ip_addresses'];
  return (Array.isArray(found) ? found : [found]).filter(isObject);
}

/** `GET /v1/{domain}/reverse-ip`. */
export const reverseIp: Service = async (client, query, values) => {
  for (const record of ipRecords(await client.response(`/v1/${query}/reverse-ip`, `/v1/${encoded(query)}/reverse-ip`))) {
    const ip = record['ip_address'];
    values.addIp(ip, `IP of ${query} (via DomainTools). Has ${py(record['domain_count'])} other domains.`);
    for (const domain of list(record['domain_names'])) values.addDomain(domain, `Other domain on ${py(ip)}.`);
  }
};

/** `GET /v1/reverse-whois?terms=…&exclude=&scope=current&mode=purchase`. */
export const reverseWhois: Service = async (client, query, values) => {
  const found = await client.response('/v1/reverse-whois', '/v1/reverse-whois', { terms: query, exclude: '', scope: 'current', mode: 'purchase' });
  for (const domain of list(found?.['domains'])) values.addDomain(domain, `Reverse domain related to ${query}.`);
};

/** `GET /v1/{ip}/host-domains`. */
export const hostDomains: Service = async (client, query, values) => {
  for (const record of ipRecords(await client.response(`/v1/${query}/host-domains`, `/v1/${encoded(query)}/host-domains`))) {
    const ip = record['ip_address'];
    if (ip !== query) values.addIp(ip, `IP of ${query} (via DomainTools). Has ${py(record['domain_count'])} other domains.`);
    for (const domain of list(record['domain_names'])) values.addDomain(domain, `Other domain on ${py(ip)}.`);
  }
};
