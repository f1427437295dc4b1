/**
 * The lookup apiosintDS does (its `dosearch`): each entity against its
 * list, by kind in the library's order (URLs, IPs, domains, hashes), and
 * for what is found, what the lists link to it:
 * - an IP or domain: the listed URLs on that host, with the hashes of the
 *   sample each served and that sample's online reports;
 * - a URL: the hashes of the sample it served, its reports, and the other
 *   listed URLs on the same host (as above);
 * - a hash: the other two hashes of the sample, its reports and the URLs
 *   it was downloaded from.
 */
import type { Entity, EntityKind } from './entities.js';
import { urlHostname } from './entities.js';
import type { HashEntry, HashList, HashTriple, ListInfo, QueryLists } from './lists.js';
import type { ListOrigin, ReportLinks } from './origin.js';
import type { StixDetails } from './stix.js';

/** A sample's reports, with the STIX details when they were asked for and could be read. */
export interface Reports extends ReportLinks {
  md5: string;
  details?: StixDetails;
}

/** A listed URL on the host of what was found. */
export interface RelatedUrl {
  url: string;
  /** Undefined when latesthashes.json has no sample for it. */
  hashes?: HashTriple;
  reports?: Reports;
}

export interface Found {
  found: true;
  kind: EntityKind;
  item: string;
  list: ListInfo;
  /** URLs and hashes: the sample's hashes (undefined for a URL latesthashes.json does not know). */
  hashes?: HashTriple;
  reports?: Reports;
  /** IPs, domains and URLs: the listed URLs on the host; hashes: the download URLs. */
  related: RelatedUrl[] | string[];
}

export interface NotFound {
  found: false;
  kind: EntityKind;
  item: string;
  list: ListInfo;
}

export type Finding = Found | NotFound;

const KIND_ORDER: readonly EntityKind[] = ['url', 'ip', 'domain', 'hash'];

const triple = (entry: HashEntry): HashTriple => ({ md5: entry.md5, sha1: entry.sha1, sha256: entry.sha256 });

async function reportsOf(origin: ListOrigin, entry: HashEntry | undefined): Promise<Reports | undefined> {
  if (!entry) return undefined;
  return { ...(await origin.reportLinks(entry)), md5: entry.md5 };
}

async function relatedUrls(origin: ListOrigin, urls: readonly string[], hashes: HashList): Promise<RelatedUrl[]> {
  return Promise.all(
    urls.map(async (url) => {
      const entry = hashes.byUrl.get(url);
      return { url, ...(entry && { hashes: triple(entry), reports: await reportsOf(origin, entry) }) };
    }),
  );
}

/** The findings for `entities`, in upstream's order. */
export async function lookUp(entities: readonly Entity[], lists: QueryLists, origin: ListOrigin): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const kind of KIND_ORDER) {
    for (const { value: item } of entities.filter((entity) => entity.kind === kind)) {
      findings.push(await lookUpOne(kind, item, lists, origin));
    }
  }
  return findings;
}

async function lookUpOne(kind: EntityKind, item: string, lists: QueryLists, origin: ListOrigin): Promise<Finding> {
  if (kind === 'hash') {
    const hashes = await lists.hashes();
    const list = { file: hashes.file, date: hashes.date };
    const entry = hashes.byHash.get(item);
    if (!entry) return { found: false, kind, item, list };
    return { found: true, kind, item, list, hashes: triple(entry), reports: await reportsOf(origin, entry), related: [...entry.urls] };
  }
  const listed = kind === 'url' ? await lists.urls() : await lists.entries(kind);
  const list = { file: listed.file, date: listed.date };
  if (!listed.entries.has(item)) return { found: false, kind, item, list };

  const [urls, hashes] = await Promise.all([lists.urls(), lists.hashes()]);
  const host = kind === 'url' ? urlHostname(item) : item;
  const onHost = (host === undefined ? [] : urls.byHost.get(host) ?? []).filter((url) => url !== item);
  const related = await relatedUrls(origin, onHost, hashes);
  if (kind !== 'url') return { found: true, kind, item, list, related };
  const entry = hashes.byUrl.get(item);
  return { found: true, kind, item, list, ...(entry && { hashes: triple(entry) }), reports: await reportsOf(origin, entry), related };
}
