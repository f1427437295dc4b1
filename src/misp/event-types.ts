/**
 * MISP events as MISP sends them to export and action modules
 * (PROTOCOL.md §2.6), and the single normalised shape modules work with.
 *
 * Raw shape (`fetchEvent`): `{Event: {...}, Attribute: [...], Object: [...],
 * EventTag: [{Tag}], Galaxy, Orgc, Org, EventReport, ...}` with related models
 * beside `Event`, attribute tags as `AttributeTag: [{Tag}]`.
 * Core format (`JSONConverterTool::convert`, sent when the module sets
 * `require_standard_format`): everything nested inside `Event`, tags as `Tag: [...]`.
 * MISP sends ids, timestamps and enums as numeric strings; other producers
 * use numbers. Both are accepted.
 */

type IdLike = string | number;

/** A tag as MISP stores it (only `name` is always there). */
export interface EventTag {
  name: string;
  id?: string;
  colour?: string;
  exportable?: boolean;
  hide_tag?: boolean;
  local?: boolean;
  [key: string]: unknown;
}

export interface Organisation {
  id?: string;
  name?: string;
  uuid?: string;
  [key: string]: unknown;
}

export interface GalaxyCluster {
  uuid?: string;
  value?: string;
  tag_name?: string;
  description?: string;
  meta?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Galaxy {
  id?: string;
  uuid?: string;
  name?: string;
  type?: string;
  namespace?: string;
  GalaxyCluster: GalaxyCluster[];
  [key: string]: unknown;
}

/** An attribute of a normalised event. */
export interface EventAttribute {
  id?: string;
  event_id?: string;
  object_id?: string;
  object_relation?: string | null;
  uuid: string;
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  comment: string;
  distribution?: string;
  sharing_group_id?: string;
  timestamp?: string;
  deleted?: boolean;
  disable_correlation?: boolean;
  first_seen?: string | null;
  last_seen?: string | null;
  /** Base64 file content for `attachment` / `malware-sample`, when MISP includes it. */
  data?: string;
  /** In both shapes (raw `AttributeTag[].Tag` is unwrapped). */
  Tag: EventTag[];
  Galaxy: Galaxy[];
  [key: string]: unknown;
}

export interface EventObjectReference {
  uuid?: string;
  /** The referencing object (`source_uuid` in the raw shape). */
  object_uuid: string;
  referenced_uuid: string;
  relationship_type: string;
  comment?: string;
  [key: string]: unknown;
}

/** An object of a normalised event, with its attributes. */
export interface EventObject {
  id?: string;
  name: string;
  'meta-category'?: string;
  description?: string;
  template_uuid?: string;
  template_version?: string;
  uuid: string;
  comment?: string;
  distribution?: string;
  timestamp?: string;
  deleted?: boolean;
  first_seen?: string | null;
  last_seen?: string | null;
  Attribute: EventAttribute[];
  ObjectReference: EventObjectReference[];
  [key: string]: unknown;
}

export interface EventReport {
  uuid?: string;
  name: string;
  content: string;
  [key: string]: unknown;
}

/** The event's own fields (no attributes, objects, tags, galaxies or reports). */
export interface EventInfo {
  id?: string;
  uuid: string;
  info: string;
  date: string;
  threat_level_id: string;
  analysis: string;
  timestamp: string;
  published: boolean;
  distribution?: string;
  publish_timestamp?: string;
  orgc_id?: string;
  org_id?: string;
  Orgc?: Organisation;
  Org?: Organisation;
  /** Other fields (RelatedEvent, ShadowAttribute, SharingGroup, …) pass through unchanged. */
  [key: string]: unknown;
}

/** One shape for both of MISP's: what export and action modules work with. */
export interface NormalizedEvent {
  /** Which shape MISP sent (`raw` when related models sat beside `Event`). */
  shape: 'raw' | 'core';
  event: EventInfo;
  /** Attributes outside objects. */
  attributes: EventAttribute[];
  objects: EventObject[];
  tags: EventTag[];
  galaxies: Galaxy[];
  reports: EventReport[];
}

// ---------------------------------------------------------------------------
// Input shapes, loosely typed: what MISP may send.

interface InputAttributeFields {
  uuid?: string;
  type?: string;
  category?: string;
  value?: string | number;
  to_ids?: boolean | IdLike;
  comment?: string;
  Tag?: Array<Partial<EventTag>>;
  AttributeTag?: Array<{ Tag?: Partial<EventTag>; local?: boolean | IdLike }>;
  [key: string]: unknown;
}

interface InputObjectFields {
  uuid?: string;
  name?: string;
  Attribute?: InputAttributeFields[];
  ObjectReference?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

interface InputEventFields {
  id?: IdLike;
  uuid?: string;
  info?: string;
  date?: string;
  threat_level_id?: IdLike;
  analysis?: IdLike;
  timestamp?: IdLike;
  published?: boolean | IdLike;
  [key: string]: unknown;
}

/** The raw `fetchEvent` shape. */
export interface RawMispEvent {
  Event: InputEventFields;
  Attribute?: InputAttributeFields[];
  Object?: InputObjectFields[];
  EventTag?: Array<{ Tag?: Partial<EventTag>; local?: boolean | IdLike; [key: string]: unknown }>;
  Galaxy?: Array<Record<string, unknown>>;
  EventReport?: Array<Record<string, unknown>>;
  Orgc?: Partial<Organisation>;
  Org?: Partial<Organisation>;
  [key: string]: unknown;
}

/** MISP core format (`require_standard_format`). */
export interface CoreMispEvent {
  Event: InputEventFields & {
    Attribute?: InputAttributeFields[];
    Object?: InputObjectFields[];
    Tag?: Array<Partial<EventTag>>;
    Galaxy?: Array<Record<string, unknown>>;
    EventReport?: Array<Record<string, unknown>>;
    Orgc?: Partial<Organisation>;
    Org?: Partial<Organisation>;
  };
}
