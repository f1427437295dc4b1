/**
 * Turns VirusTotal v3 objects into MISP objects the way upstream's
 * `VirusTotalParser` (and GTI's copy of it) does: a report object per
 * VirusTotal object (permalink, detection ratio; GTI adds its assessment),
 * linked `analyzed-with` from a `file`, `domain-ip` or `url` object; a domain
 * brings its whois, siblings and subdomains (domain attributes), resolutions
 * (ips on the domain object), related files and urls; an ip its asn object,
 * resolutions and urls; a file its in-the-wild urls and contacted
 * urls/domains/ips; a url its related files. `event_limit` bounds every list.
 *
 * Fixed from upstream: a missing `whois`, `asn` or analysis count no longer
 * crashes the module (vt-py raises AttributeError/KeyError there), and an
 * empty asn object is not sent; url objects carry the URL
 * (`attributes.url`) instead of VirusTotal's sha256 id of it; `imphash` is
 * read from `pe_info` where VirusTotal keeps it (upstream reads a top-level
 * field that does not exist); a related file listed without attributes
 * keeps its id as sha256 (upstream sends an empty file object); a related
 * object of a type upstream has no object for is skipped instead of crashing.
 */
import { randomUUID } from 'node:crypto';
import { MispResultBuilder, type RelationEntry } from '../../../misp/standard-result.js';
import type { RelationOf } from '../../../misp/templates/index.js';
import type { MispStandardResponse } from '../../../misp/types.js';
import { urlId, type VtClient, type VtObject } from './api.js';

type Relationship = readonly [name: string, mispRelation: string];

/** What one module of the family asks for (upstream's three copies differ only here). */
export interface VtVariant {
  report: 'virustotal-report' | 'google-threat-intelligence-report';
  domainFiles: readonly Relationship[];
  domainUrls: boolean;
  fileItwUrls: boolean;
  ipUrls: boolean;
  urlFiles: readonly Relationship[];
}

const CONTACTED: readonly Relationship[] = [
  ['contacted_urls', 'communicates-with'],
  ['contacted_domains', 'communicates-with'],
  ['contacted_ips', 'communicates-with'],
];

const HASH_FIELDS = ['md5', 'sha1', 'sha256', 'tlsh', 'vhash', 'ssdeep', 'imphash'] as const;

/** Where a hash is found when not at the top of the attributes. */
const FILE_FALLBACK: Partial<Record<(typeof HASH_FIELDS)[number], (object: VtObject) => string | undefined>> = {
  sha256: (object) => (/^[0-9a-f]{64}$/i.test(object.id) ? object.id : undefined),
  imphash: (object) => text(record(object.attributes['pe_info'])?.['imphash']),
};

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** "malicious/total" as upstream counts it ("-/-" without analysis stats). */
export function detectionRatio(object: VtObject): string {
  const stats = record(object.attributes['last_analysis_stats']);
  if (!stats || Object.keys(stats).length === 0) return '-/-';
  const seen = count(stats['undetected']) + count(stats['suspicious']) + count(stats['harmless']);
  // Upstream leaves the malicious count out of the total for files from known distributors.
  const total = object.attributes['known_distributors'] ? seen : seen + count(stats['malicious']);
  return `${count(stats['malicious'])}/${total}`;
}

/** The VirusTotal GUI page of an object. */
export function permalink(object: VtObject): string {
  const type = object.type === 'ip_address' ? 'ip-address' : object.type;
  return `https://www.virustotal.com/gui/${type}/${object.id}`;
}

/** Upstream's `get_key(report, "attributes.gti_assessment.<field>.value")`. */
function assessment(object: VtObject, field: string): unknown {
  return record(record(object.attributes['gti_assessment'])?.[field])?.['value'];
}

class ReportParser {
  readonly result = new MispResultBuilder();

  constructor(
    private readonly client: VtClient,
    private readonly variant: VtVariant,
    private readonly limit: number,
  ) {}

  private addReport(object: VtObject): string {
    // The GTI report's relations include the VirusTotal report's.
    const relations: Array<RelationEntry<RelationOf<'google-threat-intelligence-report'>>> = [
      ['permalink', permalink(object)],
      ['detection-ratio', detectionRatio(object)],
    ];
    if (this.variant.report === 'google-threat-intelligence-report') {
      const score = assessment(object, 'threat_score');
      relations.push(['threat-score', typeof score === 'number' || (typeof score === 'string' && /^-?\d+$/.test(score)) ? score : undefined]);
      relations.push(['verdict', text(assessment(object, 'verdict'))?.replace('VERDICT_', '')]);
      relations.push(['severity', text(assessment(object, 'severity'))?.replace('SEVERITY_', '')]);
    }
    return this.result.addObject(this.variant.report as 'google-threat-intelligence-report', relations).uuid;
  }

  /** The relations of the MISP object for a VirusTotal object, or undefined when upstream has none for its type. */
  private entityRelations(object: VtObject, fallbackUrl?: string): { template: 'file' | 'domain-ip' | 'url'; relations: Array<RelationEntry> } | undefined {
    const a = object.attributes;
    switch (object.type) {
      case 'file':
        return {
          template: 'file',
          // A file's id is its sha256: a related file listed without attributes keeps that.
          relations: HASH_FIELDS.map((field) => [field, text(a[field]) ?? FILE_FALLBACK[field]?.(object)] as const),
        };
      case 'domain':
        return { template: 'domain-ip', relations: [['domain', object.id]] };
      case 'ip_address':
        return { template: 'domain-ip', relations: [['ip', object.id]] };
      case 'url': {
        const url = text(a['url']) ?? fallbackUrl;
        return url === undefined ? undefined : { template: 'url', relations: [['url', url]] };
      }
      default:
        return undefined;
    }
  }

  /** Upstream's `create_misp_object` + `add_object` for a related object: its report, then the object linked to it. */
  private addEntity(object: VtObject): string | undefined {
    const entity = this.entityRelations(object);
    if (!entity) return undefined;
    const reportUuid = this.addReport(object);
    const misp = this.result.addObject(entity.template as 'file', entity.relations as Array<RelationEntry<never>>);
    this.result.addReference(misp.uuid, reportUuid, 'analyzed-with');
    return misp.uuid;
  }

  /** Related objects as their own report + object, each referencing `mainUuid`. */
  private addRelated(items: VtObject[], mainUuid: string, relation: string): void {
    for (const item of items) {
      const uuid = this.addEntity(item);
      if (uuid) this.result.addReference(uuid, mainUuid, relation);
    }
  }

  private async lists(object: VtObject, relationships: readonly string[]): Promise<VtObject[][]> {
    return Promise.all(relationships.map((name) => this.client.related(object, name, this.limit)));
  }

  async domain(domain: string): Promise<void> {
    const report = await this.client.object('domains', domain);
    const { domainFiles, domainUrls } = this.variant;
    const [siblings = [], subdomains = [], resolutions = [], ...rest] = await this.lists(report, [
      'siblings',
      'subdomains',
      'resolutions',
      ...domainFiles.map(([name]) => name),
      ...(domainUrls ? ['urls'] : []),
    ]);
    const mainUuid = randomUUID();
    const reportUuid = this.addReport(report);
    const whois = text(report.attributes['whois']);
    if (whois?.trim()) this.result.addObject('whois', [['text', whois]]);
    const names: Array<[VtObject[], string]> = [[siblings, 'sibling-of'], [subdomains, 'subdomain']];
    const linked: Array<[string, string]> = [];
    for (const [items, relation] of names) {
      for (const item of items) linked.push([this.result.addAttribute({ type: 'domain', value: item.id }).uuid, relation]);
    }
    domainFiles.forEach(([, relation], index) => this.addRelated(rest[index] ?? [], mainUuid, relation));
    if (domainUrls) this.addRelated(rest[domainFiles.length] ?? [], mainUuid, 'hosted-in');
    const ips = resolutions.map((resolution) => text(resolution.attributes['ip_address']));
    this.addMain(report, [['ip', ips]], mainUuid, reportUuid);
    for (const [uuid, relation] of linked) this.result.addReference(mainUuid, uuid, relation);
  }

  /** The main object last, as upstream adds it, with its `analyzed-with` reference. */
  private addMain(report: VtObject, extra: Array<RelationEntry>, uuid: string, reportUuid: string, fallbackUrl?: string): void {
    const entity = this.entityRelations(report, fallbackUrl)!;
    this.result.addObject(entity.template as 'file', [...entity.relations, ...extra] as Array<RelationEntry<never>>, { uuid });
    this.result.addReference(uuid, reportUuid, 'analyzed-with');
  }

  async file(hash: string): Promise<void> {
    const report = await this.client.object('files', hash);
    const { fileItwUrls } = this.variant;
    const lists = await this.lists(report, [...(fileItwUrls ? ['itw_urls'] : []), ...CONTACTED.map(([name]) => name)]);
    const mainUuid = randomUUID();
    const reportUuid = this.addReport(report);
    if (fileItwUrls) this.addRelated(lists.shift() ?? [], mainUuid, 'downloaded');
    CONTACTED.forEach(([, relation], index) => this.addRelated(lists[index] ?? [], mainUuid, relation));
    this.addMain(report, [], mainUuid, reportUuid);
  }

  async ip(ip: string): Promise<void> {
    const report = await this.client.object('ip_addresses', ip);
    const [resolutions = [], urls = []] = await this.lists(report, ['resolutions', ...(this.variant.ipUrls ? ['urls'] : [])]);
    const mainUuid = randomUUID();
    const reportUuid = this.addReport(report);
    const a = report.attributes;
    const asn: Array<RelationEntry<RelationOf<'asn'>>> = [
      ['asn', text(a['asn'])],
      ['subnet-announced', text(a['network'])],
      ['country', text(a['country'])],
    ];
    if (text(a['asn']) !== undefined) this.result.addObject('asn', asn);
    this.addRelated(urls, mainUuid, 'hosted-in');
    const domains = resolutions.map((resolution) => text(resolution.attributes['host_name']));
    this.addMain(report, [['domain', domains]], mainUuid, reportUuid);
  }

  async url(url: string): Promise<void> {
    const report = await this.client.object('urls', urlId(url));
    const { urlFiles } = this.variant;
    const lists = await this.lists(report, urlFiles.map(([name]) => name));
    const mainUuid = randomUUID();
    const reportUuid = this.addReport(report);
    urlFiles.forEach(([, relation], index) => this.addRelated(lists[index] ?? [], mainUuid, relation));
    this.addMain(report, [], mainUuid, reportUuid, url);
  }
}

/** Looks the attribute up and answers upstream's objects. */
export async function vtLookup(client: VtClient, variant: VtVariant, limit: number, attribute: { type: string; value: string }): Promise<MispStandardResponse> {
  const parser = new ReportParser(client, variant, limit);
  const value = attribute.value.trim();
  switch (attribute.type) {
    case 'domain':
    case 'hostname':
      await parser.domain(value);
      break;
    case 'ip-src':
    case 'ip-dst':
      await parser.ip(value);
      break;
    case 'ip-src|port':
    case 'ip-dst|port':
      await parser.ip(value.split('|')[0]!.trim());
      break;
    case 'url':
      await parser.url(value);
      break;
    default:
      await parser.file(value);
  }
  return parser.result.toResults();
}
