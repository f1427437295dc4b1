/**
 * onyphe: what ONYPHE's Summary API knows about an IP, a domain or a
 * hostname. One request, as pyonyphe's `summary_ip/domain/hostname` sends it:
 * `GET https://www.onyphe.io/api/v2/summary/{ip|domain|hostname}/{value}`,
 * `Authorization: bearer KEY`.
 * - an IP: one `domain-ip` object per domain and hostname seen with it;
 * - a domain or hostname: the domains and hostnames as attributes, one
 *   `domain-ip` object per IP; for a hostname, one `vulnerability` object per
 *   CVE, `affects` the input and the objects holding the document's IP;
 * - any document with certificate fields (`issuer`): an `x509` object.
 * Objects are `related-to` the input.
 *
 * Kept from upstream: the name, `apikey`, "Onyphe authentication is missing",
 * "Onyphe error: …" around ONYPHE's failure (with ONYPHE's `text`), the
 * mapping (scalar-or-list fields, signature algorithm names, the x509 object
 * without the SAN `ip` relation), references.
 * Fixed: an object or attribute repeated across documents (ONYPHE repeats the
 * same observation) is written once (upstream wrote duplicates; the input
 * itself is still echoed); a failure names ONYPHE and the HTTP status.
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute, type InputAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import type { ResultObject } from '../../misp/types.js';
import { onypheApi, summary, type SummaryKind } from './_onyphe/api.js';
import { asList, certificateKey, certificateRelations } from './_onyphe/documents.js';
import type { JsonRecord } from '../_shared/json-fields.js';

const INPUT_TYPES = ['ip-src', 'ip-dst', 'hostname', 'domain'] as const;

const MESSAGES = defineMessages({
  noKey: 'Onyphe authentication is missing',
  onypheError: 'Onyphe error: {error}',
});

/** The answer being built, each object and attribute once. */
class Summary {
  readonly result = new MispResultBuilder();
  private readonly seen = new Set<string>();
  readonly objects: ResultObject[] = [];

  constructor(readonly input: InputAttribute) {
    this.result.echoInputAttribute(input);
  }

  private once(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  attribute(type: 'domain' | 'hostname', value: string): void {
    if (this.once(`attribute|${type}|${value}`)) this.result.addAttribute({ type, value });
  }

  /** A domain-ip object tying an observed value to the input. */
  domainIp(relation: 'domain' | 'hostname' | 'ip', value: string): void {
    if (!this.once(`domain-ip|${relation}|${value}`)) return;
    const inputRelation = this.input.type === 'domain' ? 'domain' : this.input.type === 'hostname' ? 'hostname' : 'ip';
    const object = this.result.addObject('domain-ip', [
      [relation, value],
      [inputRelation, this.input.value],
    ]);
    this.result.addReference(object.uuid, this.input.uuid, 'related-to');
    this.objects.push(object);
  }

  certificate(document: JsonRecord): void {
    const key = certificateKey(document);
    if (key !== undefined && !this.once(`x509|${key}`)) return;
    const relations = certificateRelations(document);
    if (relations.every(([, value]) => value === undefined)) return;
    const object = this.result.addObject('x509', relations);
    this.result.addReference(object.uuid, this.input.uuid, 'related-to');
  }

  vulnerability(cve: string, ips: string[]): void {
    if (!this.once(`vulnerability|${cve}`)) return;
    const object = this.result.addObject('vulnerability', [
      ['id', cve],
      ['state', 'Published'],
    ]);
    for (const holder of this.objects) {
      if (holder.Attribute.some((attribute) => ips.includes(attribute.value))) this.result.addReference(object.uuid, holder.uuid, 'affects');
    }
    this.result.addReference(object.uuid, this.input.uuid, 'affects');
  }
}

function read(out: Summary, kind: SummaryKind, document: JsonRecord): void {
  if (kind === 'ip') {
    for (const domain of asList(document['domain'])) out.domainIp('domain', domain);
    for (const hostname of asList(document['hostname'])) out.domainIp('hostname', hostname);
  } else {
    for (const domain of asList(document['domain'])) out.attribute('domain', domain);
    for (const hostname of asList(document['hostname'])) out.attribute('hostname', hostname);
    for (const ip of asList(document['ip'])) out.domainIp('ip', ip);
  }
  if ('issuer' in document) out.certificate(document);
  if (kind === 'hostname') {
    const ips = asList(document['ip']);
    for (const cve of asList(document['cve'])) out.vulnerability(cve, ips);
  }
}

export default defineModule({
  name: 'onyphe',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '3',
    author: 'Sebastien Larinier @sebdraven',
    description: 'Module to process a query on Onyphe.',
    name: 'Onyphe Lookup',
    logo: 'onyphe.jpg',
    requirements: ['An access to the Onyphe API (apikey)'],
    features:
      'This module takes a domain, hostname, or IP address attribute as input in order to query the Onyphe Summary' +
      ' API. Data fetched from the query is then parsed and MISP attributes and objects are extracted.',
    references: ['https://www.onyphe.io/', 'https://github.com/onyphe/pyonyphe'],
    input: 'A domain, hostname or IP address MISP attribute.',
    output: 'MISP attributes fetched from the Onyphe query.',
  },
  config: { apikey: { description: 'Your ONYPHE API key, sent as "Authorization: bearer KEY".', secret: true } },
  attributes: { input: [...INPUT_TYPES], output: ['hostname', 'domain', 'ip-src', 'ip-dst', 'url'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = requireAttribute(query, INPUT_TYPES);
    const api = onypheApi(ctx, () => MESSAGES.error('noKey'));
    api.requireKey();
    const kind: SummaryKind = input.type === 'domain' ? 'domain' : input.type === 'hostname' ? 'hostname' : 'ip';
    const value = input.value.trim();
    let documents: JsonRecord[];
    try {
      documents = await summary(api, kind, value);
    } catch (error) {
      if (error instanceof ModuleError) throw MESSAGES.error('onypheError', { error: error.message });
      throw error;
    }
    const out = new Summary({ ...input, value });
    for (const document of documents) read(out, kind, document);
    return out.result.toResults();
  },
});
