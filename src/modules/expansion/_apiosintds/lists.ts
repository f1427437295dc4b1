/**
 * The four DigitalSide Threat-Intel lists, parsed and kept by the server
 * (ctx.resources) until their origin says they changed: latesturls.txt,
 * latestips.txt and latestdomains.txt (a "#" header holding "Generated at:
 * YYYY-MM-DD HH:MM:SS", then one entry a line) and latesthashes.json
 * (`generatedAt` and a `lookup` table: MISP event uuid → md5, sha1, sha256
 * and the URLs the sample was downloaded from). Each query reads only the
 * lists it needs, each at most once.
 */
import type { ModuleContext } from '../../../core/module.js';
import type { EntityKind } from './entities.js';
import { urlHostname } from './entities.js';
import { listDate, NAIVE_DATE } from './list-date.js';
import { MESSAGES } from './messages.js';
import type { ListOrigin, Sample } from './origin.js';

export const LIST_FILES: Record<EntityKind, string> = {
  url: 'latesturls.txt',
  ip: 'latestips.txt',
  domain: 'latestdomains.txt',
  hash: 'latesthashes.json',
};

/** Which list a result came from (upstream's `list.file` and `list.date`). */
export interface ListInfo {
  file: string;
  /** "2020-09-09 08:22:07+02:00". */
  date: string;
}

export interface EntryList extends ListInfo {
  entries: ReadonlySet<string>;
}

export interface UrlList extends EntryList {
  /** The list's URLs by host, in list order. */
  byHost: ReadonlyMap<string, readonly string[]>;
}

export interface HashTriple {
  md5: string;
  sha1: string;
  sha256: string;
}

export interface HashEntry extends Sample, HashTriple {
  /** The URLs the sample was downloaded from. */
  urls: readonly string[];
}

export interface HashList extends ListInfo {
  /** Entries by md5, sha1 and sha256 (lowercase); the first entry wins. */
  byHash: ReadonlyMap<string, HashEntry>;
  /** Entries by download URL; the first entry wins. */
  byUrl: ReadonlyMap<string, HashEntry>;
}

const GENERATED_AT = /^# Generated at: (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})/;

/** A text list: its header's date and its entries. */
export function parseEntryList(file: string, text: string): EntryList {
  if (text.trim() === '') throw MESSAGES.error('listEmpty', { file });
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  let first = 0;
  let generatedAt: string | undefined;
  for (; first < lines.length && lines[first]!.startsWith('#'); first += 1) {
    generatedAt ??= GENERATED_AT.exec(lines[first]!)?.[1];
  }
  const date = generatedAt === undefined ? undefined : listDate(generatedAt);
  if (date === undefined) throw MESSAGES.error('listNoDate', { file });
  const entries = new Set(lines.slice(first).filter((line) => line.trim() !== ''));
  return { file, date, entries };
}

export function parseUrlList(file: string, text: string): UrlList {
  const list = parseEntryList(file, text);
  const byHost = new Map<string, string[]>();
  for (const url of list.entries) {
    const host = urlHostname(url);
    if (host === undefined) continue;
    const urls = byHost.get(host);
    if (urls) urls.push(url);
    else byHost.set(host, [url]);
  }
  return { ...list, byHost };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** latesthashes.json; entries without the three hashes are left out. */
export function parseHashList(file: string, text: string): HashList {
  if (text.trim() === '') throw MESSAGES.error('listEmpty', { file });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw MESSAGES.error('hashesNotJson', { file, reason: (error as Error).message });
  }
  const generatedAt = isRecord(parsed) ? parsed['generatedAt'] : undefined;
  const lookup = isRecord(parsed) ? parsed['lookup'] : undefined;
  if (typeof generatedAt !== 'string' || !NAIVE_DATE.test(generatedAt) || !isRecord(lookup)) throw MESSAGES.error('hashesMalformed', { file });
  const byHash = new Map<string, HashEntry>();
  const byUrl = new Map<string, HashEntry>();
  for (const [key, value] of Object.entries(lookup)) {
    if (!isRecord(value)) continue;
    const { md5, sha1, sha256, url } = value;
    if (typeof md5 !== 'string' || typeof sha1 !== 'string' || typeof sha256 !== 'string') continue;
    const urls = Array.isArray(url) ? url.filter((u): u is string => typeof u === 'string') : [];
    const entry: HashEntry = { key, md5: md5.toLowerCase(), sha1: sha1.toLowerCase(), sha256: sha256.toLowerCase(), urls };
    for (const hash of [entry.md5, entry.sha1, entry.sha256]) if (!byHash.has(hash)) byHash.set(hash, entry);
    for (const u of urls) if (!byUrl.has(u)) byUrl.set(u, entry);
  }
  return { file, date: listDate(generatedAt)!, byHash, byUrl };
}

/** The lists one query reads: each loaded (or taken from the server's cache) once. */
export class QueryLists {
  readonly #loads = new Map<EntityKind, Promise<unknown>>();

  constructor(
    private readonly ctx: ModuleContext,
    private readonly origin: ListOrigin,
  ) {}

  urls(): Promise<UrlList> {
    return this.#load('url', parseUrlList);
  }

  entries(kind: 'ip' | 'domain'): Promise<EntryList> {
    return this.#load(kind, parseEntryList);
  }

  hashes(): Promise<HashList> {
    return this.#load('hash', parseHashList);
  }

  #load<T>(kind: EntityKind, parse: (file: string, text: string) => T): Promise<T> {
    let load = this.#loads.get(kind) as Promise<T> | undefined;
    if (!load) {
      const file = LIST_FILES[kind];
      load = this.origin
        .version(file)
        .then((version) => this.ctx.resources.get(`apiosintds\n${this.origin.id}\n${file}`, version, async () => parse(file, await this.origin.readList(file))));
      this.#loads.set(kind, load);
    }
    return load;
  }
}
