/**
 * rst_whois: a domain's registration data from RST Cloud's Whois API
 * (`GET {base_url}/whois/{domain}`, rstapi's `whoisapi.GetDomainInfo`, key
 * in `X-Api-Key`), as a `whois` object (domain, registrar, registrant name,
 * organisation and email, creation/modification/expiration dates, one
 * nameserver each, age and status as text) related to the input.
 *
 * Kept from upstream: name, inputs, settings, the field mapping, placeholders
 * ("unknown", "none", "n/a", "null") left out, "<domain>: no WHOIS data
 * found" as a text attribute, the missing-key message.
 * Fixed: a 404 (no record) or a record with none of these fields is that same
 * "no WHOIS data found" answer (upstream: a lookup failure, or an empty
 * object); a record that does not repeat its domain names the one asked; `nameservers` given as a list is read (upstream only
 * splits a comma-separated string and crashes on a list); vendor failures name
 * RST Cloud, the HTTP status and what it said.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder, type RelationInput } from '../../misp/standard-result.js';
import type { RelationOf } from '../../misp/templates/index.js';
import { asRecord, field, RST_NO_KEY, rstApi, rstSettings, stringList, truthy } from './_rstcloud/client.js';
import { textResult } from './_rstcloud/results.js';
import { anchorUuid } from './_rstcloud/target.js';

const INPUTS = ['domain', 'hostname'] as const;

const MESSAGES = defineMessages({
  ...RST_NO_KEY,
  noDomain: 'No domain found in the request.',
  noData: '{domain}: no WHOIS data found',
});

/** Present and not a placeholder (upstream's `_known` in rst_whois). */
function known(value: unknown): boolean {
  return truthy(value) && !['unknown', 'none', '', 'null', 'n/a'].includes(String(value).trim().toLowerCase());
}

/** RST's field → whois relation, in upstream's order. */
const WHOIS_FIELDS: ReadonlyArray<readonly [string, RelationOf<'whois'>]> = [
  ['domain', 'domain'],
  ['registrar', 'registrar'],
  ['registrant', 'registrant-name'],
  ['registrant_org', 'registrant-org'],
  ['registrant_email', 'registrant-email'],
  ['created_on', 'creation-date'],
  ['updated_on', 'modification-date'],
  ['expires_on', 'expiration-date'],
];

/** Nameservers from a comma-separated string or a list. */
function nameservers(data: Record<string, unknown>): string[] {
  const raw = Array.isArray(data['nameservers']) ? stringList(data, 'nameservers') : field(data, 'nameservers').split(',');
  return raw.map((ns) => ns.trim()).filter(Boolean);
}

export default defineModule({
  name: 'rst_whois',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.2',
    author: 'RST Cloud',
    description: 'Retrieve parsed WHOIS information for a domain via RST Cloud.',
    name: 'RST Cloud Whois',
    requirements: ['An RST Cloud API key.'],
    features:
      'Queries RST Cloud GET /whois for parsed domain registration data. Returns a standard whois MISP object (registrar, registrant, ' +
      'dates, nameservers) linked back to the enriched attribute.',
    references: ['https://api.rstcloud.net/', 'https://pypi.org/project/rstapi/'],
    input: 'Domain or hostname attribute.',
    output: 'whois MISP object with registration and nameserver fields.',
  },
  config: rstSettings('api_key', 'base_url'),
  attributes: { input: [...INPUTS], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = rstApi(ctx, MESSAGES);
    const attribute = requireAttribute(query, INPUTS);
    const domain = attribute.value.trim();
    if (!domain) throw MESSAGES.error('noDomain');

    const data = asRecord(await api.find(`/whois/${encodeURIComponent(domain)}`));
    if (!data) return textResult(MESSAGES.format('noData', { domain }), 'RST Whois API');

    const notes = [
      data['age'] !== undefined && data['age'] !== null ? `age: ${field(data, 'age')} days` : '',
      known(data['status']) ? `status: ${field(data, 'status')}` : '',
    ].filter(Boolean);
    const fields = WHOIS_FIELDS.filter(([name]) => known(data[name]));
    const servers = nameservers(data);
    if (fields.length === 0 && servers.length === 0 && notes.length === 0) return textResult(MESSAGES.format('noData', { domain }), 'RST Whois API');
    // The object names its domain even when RST's record does not repeat it (the template needs one of its key fields).
    if (!known(data['domain'])) fields.unshift(['domain', 'domain']);
    const relations: Array<RelationInput<RelationOf<'whois'>>> = [
      ...fields.map(([name, relation]) => ({ relation, value: name === 'domain' && !known(data['domain']) ? domain : field(data, name), to_ids: false })),
      { relation: 'nameserver', value: servers, to_ids: false },
      { relation: 'text', value: notes.join('; '), to_ids: false },
    ];
    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const object = result.addObject('whois', relations, { comment: `RST Whois API lookup for ${domain}` });
    result.addReference(object.uuid, anchorUuid(query, attribute), 'related-to');
    return result.toResults();
  },
});
