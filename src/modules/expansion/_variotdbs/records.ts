/**
 * VARIoT db records and how variotdbs reads them: `/api/vuln/{id}/` gives a
 * vulnerability whose fields are `{data, sources}` envelopes; `/api/exploits/`
 * pages of exploits. Each reader returns the relations of one MISP object.
 */
import type { RelationEntry } from '../../../misp/standard-result.js';

type Envelope<T> = { data?: T } | null | undefined;

/** The fields of `/api/vuln/{id}/` read. */
export interface VariotVulnerability {
  id?: unknown;
  cve?: unknown;
  title?: Envelope<unknown>;
  description?: Envelope<unknown>;
  credits?: Envelope<unknown>;
  configurations?: Envelope<Array<{ nodes?: Array<{ cpe_match?: Array<{ vulnerable?: unknown; cpe23Uri?: unknown }> }> }>>;
  cvss?: Envelope<Array<{ cvssV2?: CvssEntry[]; cvssV3?: CvssEntry[] }>>;
  references?: Envelope<Array<{ url?: unknown }>>;
  sources_release_date?: Envelope<SourceDate[]>;
  sources_update_date?: Envelope<SourceDate[]>;
}

/** One exploit of `/api/exploits/` `results`. */
export interface VariotExploit {
  edb_id?: unknown;
  title?: Envelope<unknown>;
  description?: Envelope<unknown>;
  credits?: Envelope<unknown>;
  exploit?: Envelope<unknown>;
  cve?: Envelope<Array<{ cve_id?: unknown }>>;
  references?: Envelope<Array<{ url?: unknown }>>;
}

interface CvssEntry {
  trust?: unknown;
  baseScore?: unknown;
  vectorString?: unknown;
}

interface SourceDate {
  db?: unknown;
  id?: unknown;
  date?: unknown;
}

export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as unknown[]).filter((item) => typeof item === 'object' && item !== null) as T[] : []);

/** The scores with the highest trust (the last of equal trust, as upstream's dict kept it). */
function mostTrustedCvss(entries: Envelope<Array<{ cvssV2?: CvssEntry[]; cvssV3?: CvssEntry[] }>>): CvssEntry | undefined {
  let best: { trust: number; cvss: CvssEntry } | undefined;
  for (const data of list<{ cvssV2?: unknown; cvssV3?: unknown }>(entries?.data)) {
    for (const cvss of [...list<CvssEntry>(data.cvssV2), ...list<CvssEntry>(data.cvssV3)]) {
      const trust = Number(cvss.trust);
      if (!Number.isFinite(trust)) continue;
      if (!best || trust >= best.trust) best = { trust, cvss };
    }
  }
  return best?.cvss;
}

/** The NVD date of this very CVE in a `sources_*_date` list. */
function nvdDate(dates: Envelope<SourceDate[]>, id: string): string | undefined {
  return text(list<SourceDate>(dates?.data).find((date) => date.db === 'NVD' && date.id === id)?.date);
}

type VulnerabilityRelation =
  | 'id' | 'credit' | 'description' | 'summary' | 'vulnerable-configuration' | 'cvss-score' | 'cvss-string' | 'references' | 'published' | 'modified';

/** The `vulnerability` object of a VARIoT vulnerability (upstream's `_parse_variot_description`). */
export function vulnerabilityRelations(found: VariotVulnerability, queried: string): Array<RelationEntry<VulnerabilityRelation>> {
  const cpes = list<{ nodes?: unknown }>(found.configurations?.data)
    .flatMap((configuration) => list<{ cpe_match?: unknown }>(configuration.nodes))
    .flatMap((node) => list<{ vulnerable?: unknown; cpe23Uri?: unknown }>(node.cpe_match))
    .filter((match) => match.vulnerable === true)
    .map((match) => text(match.cpe23Uri));
  const cvss = mostTrustedCvss(found.cvss);
  return [
    ['id', text(found.cve)],
    ['id', text(found.id)],
    ['credit', text(found.credits?.data)],
    ['description', text(found.description?.data)],
    ['summary', text(found.title?.data)],
    ['vulnerable-configuration', cpes],
    ['cvss-score', text(cvss?.baseScore)],
    ['cvss-string', text(cvss?.vectorString)],
    ['references', list<{ url?: unknown }>(found.references?.data).map((reference) => text(reference.url))],
    ['published', nvdDate(found.sources_release_date, queried)],
    ['modified', nvdDate(found.sources_update_date, queried)],
  ];
}

type ExploitRelation = 'exploitdb-id' | 'credit' | 'description' | 'exploit' | 'title' | 'cve-id' | 'reference';

/** The `exploit` object of a VARIoT exploit. */
export function exploitRelations(exploit: VariotExploit): Array<RelationEntry<ExploitRelation>> {
  return [
    ['exploitdb-id', text(exploit.edb_id)],
    ['credit', text(exploit.credits?.data)],
    ['description', text(exploit.description?.data)],
    ['exploit', text(exploit.exploit?.data)],
    ['title', text(exploit.title?.data)],
    ['cve-id', list<{ cve_id?: unknown }>(exploit.cve?.data).map((cve) => text(cve.cve_id))],
    ['reference', list<{ url?: unknown }>(exploit.references?.data).map((reference) => text(reference.url))],
  ];
}
