/**
 * Composite attribute types (`domain|ip`, `ip-src|port`, `filename|sha256`, …):
 * one MISP attribute holding two values separated by `|`.
 */
import { ModuleError } from '../base/errors.js';
import { ATTRIBUTE_TYPE_NAMES, isAttributeType, type AttributeType } from './attribute-types.js';

export interface CompositePart {
  type: AttributeType;
  value: string;
}

/** Every composite type MISP knows. */
export const COMPOSITE_TYPES: readonly AttributeType[] = ATTRIBUTE_TYPE_NAMES.filter((t) => t.includes('|'));

// The halves whose name is not itself an attribute type.
const HALF_TYPES: Readonly<Record<string, AttributeType>> = { ip: 'ip-dst', value: 'text' };

export function isCompositeType(type: string): boolean {
  return isAttributeType(type) && type.includes('|');
}

/**
 * The attribute types of the two halves: `ip-src|port` → `['ip-src', 'port']`,
 * `filename|md5` → `['filename', 'md5']`, `domain|ip` → `['domain', 'ip-dst']`,
 * `regkey|value` → `['regkey', 'text']`.
 */
export function compositeTypes(type: string): readonly [AttributeType, AttributeType] {
  if (!isCompositeType(type)) {
    throw new Error(`"${type}" is not a composite MISP attribute type.`);
  }
  const [left = '', right = ''] = type.split('|');
  return [halfType(left), halfType(right)];
}

/**
 * Splits a composite value into its two typed halves. The value is cut at the
 * first `|` (MISP stores composite values as exactly two parts). A value
 * without `|` is a user-facing error: it came from MISP or from a user.
 */
export function splitComposite(type: string, value: string): readonly [CompositePart, CompositePart] {
  const [leftType, rightType] = compositeTypes(type);
  const cut = value.indexOf('|');
  if (cut < 0) {
    throw new ModuleError(`The value "${value}" is not a valid ${type} value: expected two parts separated by "|".`);
  }
  return [
    { type: leftType, value: value.slice(0, cut) },
    { type: rightType, value: value.slice(cut + 1) },
  ];
}

/** Joins two halves (values or type names) with `|`. */
export function joinComposite(left: string, right: string): string {
  return `${left}|${right}`;
}

function halfType(name: string): AttributeType {
  const mapped = HALF_TYPES[name];
  if (mapped) return mapped;
  if (isAttributeType(name)) return name;
  throw new Error(`No attribute type for the "${name}" half of a composite type.`);
}
