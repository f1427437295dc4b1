/**
 * TAXII 2.1 "Get Objects" with paging: follows `more` / `next` until the
 * object limit, the end of the collection, or a bound on the number of pages.
 * A server that repeats a `next` token (a loop) gets a clear error.
 */
import type { TaxiiClient, TaxiiQuery } from './client.js';
import { str } from '../../_shared/json-record.js';
import { TAXII_PAGING_MESSAGES } from './messages.js';

/** No import follows more pages than this, whatever the server says. */
export const MAX_PAGES = 1000;

export interface ObjectsRequest {
  /** `added_after`, `match[type]`, … */
  readonly filters: TaxiiQuery;
  /** Stop once this many objects are kept (Infinity: no limit). */
  readonly limit: number;
  /** Sent as `limit` on each request; undefined: let the server choose. */
  readonly pageSize?: number;
  readonly maxPages?: number;
  /** Which objects count (and are kept); default all. */
  readonly keep?: (object: unknown) => boolean;
}

export interface ObjectsPage {
  readonly objects: unknown[];
  readonly pages: number;
  /** The server had more than what was kept (limit or page bound reached). */
  readonly truncated: boolean;
}

export async function fetchObjects(client: TaxiiClient, objectsUrl: string, request: ObjectsRequest): Promise<ObjectsPage> {
  const { service } = client.options;
  const maxPages = Math.min(request.maxPages ?? MAX_PAGES, MAX_PAGES);
  const objects: unknown[] = [];
  const tokens = new Set<string>();
  let next: string | undefined;
  for (let page = 1; ; page += 1) {
    const query: TaxiiQuery = { ...request.filters, limit: request.pageSize, next };
    const { body } = await client.get(objectsUrl, query);
    const list = body['objects'] ?? [];
    if (!Array.isArray(list)) throw TAXII_PAGING_MESSAGES.error('objectsNotList', { service });
    for (const object of list) {
      if (request.keep && !request.keep(object)) continue;
      objects.push(object);
      if (objects.length >= request.limit) return { objects, pages: page, truncated: true };
    }
    const more = body['more'] === true;
    if (!more) return { objects, pages: page, truncated: false };
    next = str(body['next']);
    // `more` without `next` gives nothing to ask for: what came is all there is to take.
    if (next === undefined) return { objects, pages: page, truncated: true };
    if (tokens.has(next)) {
      throw TAXII_PAGING_MESSAGES.error('pagingLoop', { service, pages: page });
    }
    tokens.add(next);
    if (page >= maxPages) return { objects, pages: page, truncated: true };
  }
}
