/**
 * Turns the MISP events of export and action requests (raw `fetchEvent` shape
 * or core format, PROTOCOL.md §2.6) into one shape: `NormalizedEvent`.
 * Ids, timestamps and enums become strings; flags become booleans; attribute
 * and event tags become plain tag lists. Unknown fields pass through.
 */
import { ModuleError } from '../base/errors.js';
import type {
  EventAttribute,
  EventInfo,
  EventObject,
  EventObjectReference,
  EventReport,
  EventTag,
  Galaxy,
  NormalizedEvent,
} from './event-types.js';

export type * from './event-types.js';

type Json = Record<string, unknown>;

// Fields MISP sends as numeric strings (numbers elsewhere): normalised to strings.
const STRING_FIELDS = new Set([
  'id', 'event_id', 'object_id', 'orgc_id', 'org_id', 'user_id', 'tag_id', 'galaxy_id', 'referenced_id',
  'referenced_type', 'threat_level_id', 'analysis', 'distribution', 'sharing_group_id', 'attribute_count',
  'timestamp', 'publish_timestamp', 'sighting_timestamp', 'template_version',
]);
// Flags MISP sends as booleans ("0"/"1" and 0/1 elsewhere): normalised to booleans.
const BOOLEAN_FIELDS = new Set([
  'published', 'to_ids', 'deleted', 'disable_correlation', 'locked', 'proposal_email_lock', 'exportable',
  'hide_tag', 'local',
]);
// Models nested in the core format, or beside Event in the raw shape.
const RELATED = ['Attribute', 'Object', 'Tag', 'EventTag', 'Galaxy', 'EventReport'];
const RAW_MARKERS = ['Attribute', 'Object', 'EventTag', 'Galaxy', 'EventReport', 'Orgc', 'Org'];

/**
 * Normalises the `data` of an export request: a list of events (MISP sends
 * one) or a single event. Throws a ModuleError naming the problem when an
 * item is not a MISP event.
 */
export function normalizeExportData(data: unknown): NormalizedEvent[] {
  const prefix = 'Export data must be a MISP event';
  if (Array.isArray(data)) return data.map((item, i) => normalize(item, prefix, `item ${i}`));
  if (isRecord(data)) return [normalize(data, prefix, 'the data')];
  throw new ModuleError(`${prefix}: got ${describe(data)}.`);
}

/** Normalises one event (`{Event: {...}}` in either shape, or a bare event object). */
export function normalizeEvent(input: unknown): NormalizedEvent {
  return normalize(input, 'Expected a MISP event', 'the input');
}

function normalize(input: unknown, prefix: string, where: string): NormalizedEvent {
  const fail = (detail: string): never => {
    throw new ModuleError(`${prefix}: ${where} ${detail}`);
  };
  if (!isRecord(input)) return fail(`is ${describe(input)}, not an object.`);

  let wrapper: Json = input;
  let fields: Json;
  if (isRecord(input.Event)) {
    fields = input.Event;
  } else if ('Event' in input) {
    return fail(`has an "Event" that is ${describe(input.Event)}, not an object.`);
  } else if (typeof input.info === 'string' || typeof input.uuid === 'string') {
    fields = input; // a bare event, as PyMISP's MISPEvent.to_dict() writes it
    wrapper = {};
  } else {
    const keys = Object.keys(input).slice(0, 8).join(', ');
    return fail(`has no "Event" object (keys: ${keys || 'none'}).`);
  }

  const list = (owner: Json, key: string, label: string): Json[] => {
    const value = owner[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return fail(`has a ${label} that is ${describe(value)}, not a list.`);
    return value.map((item, i) => (isRecord(item) ? item : fail(`has ${label}[${i}] that is ${describe(item)}.`)));
  };
  const both = (key: string): Json[] => [
    ...list(fields, key, `Event.${key}`),
    ...(wrapper === input ? list(wrapper, key, key) : []),
  ];

  const attributeOf = (raw: Json, label: string): EventAttribute => {
    const value = raw.value;
    if (typeof raw.type !== 'string') return fail(`has ${label} without a type.`);
    if (typeof value !== 'string' && typeof value !== 'number') return fail(`has ${label} without a value.`);
    const { AttributeTag, Tag, Galaxy: galaxies, ...rest } = coerce(raw);
    return {
      ...rest,
      uuid: stringOr(rest.uuid),
      type: raw.type,
      category: stringOr(rest.category),
      value: String(value),
      to_ids: rest.to_ids === true,
      comment: stringOr(rest.comment),
      Tag: [...tagsOf(Tag), ...wrappedTags(AttributeTag)],
      Galaxy: galaxiesOf(galaxies),
    };
  };

  const objects: EventObject[] = both('Object').map((raw, i) => {
    if (typeof raw.name !== 'string') return fail(`has Object[${i}] without a name.`);
    const { Attribute: _a, ObjectReference: _r, ...rest } = coerce(raw);
    const uuid = stringOr(rest.uuid);
    return {
      ...rest,
      name: raw.name,
      uuid,
      Attribute: list(raw, 'Attribute', `Object[${i}].Attribute`).map((a, j) =>
        attributeOf(a, `Object[${i}].Attribute[${j}]`),
      ),
      ObjectReference: list(raw, 'ObjectReference', `Object[${i}].ObjectReference`).map((r) => referenceOf(r, uuid)),
    };
  });

  // Attributes of objects normally sit inside their object; move strays there.
  const attributes: EventAttribute[] = [];
  both('Attribute').forEach((raw, i) => {
    const attribute = attributeOf(raw, `Attribute[${i}]`);
    const owner =
      attribute.object_id && attribute.object_id !== '0'
        ? objects.find((o) => o.id !== undefined && o.id === attribute.object_id)
        : undefined;
    if (!owner) attributes.push(attribute);
    else if (!owner.Attribute.some((a) => a.uuid !== '' && a.uuid === attribute.uuid)) owner.Attribute.push(attribute);
  });

  const rawShape = wrapper === input && RAW_MARKERS.some((key) => key in input);
  return {
    shape: rawShape ? 'raw' : 'core',
    event: eventInfo(fields, wrapper === input ? input : {}),
    attributes,
    objects,
    tags: [...tagsOf(fields.Tag), ...wrappedTags(wrapper === input ? input.EventTag : undefined)],
    galaxies: galaxiesOf(both('Galaxy')),
    reports: both('EventReport').map(
      (raw): EventReport => ({ ...coerce(raw), name: stringOr(raw.name), content: stringOr(raw.content) }),
    ),
  };
}

function eventInfo(fields: Json, wrapper: Json): EventInfo {
  const own = Object.fromEntries(Object.entries(fields).filter(([key]) => !RELATED.includes(key)));
  // In the raw shape Orgc, Org, RelatedEvent, … sit beside Event: fold them in.
  const beside = Object.fromEntries(
    Object.entries(wrapper).filter(([key]) => key !== 'Event' && !RELATED.includes(key) && !(key in own)),
  );
  const info = coerce({ ...own, ...beside });
  return {
    ...info,
    uuid: stringOr(info.uuid),
    info: stringOr(info.info),
    date: stringOr(info.date),
    threat_level_id: stringOr(info.threat_level_id),
    analysis: stringOr(info.analysis),
    timestamp: stringOr(info.timestamp),
    published: info.published === true,
  };
}

function referenceOf(raw: Json, objectUuid: string): EventObjectReference {
  const ref = coerce(raw);
  return {
    ...ref,
    object_uuid: stringOr(ref.object_uuid) || stringOr(ref.source_uuid) || objectUuid,
    referenced_uuid: stringOr(ref.referenced_uuid),
    relationship_type: stringOr(ref.relationship_type),
  };
}

/** Core format: `Tag: [{name, …}]`. */
function tagsOf(tags: unknown): EventTag[] {
  if (!Array.isArray(tags)) return [];
  return tags.filter(isNamed).map((tag) => coerce(tag) as EventTag);
}

/** Raw shape: `EventTag` / `AttributeTag`: `[{local?, Tag: {name, …}}]`. */
function wrappedTags(links: unknown): EventTag[] {
  if (!Array.isArray(links)) return [];
  return links.filter(isRecord).flatMap((link) => {
    if (!isNamed(link.Tag)) return [];
    const tag = coerce(link.Tag) as EventTag;
    const local = coerce({ local: link.local }).local;
    return [typeof local !== 'boolean' || tag.local !== undefined ? tag : { ...tag, local }];
  });
}

function galaxiesOf(galaxies: unknown): Galaxy[] {
  if (!Array.isArray(galaxies)) return [];
  return galaxies.filter(isRecord).map((raw) => {
    const galaxy = coerce(raw);
    const clusters = Array.isArray(raw.GalaxyCluster) ? raw.GalaxyCluster.filter(isRecord).map(coerce) : [];
    return { ...galaxy, GalaxyCluster: clusters };
  });
}

/** Normalises the id-like and flag fields of one record (not nested ones). */
function coerce(record: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(record)) {
    if (STRING_FIELDS.has(key) && typeof value === 'number') out[key] = String(value);
    else if (BOOLEAN_FIELDS.has(key)) out[key] = toBoolean(value);
    else out[key] = value;
  }
  return out;
}

function toBoolean(value: unknown): unknown {
  if (value === true || value === 1 || value === '1' || value === 'true') return true;
  if (value === false || value === 0 || value === '0' || value === 'false' || value === '') return false;
  return value;
}

function stringOr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNamed(value: unknown): value is Json & { name: string } {
  return isRecord(value) && typeof value.name === 'string';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.slice(0, 40))})`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
