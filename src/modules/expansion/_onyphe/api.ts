/**
 * The ONYPHE API v2 as pyonyphe calls it: https://www.onyphe.io/api/v2,
 * `Authorization: bearer KEY`, JSON envelopes `{"error": 0, "results": […],
 * "page", "max_page", …}`, failures `{"error": N, "text": "…"}`.
 * - Summary API: `GET /summary/{ip|domain|hostname}/{value}`;
 * - Search API: `GET /search/?q=<OQL>&page=N&size=S`, walked page by page as
 *   `Onyphe.search_iter` does (stops at the limit, an empty page, `max_page`
 *   or the 10,000 results the Search API serves).
 */
import type { ModuleContext } from '../../../core/module.js';
import type { VendorApi } from '../../../core/vendor-api.js';
import { isRecord, records, type JsonRecord } from '../../_shared/json-fields.js';

/** The Search API never serves more than this many results for one query. */
const SEARCH_MAX_RESULTS = 10_000;

export function onypheApi(ctx: ModuleContext, missingKey: () => Error): VendorApi {
  return ctx.vendor({
    name: 'ONYPHE',
    baseUrl: 'https://www.onyphe.io/api/v2',
    auth: { in: 'bearer', setting: 'apikey', scheme: 'bearer' },
    missingKey,
    headers: { Accept: 'application/json' },
  });
}

export type SummaryKind = 'ip' | 'domain' | 'hostname';

/** The documents of a Summary API answer. */
export async function summary(api: VendorApi, kind: SummaryKind, value: string): Promise<JsonRecord[]> {
  const answer = await api.get<unknown>(`/summary/${kind}/${encodeURIComponent(value)}`);
  return isRecord(answer) ? records(answer['results']) : [];
}

/** Up to `limit` documents of an OQL search, `size` a page. */
export async function searchAll(api: VendorApi, oql: string, limit: number, size: number): Promise<JsonRecord[]> {
  const hits: JsonRecord[] = [];
  const wanted = Math.min(limit, SEARCH_MAX_RESULTS);
  for (let page = 1; hits.length < wanted; page += 1) {
    const answer = await api.get<unknown>('/search/', { query: { q: oql, page, size } });
    const body = isRecord(answer) ? answer : {};
    const found = records(body['results']);
    if (found.length === 0) break;
    hits.push(...found.slice(0, wanted - hits.length));
    const maxPage = Number(body['max_page']);
    if (Number.isFinite(maxPage) && page >= maxPage) break;
  }
  return hits;
}
