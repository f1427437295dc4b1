/**
 * VirusTotal API v3 as vt-py speaks it, without vt-py: `x-apikey` header,
 * objects at `GET /api/v3/{collection}/{id}` answered as
 * `{"data": {"type", "id", "attributes", "links"}}`, relationships at
 * `GET /api/v3/{collection}/{id}/{relationship}` answered as
 * `{"data": [objects], "meta": {"cursor"}, "links": {"self", "next"}}` and
 * read page after page with `cursor` up to the module's limit (vt-py's
 * `Client.iterator(path, limit=…)`). Errors come as
 * `{"error": {"code": "NotFoundError", "message": "…"}}`.
 *
 * Differs from vt-py on purpose: we ask for `limit=<event_limit>` items a page
 * (at most VirusTotal's 40) instead of the default 10, so an event_limit of 10
 * costs one request per relationship and a larger one fewer pages.
 */
import type { ModuleContext } from '../../../core/module.js';
import type { RateLimit } from '../../../core/rate-limiter.js';
import { VendorNotFoundError, type VendorApi } from '../../../core/vendor-api.js';
import { VT_API } from './endpoint.js';
import { proxyFromSettings, type VtFamilyMessages } from './settings.js';

/** VirusTotal's largest page for relationship listings. */
const MAX_PAGE = 40;

/** One VirusTotal object (file, domain, ip_address, url, resolution…). */
export interface VtObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
}

interface VtCollectionPage {
  data?: unknown;
  meta?: { cursor?: unknown };
}

export interface VtClientOptions {
  /** The service name in messages and rate limits ("VirusTotal", "VirusTotal public", "Google Threat Intelligence"). */
  vendor: string;
  /** The module name, for the messages about its own settings. */
  module: string;
  /** vt-py's `x-tool` header as upstream sets it. */
  tool: string;
  missingKey: () => Error;
  messages: VtFamilyMessages;
  rateLimit?: RateLimit;
}

/** A VirusTotal v3 client over `ctx.vendor`, with the module's own proxy settings. */
export class VtClient {
  readonly api: VendorApi;

  constructor(
    ctx: ModuleContext,
    private readonly options: VtClientOptions,
  ) {
    const proxy = proxyFromSettings(ctx.config, options.module, options.messages);
    this.api = ctx.vendor({
      name: options.vendor,
      baseUrl: VT_API,
      auth: { in: 'header', header: 'x-apikey', setting: 'apikey' },
      missingKey: options.missingKey,
      headers: { accept: 'application/json', 'x-tool': options.tool },
      ...(proxy ? { defaults: { proxy } } : {}),
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    });
  }

  /** `GET /{collection}/{id}`; VirusTotal's "not found" is its own message, as upstream returns it. */
  async object(collection: string, id: string): Promise<VtObject> {
    const path = `/${collection}/${pathSegment(id)}`;
    let answer: { data?: unknown };
    try {
      answer = await this.api.get<{ data?: unknown }>(path);
    } catch (error) {
      if (error instanceof VendorNotFoundError) {
        throw this.options.messages.error('notFound', { detail: error.detail ?? `${NOUN[collection] ?? 'Object'} "${id}" not found` });
      }
      throw error;
    }
    const object = asVtObject(answer?.data);
    if (!object || COLLECTION[object.type] !== collection) throw this.options.messages.error('unexpected', { vendor: this.options.vendor, what: 'object' });
    return object;
  }

  /** Up to `limit` objects related to `object` by `relationship`, following the cursor. */
  async related(object: VtObject, relationship: string, limit: number): Promise<VtObject[]> {
    const path = `/${COLLECTION[object.type] ?? object.type}/${pathSegment(object.id)}/${relationship}`;
    return this.api.collect<VtCollectionPage, VtObject>(
      path,
      {
        limit,
        items: (page) => {
          if (!Array.isArray(page?.data)) throw this.options.messages.error('unexpected', { vendor: this.options.vendor, what: 'collection' });
          return page.data.map(asVtObject).filter((item): item is VtObject => item !== undefined);
        },
        cursor: { param: 'cursor', next: (page) => (typeof page?.meta?.cursor === 'string' ? page.meta.cursor : undefined) },
      },
      { query: { limit: Math.min(limit, MAX_PAGE) } },
    );
  }
}

/** The collection (URL segment) of an object type. */
const COLLECTION: Record<string, string> = { file: 'files', domain: 'domains', ip_address: 'ip_addresses', url: 'urls' };
/** How VirusTotal names an object in its "… not found" messages. */
const NOUN: Record<string, string> = { files: 'File', domains: 'Domain', ip_addresses: 'IP address', urls: 'URL' };

function asVtObject(value: unknown): VtObject | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record['type'] !== 'string' || typeof record['id'] !== 'string') return undefined;
  const attributes = record['attributes'];
  return {
    type: record['type'],
    id: record['id'],
    attributes: typeof attributes === 'object' && attributes !== null && !Array.isArray(attributes) ? (attributes as Record<string, unknown>) : {},
  };
}

/** An id as a path segment; colons stay as vt-py sends them (`/ip_addresses/2001:db8::1`). */
function pathSegment(id: string): string {
  return encodeURIComponent(id).replace(/%3A/gi, ':');
}

/** vt-py's `url_id`: the URL in unpadded base64url. */
export function urlId(url: string): string {
  return Buffer.from(url, 'utf8').toString('base64url');
}
