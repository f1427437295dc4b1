/**
 * Sigma value modifiers (`Field|contains|all: …`) as the legacy converter
 * applied them, in the order written. Transformations work on strings, on
 * lists of strings and on the OR/AND groups other modifiers produce.
 */
import { SigmaRuleError, SigmaUnsupportedError } from './errors.js';
import { pyFloat } from './python-format.js';
import type { RegexValue } from './tree.js';
import type { YamlValue } from './yaml-value.js';

/** A value while modifiers run. */
export type ModValue =
  | string
  | bigint
  | null
  | { readonly kind: 'bytes'; readonly data: Buffer }
  | { readonly kind: 'list'; readonly items: ModValue[] }
  | { readonly kind: 'group'; readonly op: 'and' | 'or'; readonly items: ModValue[]; readonly subexpression: boolean }
  | RegexValue
  | { readonly kind: 'unsupported'; readonly type: string };

/** Modifiers the legacy converter implements. */
export const LEGACY_MODIFIERS: ReadonlySet<string> = new Set([
  'contains', 'startswith', 'endswith', 'all', 'base64', 'base64offset', 'windash', 'utf16', 'utf16le', 'utf16be', 'wide', 're',
]);

/** Modifiers of the current Sigma specification (v2.1) that the legacy converter does not implement. */
export const MODERN_MODIFIERS: ReadonlySet<string> = new Set([
  'cidr', 'exists', 'cased', 'neq', 'i', 'm', 's', 'lt', 'lte', 'gt', 'gte', 'expand', 'fieldref',
  'minute', 'hour', 'day', 'week', 'month', 'year',
]);

/** YAML value → modifier input. Booleans and floats become their YAML text (legacy refused them). */
export function toModValue(value: YamlValue): ModValue {
  if (value === null || typeof value === 'string' || typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pyFloat(value);
  if (Array.isArray(value)) return { kind: 'list', items: value.map(toModValue) };
  return { kind: 'unsupported', type: 'map' };
}

function typeName(value: ModValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'bigint') return 'integer';
  if (value.kind === 'group') return 'modifier result';
  if (value.kind === 'unsupported') return value.type;
  return value.kind;
}

function wrongType(modifier: string, value: ModValue): SigmaRuleError {
  return new SigmaRuleError(`the '${modifier}' modifier cannot be applied to a ${typeName(value)} value`);
}

/** Applies a transformation to a string (or bytes) and to every one inside lists and groups. */
function mapStrings(modifier: string, value: ModValue, fn: (text: string, fromBytes: boolean) => ModValue, acceptBytes = false): ModValue {
  const visit = (v: ModValue): ModValue => {
    if (typeof v === 'string') return fn(v, false);
    if (v === null || typeof v !== 'object') throw wrongType(modifier, v);
    if (acceptBytes && v.kind === 'bytes') return fn(v.data.toString('latin1'), true);
    if (v.kind === 'list') return { kind: 'list', items: flatten(v.items.map(visit)) };
    if (v.kind === 'group') return { ...v, items: v.items.map(visit) };
    throw wrongType(modifier, v);
  };
  return visit(value);
}

/** Lists produced inside lists are merged into their parent (legacy apply_list). */
function flatten(items: ModValue[]): ModValue[] {
  return items.flatMap((item) => (item !== null && typeof item === 'object' && item.kind === 'list' ? item.items : [item]));
}

function bytesOf(text: string, fromBytes: boolean): Buffer {
  return fromBytes ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

function addTrailingWildcard(text: string): string {
  if (text.endsWith('*')) return text;
  return text.endsWith('\\') ? `${text}\\*` : `${text}*`;
}

/** Expansions double with every dash; past this many dashes the rule is refused rather than exploding. */
const MAX_WINDASH_DASHES = 10;

/** Every spelling of a Windows command-line flag with '-' or '/' (legacy windash). */
function windash(text: string): ModValue {
  const positions = [...text.matchAll(/\B[-/]\b/g)].map((m) => m.index!);
  if (positions.length === 0) return text;
  if (positions.length > MAX_WINDASH_DASHES) {
    throw new SigmaRuleError(`the 'windash' modifier would expand '${text}' into 2^${positions.length} values (at most ${MAX_WINDASH_DASHES} flags are allowed)`);
  }
  const expand = (locations: number[], offset: number): string[] => {
    const i = locations[0]!;
    const rest = locations.length === 1 ? [text.slice(i + 1)] : expand(locations.slice(1), i + 1);
    return ['-', '/'].flatMap((dash) => rest.map((tail) => text.slice(offset, i) + dash + tail));
  };
  return { kind: 'group', op: 'or', items: expand(positions, 0), subexpression: true };
}

/** The three base64 forms of a text at every byte offset, without the edges that depend on neighbours. */
function base64Offsets(data: Buffer): ModValue {
  const starts = [0, 2, 3];
  const ends = [undefined, -3, -2];
  const items = [0, 1, 2].map((i) => {
    const encoded = Buffer.concat([Buffer.alloc(i, ' '), data]).toString('base64');
    const end = ends[(data.length + i) % 3];
    return encoded.slice(starts[i], end);
  });
  return { kind: 'group', op: 'or', items, subexpression: true };
}

function applyOne(modifier: string, value: ModValue): ModValue {
  switch (modifier) {
    case 'contains':
      return mapStrings(modifier, value, (t) => addTrailingWildcard(t.startsWith('*') ? t : `*${t}`));
    case 'startswith':
      return mapStrings(modifier, value, addTrailingWildcard);
    case 'endswith':
      return mapStrings(modifier, value, (t) => (t.startsWith('*') ? t : `*${t}`));
    case 'all': {
      if (value !== null && typeof value === 'object' && (value.kind === 'list' || (value.kind === 'group' && !value.subexpression))) {
        return { kind: 'group', op: 'and', items: [...value.items], subexpression: false };
      }
      throw wrongType(modifier, value);
    }
    case 'base64':
      return mapStrings(modifier, value, (t, fromBytes) => bytesOf(t, fromBytes).toString('base64'), true);
    case 'base64offset':
      return mapStrings(modifier, value, (t, fromBytes) => base64Offsets(bytesOf(t, fromBytes)), true);
    case 'windash':
      return mapStrings(modifier, value, windash);
    case 'utf16':
    case 'utf16le':
    case 'wide':
    case 'utf16be':
      return mapStrings(modifier, value, (t) => ({ kind: 'bytes', data: encodeUtf16(t, modifier) }));
    case 're':
      if (typeof value === 'string') return { kind: 're', pattern: value };
      throw wrongType(modifier, value);
    default:
      if (MODERN_MODIFIERS.has(modifier)) {
        throw new SigmaUnsupportedError(`the '${modifier}' modifier is not supported by the legacy sigmac backends`);
      }
      throw new SigmaRuleError(`unknown modifier '${modifier}'`);
  }
}

function encodeUtf16(text: string, modifier: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  if (modifier === 'utf16be') return le.swap16();
  // Python's 'utf-16' codec writes a little-endian byte order mark first.
  if (modifier === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  return le;
}

/** Runs the modifiers of a `field|mod1|mod2` key over its value. */
export function applyModifiers(value: ModValue, modifiers: readonly string[]): ModValue {
  return modifiers.reduce((v, modifier) => applyOne(modifier, v), value);
}
