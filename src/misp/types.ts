/**
 * Types of the MISP data model: categories, attribute type records, object
 * templates, and the result shapes modules send back to MISP
 * (PROTOCOL.md §3: legacy, misp_standard, export and error answers).
 */
import type { AttributeType } from './attribute-types.js';
import type { Category } from './categories.js';

export type { AttributeType, AttributeTypeInfo } from './attribute-types.js';
export type { Category } from './categories.js';

/** `meta-category` values allowed by the misp-objects schema. */
export type MetaCategory =
  | 'file'
  | 'network'
  | 'financial'
  | 'marine'
  | 'transport'
  | 'misc'
  | 'mobile'
  | 'internal'
  | 'vulnerability'
  | 'climate'
  | 'iot'
  | 'health'
  | 'followthemoney'
  | 'detection';

/** One relation (`object_relation`) of an object template. */
export interface TemplateRelation {
  /**
   * Attribute types allowed for the relation. The first is the template's
   * `misp-attribute` and the default; more may be added where MISP users
   * rely on another type for the relation.
   */
  readonly types: readonly [AttributeType, ...AttributeType[]];
  readonly multiple?: boolean;
  readonly disableCorrelation?: boolean;
  /** Only present when the template sets it; otherwise the type's default applies. */
  readonly toIds?: boolean;
  /** When present, the first one is the default category. */
  readonly categories?: readonly Category[];
  /** Suggested values (the UI offers them; other values are allowed). */
  readonly saneDefault?: readonly string[];
  /** The values the UI allows. */
  readonly valuesList?: readonly string[];
}

/** A MISP object template (misp-objects `objects/<name>/definition.json`). */
export interface ObjectTemplate {
  readonly name: string;
  readonly uuid: string;
  readonly version: number;
  readonly metaCategory: MetaCategory;
  readonly description: string;
  /** Every one of these relations must be present. */
  readonly required?: readonly string[];
  /** At least one of these relations must be present. */
  readonly requiredOneOf?: readonly string[];
  readonly attributes: Readonly<Record<string, TemplateRelation>>;
}

// ---------------------------------------------------------------------------
// misp_standard results (PROTOCOL.md §3.2), shaped like PyMISP's to_dict().

export interface ResultTag {
  name: string;
  local?: boolean;
  relationship_type?: string;
}

export interface ResultAttribute {
  uuid: string;
  type: AttributeType;
  category: Category;
  value: string;
  to_ids: boolean;
  disable_correlation: boolean;
  comment?: string;
  first_seen?: string;
  last_seen?: string;
  /** Numbers as strings, as PyMISP sends them. */
  distribution?: string;
  sharing_group_id?: string;
  /** Base64 file content for `attachment` and `malware-sample`. */
  data?: string;
  /** malware-sample with data: the file's name (the value), as PyMISP sets it. */
  malware_filename?: string;
  /** malware-sample with data: MISP zips `data` (password `infected`) and stores the value as `filename|md5`. */
  encrypt?: boolean;
  Tag?: ResultTag[];
}

export interface ResultObjectAttribute extends ResultAttribute {
  object_relation: string;
}

export interface ResultObjectReference {
  uuid: string;
  object_uuid: string;
  referenced_uuid: string;
  relationship_type: string;
  comment?: string;
}

export interface ResultObject {
  name: string;
  'meta-category': MetaCategory;
  description: string;
  template_uuid: string;
  /** A string, as PyMISP sends it. */
  template_version: string;
  uuid: string;
  distribution: string;
  sharing_group_id: string;
  comment?: string;
  first_seen?: string;
  last_seen?: string;
  Attribute: ResultObjectAttribute[];
  ObjectReference?: ResultObjectReference[];
}

export interface ResultEventReport {
  uuid: string;
  name: string;
  content: string;
  distribution?: string;
}

export type MispStandardResults = {
  Attribute?: ResultAttribute[];
  Object?: ResultObject[];
  EventReport?: ResultEventReport[];
  Tag?: ResultTag[];
}

export type MispStandardResponse = {
  results: MispStandardResults;
}

// ---------------------------------------------------------------------------
// Legacy ("simplified") results (PROTOCOL.md §3.1).

/** `freetext` is not an attribute type: MISP runs the value through its freetext parser. */
export type LegacyType = AttributeType | 'freetext';

export type LegacyValue = string | number;

export interface LegacyResultEntry {
  types: LegacyType[];
  /** MISP accepts a single value as well as a list. */
  values: LegacyValue | LegacyValue[];
  categories?: Category[];
  comment?: string;
  tags?: string[];
  to_ids?: boolean;
  /** Base64 file content for `attachment` and `malware-sample`. */
  data?: string;
  distribution?: string;
  /** Set when `data` is already MISP's encrypted zip. */
  data_is_handled?: boolean;
}

export type LegacyResponse = {
  results: LegacyResultEntry[];
  /** Import only: the default comment on MISP's import screen. */
  comment?: string;
}

// ---------------------------------------------------------------------------
// Export, action and error answers (PROTOCOL.md §3.4–§3.6).

export type ExportResponse = {
  response: [];
  /** Base64 of the exported file. */
  data: string;
}

export interface ErrorResponse {
  error: string;
}
