/**
 * socradar_taxii_feed: SOCRadar's TAXII 2.1 feed. Without a collection id it
 * lists the collections (a text attribute with their UUIDs); with one it
 * pages through the collection's indicators and returns one attribute per
 * IOC, tagged as upstream tags them (see _taxii/socradar/).
 *
 * Upstream declares misp_standard but answers legacy rows, which MISP's
 * misp_standard import shows as nothing; the same content comes here as
 * misp_standard attributes (the summary first, as upstream).
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { TaxiiClient } from './_taxii/client.js';
import { isRecord } from '../_shared/json-record.js';
import { fetchObjects } from './_taxii/paging.js';
import { collectionList } from './_taxii/socradar/collections.js';
import { socradarAttribute } from './_taxii/socradar/indicator.js';
import { TAXII_CLIENT_MESSAGES, TAXII_PAGING_MESSAGES } from './_taxii/messages.js';

const SERVICE = 'SOCRadar TAXII';
/** Upstream's request timeout and page bound. */
const TIMEOUT_MS = 120_000;
const MAX_PAGES = 20;
const DEFAULT_MAX_INDICATORS = 500;

const MESSAGES = defineMessages({
  ...TAXII_CLIENT_MESSAGES.templates,
  ...TAXII_PAGING_MESSAGES.templates,
  noCredentials: 'SOCRadar TAXII username and password are required. Configure them in Plugin Settings → Import.',
  discoveryFailed: 'SOCRadar TAXII collection discovery failed: {error}',
  fetchFailed: 'SOCRadar TAXII fetch failed: {error}',
  noCollections: 'No collections found on SOCRadar TAXII server.',
  noIndicators: 'No indicators found in collection {id}. The collection may be empty or the UUID may be incorrect.',
});

interface Server {
  readonly apiRootUrl: string;
  readonly client: TaxiiClient;
}

function server(ctx: ModuleContext): Server {
  const base = (ctx.config['socradar_taxii_url'] ?? 'https://taxii2.socradar.com').trim().replace(/\/+$/, '');
  const apiRoot = (ctx.config['socradar_api_root'] ?? 'radar_alpha').trim().replace(/^\/+|\/+$/g, '');
  const username = ctx.config['socradar_username'];
  const password = ctx.config['socradar_password'];
  if (!username || !password) throw MESSAGES.error('noCredentials');
  const client = new TaxiiClient(ctx, { service: SERVICE, userUrl: false, auth: { username, password }, timeoutMs: TIMEOUT_MS });
  return { apiRootUrl: `${base}/${apiRoot}`, client };
}

/** Upstream's "failed: <reason>" wrapping; an aborted query stays a timeout. */
async function failingAs<T>(failed: (error: ModuleError) => ModuleError, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ModuleError) throw failed(error);
    throw error;
  }
}

function textResult(value: string, comment?: string): MispResultBuilder {
  const result = new MispResultBuilder();
  result.addAttribute({ type: 'text', value, category: 'External analysis', ...(comment && { comment }) });
  return result;
}

async function listCollections(ctx: ModuleContext): Promise<MispResultBuilder> {
  const { body } = await failingAs((error) => MESSAGES.error('discoveryFailed', { error: error.message }, { cause: error }), async () => {
    const { apiRootUrl, client } = server(ctx);
    return client.get(`${apiRootUrl}/collections/`);
  });
  const text = collectionList(body);
  return text ? textResult(text, 'SOCRadar TAXII Collection List') : textResult(MESSAGES.format('noCollections'));
}

function maxIndicators(raw: string | undefined): number {
  const text = (raw ?? '').trim();
  if (!/^[+-]?\d+$/.test(text)) return DEFAULT_MAX_INDICATORS;
  return Number(text);
}

async function importCollection(ctx: ModuleContext, collectionId: string, defaultTlp: string, max: number): Promise<MispResultBuilder> {
  const { objects } = await failingAs((error) => MESSAGES.error('fetchFailed', { error: error.message }, { cause: error }), async () => {
    const { apiRootUrl, client } = server(ctx);
    return fetchObjects(client, `${apiRootUrl}/collections/${encodeURIComponent(collectionId)}/objects/`, {
      filters: {},
      limit: max > 0 ? max : Number.POSITIVE_INFINITY,
      maxPages: MAX_PAGES,
      keep: (object) => isRecord(object) && object['type'] === 'indicator',
    });
  });
  if (objects.length === 0) return textResult(MESSAGES.format('noIndicators', { id: collectionId }));

  const result = new MispResultBuilder();
  const seen = new Set<string>();
  const attributes = objects.flatMap((indicator) => {
    const attribute = socradarAttribute(indicator, defaultTlp);
    if (!attribute || seen.has(attribute.value)) return [];
    seen.add(attribute.value);
    return [attribute];
  });
  let summary = `SOCRadar TAXII Import: ${attributes.length} indicators imported from collection ${collectionId}`;
  if (max > 0 && objects.length >= max) summary += ` (limited to ${max}, more available)`;
  result.addAttribute({ type: 'text', value: summary, category: 'External analysis', comment: 'SOCRadar TAXII Feed Import Summary' });
  for (const attribute of attributes) {
    result.addAttribute({
      type: attribute.type,
      value: attribute.value,
      comment: attribute.comment,
      tags: attribute.tags,
      to_ids: attribute.toIds,
    });
  }
  return result;
}

export default defineModule({
  name: 'socradar_taxii_feed',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '1.1',
    author: 'SOCRadar',
    description:
      'Import threat indicators from SOCRadar TAXII 2.1 feed with MITRE ATT&CK, malware family, confidence, and geo ' +
      "tagging. Leave collection_id empty and type 'list' to discover available collections.",
    name: 'SOCRadar TAXII Feed Import',
    logo: 'socradar.png',
    requirements: [],
    features:
      'Connect to SOCRadar TAXII 2.1 server and import enriched threat indicators into MISP. Indicators are ' +
      'automatically tagged with MITRE ATT&CK techniques, malware families, confidence levels, feed sources, and ' +
      "country information. Supports collection auto-discovery — leave collection_id empty and type 'list' to see all " +
      'available collections.',
    references: ['https://socradar.io', 'https://docs.socradar.io/taxii'],
    input: 'SOCRadar TAXII 2.1 collection endpoint.',
    output: 'MISP attributes with rich tagging.',
  },
  config: {
    socradar_taxii_url: { description: 'TAXII base URL.', default: 'https://taxii2.socradar.com' },
    socradar_api_root: { description: 'API root path.', default: 'radar_alpha' },
    socradar_username: { description: 'TAXII username.' },
    socradar_password: { description: 'TAXII password.', secret: true },
  },
  attributes: {
    inputSource: ['paste'],
    format: 'misp_standard',
    userConfig: {
      collection_id: {
        type: 'String',
        message:
          "TAXII collection UUID to fetch indicators from. Leave EMPTY and type 'list' in Paste Input to see all " +
          'available collections with their UUIDs.',
      },
      default_tlp: { type: 'String', message: 'Default TLP marking for imported indicators (e.g. tlp:amber). Default: tlp:amber' },
      max_indicators: {
        type: 'String',
        message:
          'Maximum number of indicators to import per run. Default: 500. Set to 0 for unlimited (may cause timeout on ' +
          'large collections).',
      },
    },
  },
  messages: MESSAGES,
  async handle(_query, ctx) {
    const collectionId = (ctx.config['collection_id'] ?? '').trim();
    const defaultTlp = (ctx.config['default_tlp'] ?? '').trim() || 'tlp:amber';
    const result = collectionId
      ? await importCollection(ctx, collectionId, defaultTlp, maxIndicators(ctx.config['max_indicators']))
      : await listCollections(ctx);
    return { ...result.toResults() };
  },
});
