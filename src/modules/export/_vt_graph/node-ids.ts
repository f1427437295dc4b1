/**
 * `_get_node_id`: the id VirusTotal knows a file or URL node by. A URL
 * becomes its VirusTotal URL id, an MD5 or SHA-1 the file's SHA-256, and
 * (with fetch_vt_enterprise) a file known only by name the one file a
 * VirusTotal Intelligence search finds. Other nodes keep their value.
 * Each value is asked about once per export.
 *
 * Upstream checked every attribute with `has_node` first, which resolved
 * ids without the Intelligence search and cached them, so the search never
 * ran; here it runs, as the setting describes, and for file nodes only (a
 * search only ever answers a file).
 */
import type { VtGraphApi } from './api.js';
import type { VtGraph } from './graph.js';
import { isMd5OrSha1, isPlainId, isUrl } from './node-types.js';

export class NodeIds {
  private readonly resolved = new Map<string, Promise<string>>();
  private readonly settled = new Map<string, string>();

  constructor(private readonly api: VtGraphApi) {}

  resolve(value: string, type: string, graph: VtGraph, searchIntelligence: boolean): Promise<string> {
    if ((type !== 'file' && type !== 'url') || graph.nodes.has(value)) return Promise.resolve(value);
    let id = this.resolved.get(value);
    if (!id) {
      id = this.compute(value, type === 'file' && searchIntelligence).then((found) => {
        this.settled.set(value, found);
        return found;
      });
      this.resolved.set(value, id);
    }
    return id;
  }

  /** The id a value was resolved to, or the value itself. */
  idOf(value: string): string {
    return this.settled.get(value) ?? value;
  }

  private async compute(value: string, searchIntelligence: boolean): Promise<string> {
    if (isUrl(value)) return this.api.urlId(value);
    if (isMd5OrSha1(value)) return this.api.fileSha256(value);
    if (searchIntelligence && !isPlainId(value)) return (await this.api.searchFile(value)) ?? value;
    return value;
  }
}
