/**
 * recordedfuture: Recorded Future risk, risk rules, related indicators and
 * galaxy matches for an attribute. Asks
 * `GET https://api.recordedfuture.com/gw/misp/lookup/{ip|domain|hash|url|vulnerability}/{ioc}`
 * (header `X-RFToken`, the ioc fully %-encoded, the port of ip|port left
 * out) and reads, as upstream:
 * - `data.risk.score`, `criticalityLabel` and each `evidenceDetails[].rule` →
 *   tags `recorded-future:risk-score="…"`, `recorded-future:criticality="…"`,
 *   `recorded-future:risk-rule="…"` on the enriched attribute;
 * - `data.links.hits[].sections[].lists[]` when the token has Links (no
 *   `links.error`): malware, threat actors and ATT&CK ids → galaxy tags
 *   (_recordedfuture/galaxy.ts), every other entity → a related attribute;
 * - otherwise `data.relatedEntities[]`: IPs, domains, hashes, emails and
 *   vulnerabilities seen more than 4 times → related attributes (ip-dst,
 *   domain, md5/sha1/sha256 by length, email-src, vulnerability/weakness),
 *   malware and threat actors seen more than 4 times → galaxy tags.
 *
 * Kept from upstream: the name, the settings (`token`; `proxy_*` accepted),
 * the input and output types, the request (with its User-Agent shape), the
 * tags and types above, and the messages "Missing Recorded Future token." and
 * "Unexpected format in Recorded Future api response.".
 * Changed: upstream answers a custom "Recorded Future Enrichment" object
 * that has no misp-objects template (MISP cannot check it): the same content
 * comes back as the enriched attribute itself (echoed with its uuid, so MISP
 * adds the tags to it; a copy when the query has no uuid) and the related
 * indicators as attributes (distribution 0, as upstream's copies) whose
 * comment names Recorded Future's relation (e.g. "RelatedIpAddress"). Tag
 * colours are not sent (MISP colours tags it creates).
 * Fixed: with several malware/threat-actor groups only the last group's
 * galaxy tags were kept; all are. A missing galaxy file no longer fails the
 * enrichment. The galaxy files are fetched when first needed, kept for a
 * day, and their host is redirectable like the vendor's. Upstream's "ip"
 * input type (no MISP type; upstream crashed) is echoed as ip-dst. Other
 * failures name Recorded Future, the HTTP status and what it said.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext, type Query } from '../../core/module.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import type { AttributeType } from '../../misp/types.js';
import { findGalaxyTag, GALAXY_TAG_TYPES } from './_recordedfuture/galaxy.js';

const VERSION = '2.0.1';

const INPUT_TYPES = [
  'ip', 'ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'domain', 'hostname', 'md5', 'sha1', 'sha256', 'uri', 'url',
  'vulnerability', 'weakness',
] as const;
const OUTPUT_TYPES = [...INPUT_TYPES, 'email-src', 'malware-sample', 'text', 'target-org', 'threat-actor', 'target-user'];

const MESSAGES = defineMessages({
  noToken: 'Missing Recorded Future token.',
  noAttribute: 'This module requires an "attribute" field as input, containing at least a "type" field and a "value" field.',
  unexpected: 'Unexpected format in Recorded Future api response.',
});

/** MISP type → Recorded Future lookup category. */
const CATEGORY: Record<(typeof INPUT_TYPES)[number], string> = {
  ip: 'ip', 'ip-src': 'ip', 'ip-dst': 'ip', 'ip-src|port': 'ip', 'ip-dst|port': 'ip', domain: 'domain', hostname: 'domain',
  md5: 'hash', sha1: 'hash', sha256: 'hash', uri: 'url', url: 'url', vulnerability: 'vulnerability', weakness: 'vulnerability',
};

/** Recorded Future types that become related attributes in the relatedEntities answer. */
const RELATED_ATTRIBUTE_TYPES = [
  'RelatedIpAddress', 'RelatedInternetDomainName', 'RelatedHash', 'RelatedEmailAddress', 'RelatedCyberVulnerability',
  'IpAddress', 'InternetDomainName', 'Hash', 'EmailAddress', 'CyberVulnerability',
];

/** Upstream's get_output_type: the MISP type of a related Recorded Future entity. */
export function outputType(relatedType: string, indicator: string): AttributeType {
  const plain = relatedType.replace(/^Related/, '');
  if (plain === 'IpAddress') return 'ip-dst';
  if (plain === 'InternetDomainName') return 'domain';
  if (plain === 'Hash') return ({ 64: 'sha256', 40: 'sha1', 32: 'md5' } as Record<number, AttributeType>)[indicator.length] ?? 'text';
  if (plain === 'EmailAddress') return 'email-src';
  if (plain === 'CyberVulnerability') {
    const signature = indicator.split('-')[0];
    return signature === 'CVE' ? 'vulnerability' : signature === 'CWE' ? 'weakness' : 'text';
  }
  if (relatedType === 'MalwareSignature') return 'malware-sample';
  if (relatedType === 'Organization') return 'target-org';
  if (relatedType === 'Username') return 'target-user';
  return 'text';
}

interface Enrichment {
  tags: string[];
  related: Array<{ relatedType: string; value: string }>;
}

/** A field the answer must have (upstream's KeyError → "Unexpected format"). */
function need<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw MESSAGES.error('unexpected');
  return value;
}
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : need<Record<string, unknown>>(undefined);
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : need<unknown[]>(undefined));
const name = (value: unknown): string => {
  const found = need(value);
  return typeof found === 'string' ? found : String(found);
};

async function readAnswer(ctx: ModuleContext, answer: unknown): Promise<Enrichment> {
  const data = record(record(answer)['data']);
  const risk = record(data['risk']);
  const tags = [`recorded-future:risk-score="${name(risk['score'])}"`, `recorded-future:criticality="${name(risk['criticalityLabel'])}"`];
  for (const evidence of array(risk['evidenceDetails'])) {
    need(record(evidence)['criticality']);
    tags.push(`recorded-future:risk-rule="${name(record(evidence)['rule'])}"`);
  }
  const related: Enrichment['related'] = [];
  const galaxyTags: string[] = [];
  const addGalaxy = async (entity: string, entityType: string) => {
    const tag = await findGalaxyTag(ctx, entity, entityType);
    if (tag && !galaxyTags.includes(tag)) galaxyTags.push(tag);
  };

  const links = data['links'] === undefined || data['links'] === null ? undefined : record(data['links']);
  const hits = links?.['hits'];
  if (!links?.['error'] && hits !== undefined && hits !== null) {
    for (const hit of array(hits)) {
      for (const section of array(record(hit)['sections'])) {
        for (const list of array(record(section)['lists'])) {
          const entityType = name(record(record(list)['type'])['name']);
          for (const entity of array(record(list)['entities'])) {
            const entityName = name(record(entity)['name']);
            if (GALAXY_TAG_TYPES.includes(entityType)) await addGalaxy(entityName, entityType);
            else related.push({ relatedType: entityType, value: entityName });
          }
        }
      }
    }
  } else {
    for (const group of array(data['relatedEntities'])) {
      const relatedType = name(record(group)['type']);
      const isAttribute = RELATED_ATTRIBUTE_TYPES.includes(relatedType);
      if (!isAttribute && !GALAXY_TAG_TYPES.includes(relatedType)) continue;
      for (const item of array(record(group)['entities'])) {
        // Only entities seen more than 4 times, as upstream, to keep the noise down.
        if (!(Number(need(record(item)['count'])) > 4)) continue;
        const indicator = name(record(record(item)['entity'])['name']);
        if (isAttribute) related.push({ relatedType, value: indicator });
        else await addGalaxy(indicator, relatedType);
      }
    }
  }
  return { tags: [...tags, ...galaxyTags], related };
}

/** Upstream checks type and value only (no uuid needed); the runner has checked the type. */
function inputAttribute(query: Query): { type: string; value: string; uuid?: string; raw: Record<string, unknown> } {
  const raw = query['attribute'];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw MESSAGES.error('noAttribute');
  const a = raw as Record<string, unknown>;
  if (typeof a['type'] !== 'string' || (typeof a['value'] !== 'string' && typeof a['value'] !== 'number')) throw MESSAGES.error('noAttribute');
  return { type: a['type'], value: String(a['value']), ...(typeof a['uuid'] === 'string' && a['uuid'] ? { uuid: a['uuid'] } : {}), raw: a };
}

export default defineModule({
  name: 'recordedfuture',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: VERSION,
    author: 'Recorded Future',
    description: 'Module to enrich attributes with threat intelligence from Recorded Future.',
    name: 'Recorded Future Enrich',
    logo: 'recordedfuture.png',
    requirements: ['A Recorded Future API token.'],
    features:
      'Enrich an attribute to add a custom enrichment object to the event. The object contains a copy of the enriched ' +
      'attribute with added tags presenting risk score and triggered risk rules from Recorded Future. Malware and Threat ' +
      "Actors related to the enriched indicator in Recorded Future is matched against MISP's galaxy clusters and applied as " +
      'galaxy tags. The custom enrichment object also includes a list of related indicators from Recorded Future (IP\'s, ' +
      "domains, hashes, URL's and vulnerabilities) added as additional attributes.",
    references: ['https://www.recordedfuture.com/'],
    input:
      'A MISP attribute of one of the following types: ip, ip-src, ip-dst, domain, hostname, md5, sha1, sha256, uri, url, ' +
      'vulnerability, weakness.',
    output:
      'A MISP object containing a copy of the enriched attribute with added tags from Recorded Future and a list of new ' +
      'attributes related to the enriched attribute.',
  },
  config: {
    token: { description: 'Recorded Future API token (sent as X-RFToken)', secret: true },
    proxy_host: { description: "Accepted and ignored: the server's proxy settings (--proxy) apply to every request" },
    proxy_port: { description: "Accepted and ignored: the server's proxy settings (--proxy) apply to every request" },
    proxy_username: { description: "Accepted and ignored: the server's proxy settings (--proxy) apply to every request" },
    proxy_password: { description: "Accepted and ignored: the server's proxy settings (--proxy) apply to every request", secret: true },
  },
  attributes: { input: [...INPUT_TYPES], output: OUTPUT_TYPES, format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'Recorded Future',
      baseUrl: 'https://api.recordedfuture.com/gw/misp',
      auth: { in: 'header', header: 'X-RFToken', setting: 'token' },
      headers: { 'User-Agent': `recordedfuture.py/${VERSION} (Node.js ${process.version}) misp_enrichment/${VERSION} misp-modules-ts` },
      missingKey: () => MESSAGES.error('noToken'),
    });
    api.requireKey(); // upstream checks the token before the attribute
    const attribute = inputAttribute(query);
    const ioc = attribute.type.endsWith('|port') ? attribute.value.split('|')[0]! : attribute.value;
    const category = CATEGORY[attribute.type as keyof typeof CATEGORY];
    const answer = await api.find<unknown>(`/lookup/${category}/${encodeURIComponent(ioc)}`);
    // A 404 is "no data" (upstream: the enriched copy alone).
    const enrichment = answer === undefined ? { tags: [], related: [] } : await readAnswer(ctx, answer);

    const result = new MispResultBuilder();
    const type = attribute.type === 'ip' ? 'ip-dst' : (attribute.type as AttributeType);
    if (attribute.uuid && type === attribute.type) {
      const echoed = result.echoInputAttribute({ ...attribute.raw, type, value: attribute.value, uuid: attribute.uuid });
      const names = new Set((echoed.Tag ?? []).map((tag) => tag.name));
      echoed.Tag = [...(echoed.Tag ?? []), ...enrichment.tags.filter((tag) => !names.has(tag)).map((tag) => ({ name: tag }))];
      if (echoed.Tag.length === 0) delete echoed.Tag;
    } else {
      result.addAttribute({ type, value: attribute.value, distribution: 0, tags: enrichment.tags });
    }
    for (const { relatedType, value } of enrichment.related) {
      result.addAttribute({ type: outputType(relatedType, value), value, distribution: 0, comment: relatedType });
    }
    return result.toResults();
  },
});
