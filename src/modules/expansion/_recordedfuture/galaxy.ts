/**
 * Matching Recorded Future's malware, threat actors and ATT&CK ids to MISP
 * galaxy clusters, as upstream's GalaxyFinder: the cluster files of the
 * misp-galaxy repository, read from
 * https://raw.githubusercontent.com/MISP/misp-galaxy/main/clusters/<name>.json
 * (a vendor host like any other: `--upstream raw.githubusercontent.com=…`
 * redirects it). Fetched on the first query that needs a group, never at
 * start, and kept (as value + synonyms only) in the server's shared
 * resources for a day. A file that is missing (404: several mitre-enterprise-*
 * files no longer exist) is skipped, as one that fails (then the group is
 * not kept, and the next query tries again), each with a warning; upstream
 * failed the whole enrichment on a 404.
 */
import type { ModuleContext } from '../../../core/module.js';
import { mapLimit } from '../../_shared/map-limit.js';

export const GALAXY_BASE_URL = 'https://raw.githubusercontent.com/MISP/misp-galaxy/main/clusters/';

const MALWARE = ['banker', 'botnet', 'exploit-kit', 'rat', 'ransomware', 'malpedia'];
const THREAT_ACTOR = ['threat-actor'];
const MITRE = [
  'mitre-attack-pattern', 'mitre-course-of-action', 'mitre-enterprise-attack-attack-pattern',
  'mitre-enterprise-attack-course-of-action', 'mitre-enterprise-attack-intrusion-set', 'mitre-enterprise-attack-malware',
  'mitre-enterprise-attack-tool', 'mitre-intrusion-set', 'mitre-malware', 'mitre-mobile-attack-attack-pattern',
  'mitre-mobile-attack-course-of-action', 'mitre-mobile-attack-intrusion-set', 'mitre-mobile-attack-malware',
  'mitre-mobile-attack-tool', 'mitre-pre-attack-attack-pattern', 'mitre-pre-attack-intrusion-set', 'mitre-tool',
];

/** Recorded Future entity type → the cluster files searched, in upstream's order. */
const SOURCES: Record<string, string[]> = {
  RelatedThreatActor: THREAT_ACTOR,
  'Threat Actor': THREAT_ACTOR,
  RelatedMalware: MALWARE,
  Malware: MALWARE,
  MitreAttackIdentifier: MITRE,
};

export const GALAXY_TAG_TYPES = Object.keys(SOURCES);

/** One cluster file as kept: its stem and the values with their synonyms. */
interface Cluster {
  name: string;
  values: Array<{ value: string; synonyms: string[] }>;
}

const GALAXY_MAX_BYTES = 64 * 1024 * 1024;

/** A group with files that failed for a reason other than 404: used for this query, not kept. */
class PartialGalaxy extends Error {
  constructor(readonly clusters: Cluster[]) {
    super('some galaxy cluster files could not be read');
  }
}

/** A cluster; `missing` for a 404 (kept as such), `failed` for anything else (tried again next time). */
async function loadCluster(ctx: ModuleContext, name: string): Promise<Cluster | 'missing' | 'failed'> {
  const url = `${GALAXY_BASE_URL}${name}.json`;
  try {
    const response = await ctx.http.request(url, { service: 'MISP galaxy (GitHub)', maxBytes: GALAXY_MAX_BYTES });
    if (response.status !== 200) {
      ctx.log.warn('recordedfuture: galaxy cluster file not available, skipped', { url, status: response.status });
      return response.status === 404 ? 'missing' : 'failed';
    }
    const parsed = response.json<{ values?: unknown }>();
    const values = (Array.isArray(parsed?.values) ? parsed.values : []).flatMap((entry: unknown) => {
      const item = entry as { value?: unknown; meta?: { synonyms?: unknown } } | null;
      if (typeof item?.value !== 'string') return [];
      const synonyms = Array.isArray(item.meta?.synonyms) ? item.meta.synonyms.filter((s): s is string => typeof s === 'string') : [];
      return [{ value: item.value, synonyms }];
    });
    return { name, values };
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    ctx.log.warn('recordedfuture: galaxy cluster file unreadable, skipped', { url, error: (error as Error).message });
    return 'failed';
  }
}

/** The clusters of one entity type, loaded once a day for the whole server. */
function clustersFor(ctx: ModuleContext, entityType: string): Promise<Cluster[]> {
  const names = SOURCES[entityType] ?? [];
  const day = new Date().toISOString().slice(0, 10);
  return ctx.resources.get(`recordedfuture:galaxy:${names.join(',')}`, day, async () => {
    const loaded = await mapLimit(names, 4, (name) => loadCluster(ctx, name));
    const clusters = loaded.filter((cluster): cluster is Cluster => typeof cluster === 'object');
    if (loaded.includes('failed')) throw new PartialGalaxy(clusters);
    return clusters;
  });
}

async function readableClusters(ctx: ModuleContext, entityType: string): Promise<Cluster[]> {
  try {
    return await clustersFor(ctx, entityType);
  } catch (error) {
    if (error instanceof PartialGalaxy) return error.clusters;
    throw error;
  }
}

/**
 * The first galaxy tag whose cluster value contains the name (a substring,
 * as upstream's `in` on a string) or lists it as a synonym; '' when none.
 */
export async function findGalaxyTag(ctx: ModuleContext, name: string, entityType: string): Promise<string> {
  for (const cluster of await readableClusters(ctx, entityType)) {
    for (const entry of cluster.values) {
      if (entry.synonyms.includes(name) || entry.value.includes(name)) return `misp-galaxy:${cluster.name}="${entry.value}"`;
    }
  }
  return '';
}
