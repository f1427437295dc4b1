/**
 * Loading Sigma YAML the way PyYAML's `safe_load_all` does (YAML 1.1:
 * `yes`/`no` booleans, octal `010`, …), keeping integers (bigint) apart from
 * floats (number). Dates stay strings: PyYAML would make them `date` objects,
 * which only matters for rule metadata, never for detections.
 */
import type { Document } from 'yaml';
import { lazyRequire } from '../../../core/lazy-require.js';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

export type YamlValue = null | boolean | string | bigint | number | YamlValue[] | { [key: string]: YamlValue };
export type YamlMap = { [key: string]: YamlValue };

export class YamlError extends Error {}

export function isMap(value: YamlValue | undefined): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns what the yaml library produced into plain YamlValues (map keys become strings, as Python's str() of them). */
function plain(value: unknown): YamlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint' || typeof value === 'number') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1');
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Set) return [...value].map(plain);
  if (value instanceof Map) {
    const out: YamlMap = {};
    for (const [k, v] of value) out[typeof k === 'string' ? k : String(plain(k))] = plain(v);
    return out;
  }
  if (typeof value === 'object') {
    const out: YamlMap = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = plain(v);
    return out;
  }
  return String(value);
}

function describeError(doc: Document.Parsed, text: string): string {
  const error = doc.errors[0]!;
  const [line, col] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : positionOf(text, error.pos[0]);
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return `${message} (line ${line}, column ${col})`;
}

function positionOf(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return [line, offset - before.lastIndexOf('\n')];
}

/** Every YAML document of the text, as plain values; a YamlError names the first problem and its position. */
export function loadYamlDocuments(text: string): YamlValue[] {
  const docs = yaml().parseAllDocuments(text, {
    version: '1.1',
    intAsBigInt: true,
    // PyYAML's safe_load has no timestamp-as-string distinction we need; keep dates as text.
    customTags: (tags) => tags.filter((tag) => typeof tag === 'object' && tag.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  const list = Array.isArray(docs) ? docs : [];
  const values: YamlValue[] = [];
  for (const doc of list) {
    if (doc.errors.length > 0) throw new YamlError(describeError(doc, text));
    values.push(plain(doc.toJS({ mapAsMap: true })));
  }
  return values;
}
