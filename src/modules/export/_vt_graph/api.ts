/**
 * The VirusTotal API v3 calls vt_graph_api 2.2.0 makes for an export, with
 * its headers (`x-apikey`, `x-tool: Graph`).
 *
 * Lookups (id resolution, node information, expansions) treat 400, 403 and
 * 404 as "nothing known" as upstream did (an unknown hash, a relationship
 * the account may not read). Upstream also ignored every other failure and
 * saved a graph built from less; here a refused key (401), an exhausted
 * quota (429) or a server error stops the export with a clear message.
 */
import type { ModuleContext } from '../../../core/module.js';
import type { HttpRequestOptions, HttpResponse } from '../../../net/types.js';
import { GRAPH_MESSAGES } from './messages.js';
import { VT_API, VT_SERVICE, isRecord, vtErrorMessage, vtJson, vtStatusError, type Json } from '../_virustotal/api.js';
import { GRAPH_LINK_PREFIX } from './misp-attributes.js';
import { endpointOf } from './node-types.js';

const NOTHING_KNOWN = new Set([400, 403, 404]);

export type CollaboratorKind = 'editors' | 'viewers';

export interface Collaborators {
  users: string[];
  groups: string[];
}

const segment = (value: string): string => encodeURIComponent(value);

export class VtGraphApi {
  constructor(
    private readonly ctx: ModuleContext,
    private readonly apiKey: string,
  ) {}

  private send(path: string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
    return this.ctx.http.request(`${VT_API}/${path}`, {
      ...options,
      headers: { 'x-apikey': this.apiKey, 'x-tool': 'Graph', accept: 'application/json' },
      service: VT_SERVICE,
    });
  }

  /** A 2xx answer's JSON; undefined for "nothing known"; a ModuleError otherwise. */
  private async lookup(path: string, doing: string, options: HttpRequestOptions = {}): Promise<Json | undefined> {
    const response = await this.send(path, options);
    if (response.status >= 200 && response.status < 300) return vtJson(response, doing);
    if (NOTHING_KNOWN.has(response.status)) return undefined;
    throw vtStatusError(response, doing);
  }

  /** The SHA-256 of a file known by its MD5 or SHA-1; the hash itself when VirusTotal does not know it. */
  async fileSha256(hash: string): Promise<string> {
    const body = await this.lookup(`files/${segment(hash)}`, `looking up the file ${hash}`);
    const data = body?.['data'];
    const attributes = isRecord(data) ? data['attributes'] : undefined;
    const sha256 = isRecord(attributes) ? attributes['sha256'] : undefined;
    return typeof sha256 === 'string' && sha256 !== '' ? sha256 : hash;
  }

  /** VirusTotal Intelligence: the one file a search finds (for a file known by name only), or undefined. */
  async searchFile(query: string): Promise<string | undefined> {
    const body = await this.lookup('intelligence/search', `searching VirusTotal Intelligence for ${query}`, { query: { query } });
    const meta = body?.['meta'];
    const data = body?.['data'];
    const first: unknown = Array.isArray(data) ? data[0] : undefined;
    if (!isRecord(meta) || meta['total_hits'] !== 1 || !isRecord(first) || first['type'] !== 'file') return undefined;
    return typeof first['id'] === 'string' ? first['id'] : undefined;
  }

  /**
   * The URL's VirusTotal id. Upstream asks by submitting the URL (POST /urls,
   * which also queues a scan) and takes the middle of the analysis id
   * `u-<id>-<time>`; the URL itself when that fails.
   */
  async urlId(url: string): Promise<string> {
    const body = await this.lookup('urls', `submitting the URL ${url}`, { method: 'POST', form: { url } });
    const data = body?.['data'];
    const id = isRecord(data) ? data['id'] : undefined;
    if (typeof id !== 'string') return url;
    const parts = id.split('-');
    return parts.length > 1 && parts[1] !== '' ? parts[1]! : url;
  }

  /** VirusTotal's attributes of a node, or undefined. */
  async nodeAttributes(type: string, id: string): Promise<Json | undefined> {
    const body = await this.lookup(`${endpointOf(type)}/${segment(id)}`, `looking up ${id}`);
    const data = body?.['data'];
    const attributes = isRecord(data) ? data['attributes'] : undefined;
    return isRecord(attributes) ? attributes : undefined;
  }

  /** One page of a node's relationship. */
  async relationshipPage(type: string, id: string, expansion: string, limit: number, cursor?: string): Promise<Json> {
    const path = `${endpointOf(type)}/${segment(id)}/${segment(expansion)}`;
    const query = { limit, ...(cursor ? { cursor } : {}) };
    return (await this.lookup(path, `expanding ${id} with ${expansion}`, { query })) ?? {};
  }

  /** A saved graph (`load_graph`); upstream's messages. */
  async loadGraph(graphId: string): Promise<Json> {
    const response = await this.send(`graphs/${segment(graphId)}`);
    if (response.status !== 200) {
      throw GRAPH_MESSAGES.error('graphNotFound', { graphId, status: response.status });
    }
    return vtJson(response, `loading the graph ${graphId}`);
  }

  /** The users and groups who may view or edit a saved graph (`_pull_viewers`, `_pull_editors`). */
  async collaborators(graphId: string, kind: CollaboratorKind): Promise<Collaborators> {
    const response = await this.send(`graphs/${segment(graphId)}/relationships/${kind}`);
    if (response.status !== 200) throw GRAPH_MESSAGES.error('pullFailed', { kind, status: response.status });
    const data = vtJson(response, `reading the ${kind} of the graph ${graphId}`)['data'];
    if (!Array.isArray(data)) throw GRAPH_MESSAGES.error('noDataList', { kind });
    const result: Collaborators = { users: [], groups: [] };
    for (const entry of data) {
      if (!isRecord(entry) || typeof entry['id'] !== 'string') continue;
      (entry['type'] === 'group' ? result.groups : result.users).push(entry['id']);
    }
    return result;
  }

  /** Creates the graph (POST) or replaces a saved one (PATCH); returns its id. */
  async saveGraph(document: Json, graphId: string): Promise<string> {
    const response = graphId
      ? await this.send(`graphs/${segment(graphId)}`, { method: 'PATCH', json: document })
      : await this.send('graphs', { method: 'POST', json: document });
    if (response.status !== 200) {
      const detail = vtErrorMessage(response);
      throw GRAPH_MESSAGES.error('saveFailed', { status: response.status, detail: detail ? ` VirusTotal: ${detail}` : '' });
    }
    const data = vtJson(response, 'saving the graph')['data'];
    const id = isRecord(data) ? data['id'] : undefined;
    if (typeof id !== 'string' || id === '') throw GRAPH_MESSAGES.error('noGraphId');
    return id;
  }

  /** Grants the graph's editors or viewers (`_push_editors`, `_push_viewers`); nothing to send, no request. */
  async pushCollaborators(graphId: string, kind: CollaboratorKind, who: Collaborators): Promise<void> {
    const data = [
      ...who.users.map((id) => ({ id, type: 'user' })),
      ...who.groups.map((id) => ({ id, type: 'group' })),
    ];
    if (data.length === 0) return;
    const response = await this.send(`graphs/${segment(graphId)}/${kind}`, { method: 'POST', json: { data } });
    if (response.status !== 200) {
      const detail = vtErrorMessage(response);
      throw GRAPH_MESSAGES.error('collaboratorsRefused', {
        link: `${GRAPH_LINK_PREFIX}${graphId}`,
        kind,
        status: response.status,
        detail: detail ? `: ${detail}` : '',
      });
    }
  }
}
