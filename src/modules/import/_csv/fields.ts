/**
 * Reads the attribute-field cells of a CSV row (category, to_ids, tags, …)
 * the way upstream's csvimport does, dropping what MISP would refuse
 * instead of failing the whole import.
 */
import { ATTRIBUTE_CATEGORIES, isValidCategory, type AttributeType } from '../../../misp/attribute-types.js';
import type { Category } from '../../../misp/types.js';
import type { AttributeField } from './header.js';

/** The field cells of one row, by field name (empty cells left out). */
export type FieldCells = Partial<Record<AttributeField, string>>;

/** What the fields give one attribute (beside its type and value). */
export interface RowFields {
  uuid?: string;
  category?: Category;
  comment?: string;
  to_ids?: boolean;
  disable_correlation?: boolean;
  distribution?: string;
  first_seen?: string;
  last_seen?: string;
  tags?: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * MISP's category names, matched as upstream does: exactly, or with the
 * first letter capitalised and the rest lowercased (Python's capitalize()).
 */
function categoryOf(text: string): Category | undefined {
  const categories: readonly string[] = ATTRIBUTE_CATEGORIES;
  if (categories.includes(text)) return text as Category;
  const capitalized = text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
  return categories.includes(capitalized) ? (capitalized as Category) : undefined;
}

/** Upstream reads only "1" as true; MISP's own exports write 1/0, other tools true/false. */
function flag(text: string): boolean {
  return ['1', 'true', 'yes'].includes(text.toLowerCase());
}

/** The fields that do not depend on the attribute type. */
export function readFields(cells: FieldCells): RowFields {
  const fields: RowFields = {};
  if (cells.uuid && UUID.test(cells.uuid)) fields.uuid = cells.uuid.toLowerCase();
  if (cells.comment) fields.comment = cells.comment;
  if (cells.to_ids) fields.to_ids = flag(cells.to_ids);
  if (cells.disable_correlation) fields.disable_correlation = flag(cells.disable_correlation);
  if (cells.distribution && /^[0-5]$/.test(cells.distribution)) fields.distribution = cells.distribution;
  if (cells.first_seen) fields.first_seen = cells.first_seen;
  if (cells.last_seen) fields.last_seen = cells.last_seen;
  if (cells.attribute_tag) {
    const tags = cells.attribute_tag.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
    if (tags.length) fields.tags = tags;
  }
  return fields;
}

/** The category cell when MISP accepts it for the type; otherwise the type's default applies. */
export function categoryFor(type: AttributeType, cell: string | undefined): Category | undefined {
  if (!cell) return undefined;
  const category = categoryOf(cell);
  return category && isValidCategory(type, category) ? category : undefined;
}
