/**
 * crowdsec: what CrowdSec's network has seen an IP address do.
 * `GET https://cti.api.crowdsec.net/v2/smoke/{ip}` with the key in the
 * `x-api-key` header, as upstream sends it. The answer is one
 * `crowdsec-ip-context` object `related-to` the input, its `ip` attribute
 * tagged with the reputation, behaviours, classifications, MITRE techniques
 * and CVEs (each tag family switched by its `add_*_tag` setting).
 *
 * Kept from upstream: the name, the six settings (the tag switches read
 * true/1/yes/on and false/0/no/off, anything else keeps the default: on),
 * "Missing CrowdSec Config", "Missing CrowdSec API key", the invalid-IP
 * message, the mapping, comments (descriptions, NVD and MITRE
 * links), the scores text and the object's first/last seen from `history`.
 * Fixed: upstream wrote false positives under a `false_positives` relation the
 * template does not have: they go under `false-positives`; a field CrowdSec
 * leaves out or null (location, scores, target_countries, attack_details…)
 * is skipped instead of crashing; an address CrowdSec does not know (404)
 * says so instead of an HTTP exception; a refused key, the spent daily quota
 * (429) or a failure name CrowdSec, the status and its message. Country names
 * come from the runtime's ICU (CLDR names: "Russia" where pycountry says
 * "Russian Federation").
 * Rate limit: the community CTI key has 50 lookups a day (declared; an
 * extended key's admin raises it with `--vendor-limit`).
 */
import { isIP } from 'node:net';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder, type RelationInput } from '../../misp/standard-result.js';
import type { RelationOf } from '../../misp/templates/index.js';
import { isRecord, numberOrText, records, text, texts, type JsonRecord } from '../_shared/json-fields.js';

const INPUT_TYPES = ['ip-dst', 'ip-src'] as const;

const MESSAGES = defineMessages({
  noConfig: 'Missing CrowdSec Config',
  noKey: 'Missing CrowdSec API key',
  invalidIp: 'IP ({ip}) is not valid for calling CrowdSec CTI. Please provide a valid IP address.',
  notFound: 'CrowdSec CTI has no information about {ip}.',
});

const TAG_SETTINGS = ['add_reputation_tag', 'add_behavior_tag', 'add_classification_tag', 'add_mitre_technique_tag', 'add_cve_tag'] as const;
type TagSetting = (typeof TAG_SETTINGS)[number];

/** Upstream's `_get_boolean_config`: known words, else the default (on). */
function switchedOn(value: string | undefined): boolean {
  const word = value?.trim().toLowerCase();
  if (word && ['false', '0', 'no', 'off'].includes(word)) return false;
  return true;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
function countryName(code: unknown): string | undefined {
  if (typeof code !== 'string' || !/^[A-Za-z]{2}$/.test(code)) return undefined;
  const name = regionNames.of(code.toUpperCase());
  return name && name !== code.toUpperCase() ? name : undefined;
}

/** `last_day` → `Last Day`, each indicator `Aggressiveness: 5`, as upstream writes the scores. */
function scoresText(scores: JsonRecord): string | undefined {
  const periods = Object.entries(scores).flatMap(([period, indicators]) => {
    if (!isRecord(indicators)) return [];
    const name = period.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()).join(' ');
    const values = Object.entries(indicators).map(([kind, value]) => `${kind.charAt(0).toUpperCase()}${kind.slice(1).toLowerCase()}: ${String(value)}`);
    return [`${name}: ${values.join(' - ')}`];
  });
  return periods.length ? periods.join(', ') : undefined;
}

type Relation = RelationInput<RelationOf<'crowdsec-ip-context'>>;

function buildResults(cti: JsonRecord, input: ReturnType<typeof requireAttribute>, tagsOn: Record<TagSetting, boolean>) {
  const location = isRecord(cti['location']) ? cti['location'] : {};
  const history = isRecord(cti['history']) ? cti['history'] : {};
  const scores = isRecord(cti['scores']) ? cti['scores'] : {};
  const overall = isRecord(scores['overall']) ? scores['overall'] : {};
  const classifications = isRecord(cti['classifications']) ? cti['classifications'] : {};
  const reputation = text(cti['reputation']) ?? 'unknown';
  const ipTags: string[] = [];
  if (tagsOn.add_reputation_tag) ipTags.push(`crowdsec:reputation="${reputation}"`);

  const relations: Relation[] = [];
  const add = (relation: Relation['relation'], value: Relation['value'], comment?: string) =>
    relations.push({ relation, value, ...(comment ? { comment } : {}) });

  add('reputation', reputation);
  add('ip-range', text(cti['ip_range']));
  add('ip-range-score', numberOrText(cti['ip_range_score']));
  add('country', countryName(location['country']));
  add('country-code', text(location['country']));
  add('city', text(location['city']));
  add('latitude', numberOrText(location['latitude']));
  add('longitude', numberOrText(location['longitude']));
  add('as-name', text(cti['as_name']));
  add('as-num', numberOrText(cti['as_num']));
  add('reverse-dns', text(cti['reverse_dns']));
  add('background-noise', numberOrText(cti['background_noise_score']));
  for (const behavior of records(cti['behaviors'])) {
    add('behaviors', text(behavior['label']), text(behavior['description']));
    if (tagsOn.add_behavior_tag && text(behavior['name'])) ipTags.push(`crowdsec:behavior="${String(behavior['name'])}"`);
  }
  for (const technique of records(cti['mitre_techniques'])) {
    const name = text(technique['name']) ?? '';
    const url = name.startsWith('TA') ? `https://attack.mitre.org/tactics/${name}` : `https://attack.mitre.org/techniques/${name}`;
    add('mitre-techniques', text(technique['label']), `${text(technique['description']) ?? ''} (${url})`.trim());
    if (tagsOn.add_mitre_technique_tag && name) ipTags.push(`crowdsec:mitre-technique="${name}"`);
  }
  for (const cve of texts(cti['cves'])) {
    add('cves', cve, `https://nvd.nist.gov/vuln/detail/${cve}`);
    if (tagsOn.add_cve_tag) ipTags.push(`crowdsec:cve="${cve}"`);
  }
  for (const [feature, values] of Object.entries(classifications)) {
    const relation = feature === 'false_positives' ? 'false-positives' : feature === 'classifications' ? 'classifications' : undefined;
    for (const value of records(values)) {
      if (relation) add(relation, text(value['label']), text(value['description']));
      if (tagsOn.add_classification_tag && text(value['name'])) ipTags.push(`crowdsec:${feature.slice(0, -1)}="${String(value['name'])}"`);
    }
  }
  const attacks = records(cti['attack_details']).map((s) => `${String(s['name'])} - ${String(s['label'])} (${String(s['description'])})`);
  add('attack-details', attacks.join(', ') || undefined);
  const targets = isRecord(cti['target_countries']) ? Object.keys(cti['target_countries']).map((code) => countryName(code) ?? code) : [];
  add('target-countries', targets.join(', ') || undefined);
  add('trust', numberOrText(overall['trust']));
  add('scores', scoresText(scores));

  const result = new MispResultBuilder();
  result.echoInputAttribute(input);
  const firstSeen = text(history['first_seen']);
  const lastSeen = text(history['last_seen']);
  const object = result.addObject(
    'crowdsec-ip-context',
    [{ relation: 'ip', value: text(cti['ip']) ?? input.value, tags: ipTags }, ...relations],
    { ...(firstSeen ? { first_seen: firstSeen } : {}), ...(lastSeen ? { last_seen: lastSeen } : {}) },
  );
  result.addReference(object.uuid, input.uuid, 'related-to');
  return result.toResults();
}

export default defineModule({
  name: 'crowdsec',
  kind: 'expansion',
  moduleType: ['hover', 'expansion'],
  meta: {
    version: '2.1',
    author: 'Shivam Sandbhor <shivam@crowdsec.net>',
    description: 'Module to access CrowdSec CTI API.',
    name: 'CrowdSec CTI',
    logo: 'crowdsec.png',
    requirements: ['A CrowdSec CTI API key. Get yours by following https://docs.crowdsec.net/docs/cti_api/getting_started/#getting-an-api-key'],
    features:
      'This module enables IP lookup from CrowdSec CTI API. It provides information about the IP, such as what kind' +
      " of attacks it has been participant of as seen by CrowdSec's network. It also includes enrichment by CrowdSec" +
      ' like background noise score, aggressivity over time etc.',
    references: ['https://www.crowdsec.net/', 'https://docs.crowdsec.net/docs/cti_api/getting_started', 'https://app.crowdsec.net/'],
    input: 'An IP address.',
    output: 'IP Lookup information from CrowdSec CTI API',
  },
  config: {
    api_key: { description: 'Your CrowdSec CTI API key, sent in the x-api-key header.', secret: true },
    add_reputation_tag: { description: 'Tag the IP with its reputation (true/false, default true).' },
    add_behavior_tag: { description: 'Tag the IP with its behaviours (true/false, default true).' },
    add_classification_tag: { description: 'Tag the IP with its classifications and false positives (true/false, default true).' },
    add_mitre_technique_tag: { description: 'Tag the IP with its MITRE ATT&CK techniques (true/false, default true).' },
    add_cve_tag: { description: 'Tag the IP with the CVEs it exploits (true/false, default true).' },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    if (Object.values(ctx.config).every((value) => value === undefined)) throw MESSAGES.error('noConfig');
    const api = ctx.vendor({
      name: 'CrowdSec CTI',
      baseUrl: 'https://cti.api.crowdsec.net',
      auth: { in: 'header', header: 'x-api-key', setting: 'api_key' },
      missingKey: () => MESSAGES.error('noKey'),
      headers: { 'User-Agent': 'crowdsec-misp/v2.1.1' },
      rateLimit: { requests: 50, intervalMs: 86_400_000 },
    });
    api.requireKey();
    const input = requireAttribute(query, INPUT_TYPES);
    const ip = input.value.trim();
    if (isIP(ip) === 0) throw MESSAGES.error('invalidIp', { ip });

    const cti = await api.find<unknown>(`/v2/smoke/${encodeURIComponent(ip)}`);
    if (!isRecord(cti)) throw MESSAGES.error('notFound', { ip });
    const tagsOn = Object.fromEntries(TAG_SETTINGS.map((name) => [name, switchedOn(ctx.config[name])])) as Record<TagSetting, boolean>;
    return buildResults(cti, { ...input, value: ip }, tagsOn);
  },
});
