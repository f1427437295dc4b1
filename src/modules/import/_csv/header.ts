/**
 * csvimport headers: which columns hold what. A header is either made of
 * MISP attribute fields (MISP's own CSV export: `uuid,event_id,category,type,
 * value,…`) or of attribute types (`ip-src,domain, ,comment`), where each
 * type column gives one attribute per row and field columns (comment,
 * category, to_ids, tags, …) apply to every attribute of the row.
 */
import { CSV_MESSAGES } from './messages.js';
import { isAttributeType, type AttributeType } from '../../../misp/attribute-types.js';

/** MISP's CSV export header (`/events/csv/download`, restSearch `returnFormat: csv`). */
export const MISP_STANDARD_HEADER = [
  'uuid', 'event_id', 'category', 'type', 'value', 'comment', 'to_ids', 'date',
  'object_relation', 'attribute_tag', 'object_uuid', 'object_name', 'object_meta_category',
] as const;

/** The same with `includeContext`: event columns follow (ignored on import). */
export const MISP_CONTEXT_FIELDS = [
  'event_info', 'event_member_org', 'event_source_org', 'event_distribution', 'event_threat_level_id',
  'event_analysis', 'event_date', 'event_tag', 'event_timestamp',
] as const;

/** Columns that describe the attribute itself. */
export type AttributeField =
  | 'uuid' | 'category' | 'type' | 'value' | 'comment' | 'to_ids' | 'attribute_tag'
  | 'first_seen' | 'last_seen' | 'distribution' | 'disable_correlation';

/** Columns that place the attribute in an object. */
export type ObjectField = 'object_relation' | 'object_uuid' | 'object_id' | 'object_name' | 'object_meta_category';

const ATTRIBUTE_FIELDS: readonly AttributeField[] = [
  'uuid', 'category', 'type', 'value', 'comment', 'to_ids', 'attribute_tag',
  'first_seen', 'last_seen', 'distribution', 'disable_correlation',
];
const OBJECT_FIELDS: readonly ObjectField[] = [
  'object_relation', 'object_uuid', 'object_id', 'object_name', 'object_meta_category',
];
// Accepted but not imported: MISP assigns these itself.
const IGNORED_FIELDS = new Set<string>(['event_id', 'date', 'id', 'timestamp', ...MISP_CONTEXT_FIELDS]);
// Names that skip a column (upstream's list).
const SKIP = new Set(['', '_']);
// Friendlier names for the tag column.
const ALIASES: Readonly<Record<string, AttributeField>> = { tag: 'attribute_tag', tags: 'attribute_tag' };

export type Column =
  | { kind: 'field'; field: AttributeField }
  | { kind: 'object'; field: ObjectField }
  | { kind: 'type'; type: AttributeType }
  | { kind: 'skip' };

export interface HeaderPlan {
  /** One entry per header column. */
  readonly columns: readonly Column[];
  /** Fields only (MISP's format): each row is one attribute with its own type and value. */
  readonly fromMisp: boolean;
  /** Exactly MISP's export header (values are unquoted once more, as upstream does). */
  readonly mispExport: boolean;
  /** A row must have at least this many cells (the last column that is read). */
  readonly minCells: number;
  /** The header as given, for messages. */
  readonly names: readonly string[];
}

function classify(name: string): Column | undefined {
  if (SKIP.has(name) || IGNORED_FIELDS.has(name)) return { kind: 'skip' };
  const field = ALIASES[name] ?? name;
  if ((ATTRIBUTE_FIELDS as readonly string[]).includes(field)) return { kind: 'field', field: field as AttributeField };
  if ((OBJECT_FIELDS as readonly string[]).includes(field)) return { kind: 'object', field: field as ObjectField };
  if (isAttributeType(name)) return { kind: 'type', type: name };
  return undefined;
}

function sameHeader(names: readonly string[], expected: readonly string[]): boolean {
  return names.length === expected.length && names.every((name, i) => name === expected[i]);
}

/** Checks a header (already split and trimmed) and says how to read each row. */
export function planHeader(names: readonly string[]): HeaderPlan {
  if (names.every((name) => name === '')) {
    throw CSV_MESSAGES.error('emptyHeader');
  }
  const columns = names.map((name) => {
    const column = classify(name);
    if (!column) {
      throw CSV_MESSAGES.error('wrongHeaderField', { name });
    }
    return column;
  });
  const has = (field: string) => columns.some((c) => (c.kind === 'field' || c.kind === 'object') && c.field === field);
  const typeColumns = columns.filter((c) => c.kind === 'type').length;
  const fromMisp = typeColumns === 0;
  if (fromMisp && !(has('type') && has('value'))) {
    throw CSV_MESSAGES.error('noTypeValue', { header: names.join(',') });
  }
  if (!fromMisp && (has('type') || has('value'))) {
    const wrong = ['type', 'value'].filter(has).join(' and ');
    throw CSV_MESSAGES.error('typeValueAndTypes', { header: names.join(','), wrong });
  }
  const lastRead = columns.reduce((last, column, i) => (column.kind === 'skip' ? last : i), -1);
  const mispExport =
    sameHeader(names, MISP_STANDARD_HEADER) || sameHeader(names, [...MISP_STANDARD_HEADER, ...MISP_CONTEXT_FIELDS]);
  return { columns, fromMisp, mispExport, minCells: lastRead + 1, names };
}

/** Splits the `header` setting (comma separated, blanks skip a column). */
export function splitHeader(header: string): string[] {
  return header.split(',').map((name) => name.trim());
}
