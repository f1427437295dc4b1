/**
 * Field rules shared by the result builders: how values, categories, tags,
 * file data and distributions are written, following PyMISP's to_dict().
 */
import { Buffer } from 'node:buffer';
import { categoriesFor, defaultCategory, isCategory, isValidCategory, type AttributeType } from './attribute-types.js';
import { toMispDatetime } from './datetime.js';
import type { Category, ResultTag } from './types.js';

/** A tag given by name, or with its MISP flags. */
export type TagInput = string | ResultTag;

/** What a module may pass as an attribute value. */
export type AttributeValue = string | number | Date;

/**
 * The value as a string. Dates and `datetime` values become isoformat
 * strings; numbers become strings (PyMISP turns ints into strings); strings
 * are trimmed, as PyMISP's to_dict() strips every string field.
 */
export function valueString(type: AttributeType, value: AttributeValue): string {
  if (value instanceof Date) return toMispDatetime(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Attribute value for type "${type}" is not a finite number.`);
    return type === 'datetime' ? toMispDatetime(value) : String(value);
  }
  if (typeof value !== 'string') {
    throw new Error(`Attribute value for type "${type}" must be a string, a number or a Date.`);
  }
  const trimmed = value.trim();
  return type === 'datetime' && trimmed !== '' ? toMispDatetime(trimmed) : trimmed;
}

/**
 * The category to write. An explicit category must be valid for the type
 * (MISP refuses the attribute otherwise), so a wrong one is a module bug. A
 * template's default category is dropped for the type's default when the type
 * does not allow it, as PyMISP does.
 */
export function resolveCategory(type: AttributeType, explicit?: string, templateDefault?: Category): Category {
  if (explicit !== undefined) {
    if (!isCategory(explicit) || !isValidCategory(type, explicit)) {
      throw new Error(
        `Category "${explicit}" is not valid for attribute type "${type}" (allowed: ${categoriesFor(type).join(', ')}).`,
      );
    }
    return explicit;
  }
  if (templateDefault !== undefined && isValidCategory(type, templateDefault)) return templateDefault;
  return defaultCategory(type);
}

/** Tags as `[{name}]`, trimmed, without empty names or duplicates. */
export function tagList(tags: readonly TagInput[] | undefined): ResultTag[] {
  const out: ResultTag[] = [];
  for (const tag of tags ?? []) {
    const entry: ResultTag = typeof tag === 'string' ? { name: tag } : { ...tag };
    entry.name = entry.name.trim();
    if (entry.name !== '' && !out.some((t) => t.name === entry.name)) out.push(entry);
  }
  return out;
}

/** Adds a tag to a list unless one with the same name is there. */
export function pushTag(list: ResultTag[], tag: TagInput): ResultTag | undefined {
  const [entry] = tagList([tag]);
  if (!entry) return undefined;
  const existing = list.find((t) => t.name === entry.name);
  if (existing) return existing;
  list.push(entry);
  return entry;
}

/** File content for `data`: bytes are base64-encoded, a string is taken as base64 already. */
export function dataString(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : Buffer.from(data).toString('base64');
}

/** Distribution levels 0–5 as the strings PyMISP sends. */
export function distributionString(distribution: number | string): string {
  const level = Number(distribution);
  if (!Number.isInteger(level) || level < 0 || level > 5) {
    throw new Error(`Distribution "${distribution}" is invalid: it must be 0, 1, 2, 3, 4 or 5.`);
  }
  return String(level);
}

/**
 * The fields PyMISP's `_prepare_new_malware_sample` gives a malware-sample
 * built with its file: `malware_filename`, the value cut back to that name,
 * and `encrypt: true`. MISP zips the file with the password `infected` only
 * when `encrypt` is set, then stores the value as `filename|md5`; without it
 * the bare name fails MISP's composite check and the attribute is dropped.
 *
 * Kept: an md5 after the name (`name|md5`) is ignored, MISP computes its own.
 * Fixed: a `|` left inside the name (PyMISP crashes or cuts the name there)
 * becomes `_`, so that MISP's `filename|md5` has exactly one separator.
 */
export function malwareSampleFields(value: string): { value: string; malware_filename: string; encrypt: true } {
  const withoutMd5 = value.replace(/\|[0-9a-f]{32}$/i, '');
  const filename = withoutMd5.replaceAll('|', '_').trim();
  if (filename === '') throw new Error('A malware-sample needs a file name as its value.');
  return { value: filename, malware_filename: filename, encrypt: true };
}
