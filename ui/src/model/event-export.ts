/**
 * A session as a MISP event (JSON, the format MISP's "Add event from JSON"
 * import reads): the queried value, every attribute and object the modules
 * found (pivots included), their references, tags and reports.
 *
 * - Legacy results become attributes of their first type MISP knows
 *   (`freetext` and unknown types become `text`), in their first category
 *   MISP allows for it, commented with the module they came from.
 * - An attribute found twice (same uuid, or same type, value and category,
 *   which MISP refuses twice in one event) is kept once; references to the
 *   copy are pointed at the one kept, and references to nothing in the event
 *   are left out.
 * - Fields MISP's event schema does not know are dropped (attributes keep
 *   uuid, type, category, value, to_ids, comment, distribution,
 *   disable_correlation, data and Tag; `encrypt` is kept for a malware-sample
 *   whose file MISP must zip).
 */
import { defaultToIdsOf, isKnownType, validCategory } from './misp-types.js';
import type { ViewAttribute, ViewObject } from './results.js';
import { allNodes, type QueryInput, type Session } from './session.js';
import { newUuid } from './uuid.js';

type Json = Record<string, unknown>;

export interface MispEvent {
  Event: Json;
}

/** The first type MISP knows among the candidates; `text` when none. */
function mispType(candidates: readonly string[]): string {
  return candidates.find((t) => t !== 'freetext' && isKnownType(t)) ?? 'text';
}

function attributeJson(a: ViewAttribute, provenance: string): Json {
  const type = mispType(a.candidates.length > 0 ? a.candidates : [a.type]);
  const retyped = type !== a.type ? ` (offered as ${a.type})` : '';
  const comment = a.comment ?? (a.fields['comment'] as string | undefined);
  const json: Json = {
    uuid: a.uuid,
    type,
    category: validCategory(type, a.category)!,
    value: a.value,
    to_ids: a.toIds ?? defaultToIdsOf(type),
    comment: `${comment ? comment : provenance}${retyped}`,
    distribution: '5',
  };
  if (typeof a.fields['disable_correlation'] === 'boolean') json['disable_correlation'] = a.fields['disable_correlation'];
  if (typeof a.fields['data'] === 'string') json['data'] = a.fields['data'];
  if (a.fields['encrypt'] === true) json['encrypt'] = true;
  if (a.tags.length > 0) json['Tag'] = a.tags.map((name) => ({ name }));
  return json;
}

function inputJson(input: QueryInput): Json {
  const type = input.file ? 'filename' : input.type;
  const value = input.file ? input.file.name : input.value;
  return { uuid: input.uuid, type, category: validCategory(type, input.category)!, value, to_ids: false, comment: 'Queried in the misp-modules web page', distribution: '5' };
}

const OBJECT_FIELDS = ['name', 'meta-category', 'description', 'template_uuid', 'template_version', 'comment', 'first_seen', 'last_seen'] as const;

function objectJson(o: ViewObject, provenance: string): Json {
  const json: Json = { uuid: o.uuid, distribution: '5' };
  for (const field of OBJECT_FIELDS) if (typeof o.fields[field] === 'string' || typeof o.fields[field] === 'number') json[field] = String(o.fields[field]);
  json['name'] = o.name;
  if (o.fields['meta_category'] !== undefined && json['meta-category'] === undefined) json['meta-category'] = String(o.fields['meta_category']);
  if (json['comment'] === undefined) json['comment'] = provenance;
  json['Attribute'] = o.attributes.map((a) => ({ ...attributeJson(a, ''), object_relation: a.relation, comment: a.comment ?? '' }));
  json['ObjectReference'] = o.references.map((r) => ({
    uuid: newUuid(),
    object_uuid: o.uuid,
    referenced_uuid: r.target,
    relationship_type: r.relationship,
    ...(r.comment ? { comment: r.comment } : {}),
  }));
  return json;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function sessionEvent(session: Session, now = new Date()): MispEvent {
  const attributes: Json[] = [];
  const objects: Json[] = [];
  const tags = new Set<string>();
  const reports: Json[] = [];
  for (const node of allNodes(session)) {
    for (const run of node.runs) {
      const result = run.result;
      if (!result) continue;
      const provenance = `${run.module} on ${node.input.type} ${node.input.file?.name ?? node.input.value}`;
      for (const a of result.attributes) if (a.uuid !== node.input.uuid) attributes.push(attributeJson(a, provenance));
      for (const o of result.objects) objects.push(objectJson(o, provenance));
      for (const t of result.tags) tags.add(t);
      for (const r of result.reports) reports.push({ uuid: newUuid(), name: r.name, content: r.content, distribution: '5' });
    }
  }
  // The queried values: the root, and pivots made from a value no result holds as such.
  const inputs = allNodes(session).map((n) => inputJson(n.input));

  // Keep each attribute once; remember which uuid stands for a dropped copy.
  const alias = new Map<string, string>();
  const seenUuids = new Set<string>(objects.flatMap((o) => (o['Attribute'] as Json[]).map((a) => a['uuid'] as string)));
  const byContent = new Map<string, string>();
  const kept: Json[] = [];
  for (const a of [...inputs, ...attributes]) {
    const uuid = a['uuid'] as string;
    const content = `${a['type']}\u0000${a['value']}\u0000${a['category']}`;
    if (seenUuids.has(uuid)) continue;
    const same = byContent.get(content);
    if (same !== undefined) {
      alias.set(uuid, same);
      continue;
    }
    seenUuids.add(uuid);
    byContent.set(content, uuid);
    kept.push(a);
  }
  const objectUuids = new Set(objects.map((o) => o['uuid'] as string));
  for (const o of objects) {
    o['ObjectReference'] = (o['ObjectReference'] as Json[])
      .map((r) => ({ ...r, referenced_uuid: alias.get(r['referenced_uuid'] as string) ?? r['referenced_uuid'] }))
      .filter((r) => seenUuids.has(r.referenced_uuid as string) || objectUuids.has(r.referenced_uuid as string));
  }

  const event: Json = {
    uuid: newUuid(),
    info: `misp-modules: ${session.root.input.type} ${session.root.input.file?.name ?? session.root.input.value}`,
    date: isoDate(new Date(session.createdAt)),
    threat_level_id: '4',
    analysis: '0',
    distribution: '0',
    published: false,
    timestamp: String(Math.floor(now.getTime() / 1000)),
    Attribute: kept,
    Object: objects,
    Tag: [...tags].map((name) => ({ name })),
  };
  if (reports.length > 0) event['EventReport'] = reports;
  return { Event: event };
}
