/**
 * MISP's attribute types and categories, from the server's own data model
 * (src/misp/attribute-types.ts, bundled into the page at build time).
 */
import { ATTRIBUTE_CATEGORIES, ATTRIBUTE_TYPE_NAMES, attributeTypeInfo } from '../../../src/misp/attribute-types.js';

export const TYPE_NAMES: readonly string[] = ATTRIBUTE_TYPE_NAMES;
export const CATEGORY_NAMES: readonly string[] = ATTRIBUTE_CATEGORIES;

export function isKnownType(type: string): boolean {
  return attributeTypeInfo(type) !== undefined;
}

/** The categories MISP accepts for the type, in MISP's order (empty for an unknown type). */
export function categoriesOf(type: string): readonly string[] {
  return attributeTypeInfo(type)?.categories ?? [];
}

export function defaultCategoryOf(type: string): string | undefined {
  return attributeTypeInfo(type)?.defaultCategory;
}

export function defaultToIdsOf(type: string): boolean {
  return attributeTypeInfo(type)?.toIds ?? false;
}

/** The category to use: the given one when MISP allows it for the type, else the type's default. */
export function validCategory(type: string, category: string | undefined): string | undefined {
  return category !== undefined && categoriesOf(type).includes(category) ? category : defaultCategoryOf(type);
}
