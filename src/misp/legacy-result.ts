/**
 * Legacy ("simplified") results (PROTOCOL.md §3.1):
 * `{"results": [{"types": [...], "values": [...], "categories"?, "comment"?, "tags"?, "to_ids"?, "data"?}]}`.
 * MISP shows each value for review with `types[0]` (and `categories[0]`) as
 * defaults. The type `freetext` sends the value through MISP's freetext parser.
 */
import { dataString, distributionString } from './attribute-fields.js';
import { isAttributeType, isCategory } from './attribute-types.js';
import type { Category, LegacyResponse, LegacyResultEntry, LegacyType, LegacyValue } from './types.js';

export interface LegacyEntryInput {
  /** One type or several candidates (the first is the default). */
  types: LegacyType | readonly LegacyType[];
  /** One value or a list. Upstream sometimes sends a bare string; it is kept as given. */
  values: LegacyValue | readonly LegacyValue[];
  categories?: Category | readonly Category[];
  comment?: string;
  tags?: string | readonly string[];
  to_ids?: boolean;
  /** File content for `attachment` / `malware-sample`: bytes, or a base64 string. */
  data?: string | Uint8Array;
  distribution?: number | string;
  data_is_handled?: boolean;
}

export interface LegacyOptions {
  /** Import only: the default comment on MISP's import screen. */
  comment?: string;
}

/** Builds `{results: [...]}` from entries; a wrong type or category is a module bug and throws. */
export function legacyResults(entries: readonly LegacyEntryInput[], options: LegacyOptions = {}): LegacyResponse {
  const builder = new LegacyResultBuilder();
  for (const entry of entries) builder.add(entry);
  return builder.toResults(options);
}

export class LegacyResultBuilder {
  readonly #entries: LegacyResultEntry[] = [];

  get isEmpty(): boolean {
    return this.#entries.length === 0;
  }

  add(input: LegacyEntryInput): LegacyResultEntry {
    const entry = legacyEntry(input);
    this.#entries.push(entry);
    return entry;
  }

  /** Shortcut for the common case: some values offered as some types. */
  addValues(
    types: LegacyType | readonly LegacyType[],
    values: LegacyValue | readonly LegacyValue[],
    extra: Omit<LegacyEntryInput, 'types' | 'values'> = {},
  ): LegacyResultEntry {
    return this.add({ ...extra, types, values });
  }

  toResults(options: LegacyOptions = {}): LegacyResponse {
    return {
      results: structuredClone(this.#entries),
      ...(options.comment !== undefined && { comment: options.comment }),
    };
  }
}

function legacyEntry(input: LegacyEntryInput): LegacyResultEntry {
  const types = listOf(input.types);
  if (types.length === 0) throw new Error('A legacy result needs at least one type.');
  for (const type of types) {
    if (type !== 'freetext' && !isAttributeType(type)) throw new Error(`Unknown MISP attribute type "${type}".`);
  }
  const categories = input.categories === undefined ? undefined : listOf(input.categories);
  for (const category of categories ?? []) {
    if (!isCategory(category)) throw new Error(`Unknown MISP category "${category}".`);
  }
  return {
    types,
    values: Array.isArray(input.values) ? [...(input.values as readonly LegacyValue[])] : (input.values as LegacyValue),
    ...(categories !== undefined && { categories }),
    ...(input.comment !== undefined && { comment: input.comment }),
    ...(input.tags !== undefined && { tags: listOf(input.tags) }),
    ...(input.to_ids !== undefined && { to_ids: input.to_ids }),
    ...(input.data !== undefined && { data: dataString(input.data) }),
    ...(input.distribution !== undefined && { distribution: distributionString(input.distribution) }),
    ...(input.data_is_handled !== undefined && { data_is_handled: input.data_is_handled }),
  };
}

function listOf<T extends string>(value: T | readonly T[]): T[] {
  return typeof value === 'string' ? [value] : [...value];
}
