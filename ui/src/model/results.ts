/**
 * A module's answer read into one shape the page shows, whatever the module
 * answered: legacy results (`results: [{types, values, …}]`), misp_standard
 * results (`results: {Attribute, Object, Tag, EventReport}`, or a whole
 * event), an export (`data`, base64), an error, or anything else.
 * Legacy values get a uuid each here, so they can be pivoted on, drawn and
 * exported like misp_standard attributes.
 */
import { newUuid } from './uuid.js';

export interface ViewAttribute {
  uuid: string;
  type: string;
  /** Legacy results offer several types; the first is MISP's default. */
  candidates: string[];
  value: string;
  category?: string;
  toIds?: boolean;
  comment?: string;
  tags: string[];
  /** The fields the module sent, for the export (misp_standard only). */
  fields: Record<string, unknown>;
}

export interface ViewObjectAttribute extends ViewAttribute {
  relation: string;
}

export interface ViewReference {
  target: string;
  relationship: string;
  comment?: string;
}

export interface ViewObject {
  uuid: string;
  name: string;
  metaCategory?: string;
  comment?: string;
  attributes: ViewObjectAttribute[];
  references: ViewReference[];
  /** The object as the module sent it, for the export. */
  fields: Record<string, unknown>;
}

export interface ViewReport {
  name: string;
  content: string;
}

export interface ViewResult {
  format: 'legacy' | 'misp_standard';
  attributes: ViewAttribute[];
  objects: ViewObject[];
  tags: string[];
  reports: ViewReport[];
  /** The answer's top-level comment (an import's default comment). */
  comment?: string;
}

/** What one answer holds; an error may come with results. */
export interface Outcome {
  error?: string;
  result?: ViewResult;
  /** An export module's file, base64. */
  exportData?: string;
  /** An answer with neither results nor an error (an action's `{"data": true}`), described. */
  note?: string;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

function valueText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function tagNames(v: unknown): string[] {
  return list(v)
    .map((t) => (isRecord(t) ? str(t['name']) : str(t)))
    .filter((t): t is string => t !== undefined && t !== '');
}

function readLegacy(entries: unknown[]): ViewResult {
  const attributes: ViewAttribute[] = [];
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    const candidates = list(entry['types'] ?? entry['type']).map(str).filter((t): t is string => t !== undefined);
    const categories = list(entry['categories'] ?? entry['category']).map(str).filter((c): c is string => c !== undefined);
    for (const raw of list(entry['values'] ?? entry['value'])) {
      const value = valueText(raw);
      if (value === undefined || value === '') continue;
      attributes.push({
        uuid: newUuid(),
        type: candidates[0] ?? 'text',
        candidates,
        value,
        ...(categories[0] !== undefined ? { category: categories[0] } : {}),
        ...(typeof entry['to_ids'] === 'boolean' ? { toIds: entry['to_ids'] } : {}),
        ...(str(entry['comment']) ? { comment: str(entry['comment'])! } : {}),
        tags: tagNames(entry['tags']),
        fields: typeof entry['data'] === 'string' ? { data: entry['data'] } : {},
      });
    }
  }
  return { format: 'legacy', attributes, objects: [], tags: [], reports: [] };
}

function readAttribute(a: Json): ViewAttribute | undefined {
  const candidates = list(a['type']).map(str).filter((t): t is string => t !== undefined);
  const value = valueText(a['value']);
  if (candidates.length === 0 || value === undefined) return undefined;
  return {
    uuid: str(a['uuid']) ?? newUuid(),
    type: candidates[0]!,
    candidates,
    value,
    ...(str(a['category']) ? { category: str(a['category'])! } : {}),
    ...(typeof a['to_ids'] === 'boolean' ? { toIds: a['to_ids'] } : {}),
    ...(str(a['comment']) ? { comment: str(a['comment'])! } : {}),
    tags: tagNames(a['Tag']),
    fields: a,
  };
}

function readObject(o: Json): ViewObject | undefined {
  const name = str(o['name']);
  if (!name) return undefined;
  const attributes: ViewObjectAttribute[] = [];
  for (const raw of list(o['Attribute'])) {
    if (!isRecord(raw)) continue;
    const attribute = readAttribute(raw);
    if (attribute) attributes.push({ ...attribute, relation: str(raw['object_relation']) ?? attribute.type });
  }
  const references = list(o['ObjectReference'])
    .filter(isRecord)
    .map((r): ViewReference | undefined => {
      const target = str(r['referenced_uuid']);
      return target ? { target, relationship: str(r['relationship_type']) ?? 'related-to', ...(str(r['comment']) ? { comment: str(r['comment'])! } : {}) } : undefined;
    })
    .filter((r): r is ViewReference => r !== undefined);
  return {
    uuid: str(o['uuid']) ?? newUuid(),
    name,
    ...(str(o['meta-category'] ?? o['meta_category']) ? { metaCategory: str(o['meta-category'] ?? o['meta_category'])! } : {}),
    ...(str(o['comment']) ? { comment: str(o['comment'])! } : {}),
    attributes,
    references,
    fields: o,
  };
}

function readStandard(results: Json): ViewResult {
  // Some import modules answer a whole MISP event.
  const event = isRecord(results['Event']) ? results['Event'] : results;
  return {
    format: 'misp_standard',
    attributes: list(event['Attribute']).filter(isRecord).map(readAttribute).filter((a): a is ViewAttribute => a !== undefined),
    objects: list(event['Object']).filter(isRecord).map(readObject).filter((o): o is ViewObject => o !== undefined),
    tags: tagNames(event['Tag']),
    reports: list(event['EventReport'])
      .filter(isRecord)
      .map((r) => ({ name: str(r['name']) ?? 'Report', content: str(r['content']) ?? '' })),
  };
}

export function readAnswer(answer: unknown): Outcome {
  if (!isRecord(answer)) return { error: `The module answered ${JSON.stringify(answer)}, which holds neither results nor an error.` };
  const outcome: Outcome = {};
  if (answer['error'] !== undefined && answer['error'] !== null) outcome.error = str(answer['error']) ?? JSON.stringify(answer['error']);
  const results = answer['results'];
  if (Array.isArray(results)) outcome.result = readLegacy(results);
  else if (isRecord(results)) outcome.result = readStandard(results);
  if (outcome.result && str(answer['comment'])) outcome.result.comment = str(answer['comment'])!;
  if (typeof answer['data'] === 'string' && !outcome.result) outcome.exportData = answer['data'];
  if (!outcome.error && !outcome.result && outcome.exportData === undefined) outcome.note = `The module answered ${JSON.stringify(answer).slice(0, 200)}.`;
  return outcome;
}
