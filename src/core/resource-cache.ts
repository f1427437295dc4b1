/**
 * Read-only resources that are costly to load (a 60 MB MaxMind database, a
 * compiled rule set) kept between queries by the server, so that modules
 * themselves stay stateless. A resource is loaded once per key and version
 * (e.g. a file's size and mtime); a new version replaces it; a failed load is
 * not kept, so the next query tries again. At most `maxEntries` are kept,
 * least recently used first out.
 */

export interface SharedResources {
  get<T>(key: string, version: string, load: () => Promise<T>): Promise<T>;
}

interface Entry {
  version: string;
  value: Promise<unknown>;
}

export class ResourceCache implements SharedResources {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 16) {}

  get<T>(key: string, version: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && entry.version === version) {
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value as Promise<T>;
    }
    const value = load();
    const fresh: Entry = { version, value };
    this.entries.delete(key);
    this.entries.set(key, fresh);
    value.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
