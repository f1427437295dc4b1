/**
 * Builder for misp_standard results (PROTOCOL.md §3.2): attributes, objects
 * made from a template, object references, event tags and event reports,
 * written the way PyMISP's `MISPEvent.to_dict()` writes them, so MISP's
 * `handleMispFormatFromModuleResult` and `processModuleResultsData` accept them.
 *
 * Mistakes in module code (an unknown type, relation or template, a category
 * the type does not allow) throw a plain Error: they are bugs, not user errors.
 */
import { randomUUID } from 'node:crypto';
import {
  dataString,
  distributionString,
  malwareSampleFields,
  pushTag,
  resolveCategory,
  tagList,
  valueString,
  type AttributeValue,
  type TagInput,
} from './attribute-fields.js';
import {
  defaultToIds,
  isAttributeType,
  isCategory,
  isValidCategory,
  type AttributeType,
} from './attribute-types.js';
import { toMispDatetime } from './datetime.js';
import { getTemplate, type RelationOf, type TemplateName } from './templates/index.js';
import type {
  Category,
  MispStandardResponse,
  MispStandardResults,
  ResultAttribute,
  ResultEventReport,
  ResultObject,
  ResultObjectAttribute,
  ResultObjectReference,
  ResultTag,
  TemplateRelation,
} from './types.js';

export type { AttributeValue, TagInput };

type DatetimeInput = Date | string | number;

/** Optional fields of an attribute, event-level or inside an object. */
export interface AttributeOptions {
  category?: Category;
  to_ids?: boolean;
  comment?: string;
  tags?: readonly TagInput[];
  /**
   * File content for `attachment` / `malware-sample`: bytes, or a base64
   * string. A malware-sample with data also gets `malware_filename` and
   * `encrypt: true` (MISP zips it with the password `infected`).
   */
  data?: string | Uint8Array;
  uuid?: string;
  disable_correlation?: boolean;
  distribution?: number | string;
  sharing_group_id?: number | string;
  first_seen?: DatetimeInput;
  last_seen?: DatetimeInput;
}

export interface AttributeInput extends AttributeOptions {
  type: AttributeType;
  value: AttributeValue;
}

/** A relation value; `null` / `undefined` mean "no value" and are skipped. */
export type RelationValue = AttributeValue | null | undefined;

export interface RelationInput<R extends string = string> extends AttributeOptions {
  relation: R;
  /** A list adds one attribute per value. */
  value: RelationValue | readonly RelationValue[];
  /** Overrides the template's type for this relation. */
  type?: AttributeType;
}

/** `[relation, value]`, or a relation with its own options. */
export type RelationEntry<R extends string = string> =
  | readonly [R, RelationValue | readonly RelationValue[]]
  | RelationInput<R>;

export interface ObjectOptions {
  uuid?: string;
  comment?: string;
  first_seen?: DatetimeInput;
  last_seen?: DatetimeInput;
  /** Defaults to 5 (inherit from the event), as PyMISP does. */
  distribution?: number | string;
  sharing_group_id?: number | string;
}

export interface EventReportOptions {
  uuid?: string;
  distribution?: number | string;
}

/** The attribute MISP sent to an expansion module (`request.attribute`). */
export interface InputAttribute {
  type: string;
  value: unknown;
  uuid: string;
  category?: unknown;
  to_ids?: unknown;
  comment?: unknown;
  disable_correlation?: unknown;
  distribution?: unknown;
  sharing_group_id?: unknown;
  first_seen?: unknown;
  last_seen?: unknown;
  Tag?: unknown;
  [key: string]: unknown;
}

export class MispResultBuilder {
  readonly #attributes: ResultAttribute[] = [];
  readonly #objects: ResultObject[] = [];
  readonly #reports: ResultEventReport[] = [];
  readonly #tags: ResultTag[] = [];

  /** True while nothing has been added. */
  get isEmpty(): boolean {
    return !this.#attributes.length && !this.#objects.length && !this.#reports.length && !this.#tags.length;
  }

  /** Adds an event-level attribute; category and `to_ids` default from the type. */
  addAttribute(input: AttributeInput): ResultAttribute {
    const type = checkType(input.type);
    if (input.value === undefined || input.value === null) {
      throw new Error(`The value of a "${type}" attribute is required.`);
    }
    const attribute = buildAttribute(type, valueString(type, input.value), input);
    this.#attributes.push(attribute);
    return attribute;
  }

  /**
   * Returns the input attribute in `Attribute`, as many upstream modules do
   * (`misp_event.add_attribute(**attribute)`), keeping its uuid so that
   * references to it resolve. MISP's ids and timestamps are left out.
   */
  echoInputAttribute(input: InputAttribute): ResultAttribute {
    const type = checkType(input.type);
    if (typeof input.uuid !== 'string' || input.uuid === '') {
      throw new Error('The input attribute has no uuid.');
    }
    if (typeof input.value !== 'string' && typeof input.value !== 'number') {
      throw new Error('The input attribute has no value.');
    }
    const category =
      typeof input.category === 'string' && input.category !== '' && isAttributeCategoryOf(type, input.category)
        ? input.category
        : undefined;
    const attribute = buildAttribute(type, valueString(type, input.value), {
      uuid: input.uuid,
      category,
      to_ids: loose(input.to_ids),
      disable_correlation: loose(input.disable_correlation),
      comment: typeof input.comment === 'string' ? input.comment : undefined,
      distribution: numberLike(input.distribution),
      sharing_group_id: numberLike(input.sharing_group_id),
      first_seen: typeof input.first_seen === 'string' && input.first_seen ? input.first_seen : undefined,
      last_seen: typeof input.last_seen === 'string' && input.last_seen ? input.last_seen : undefined,
      tags: inputTags(input.Tag),
    });
    this.#attributes.push(attribute);
    return attribute;
  }

  /**
   * Adds an object built from a template. Each relation takes its type from
   * the template (unless overridden), its category from the template or the
   * type, and `to_ids` / `disable_correlation` from the template or the type.
   * `null` / `undefined` values are skipped; strings are trimmed and empty
   * strings skipped, as PyMISP's `MISPObject.add_attribute` does.
   */
  addObject<N extends TemplateName>(
    templateName: N,
    relations: ReadonlyArray<RelationEntry<RelationOf<N>>>,
    options: ObjectOptions = {},
  ): ResultObject {
    const template = getTemplate(templateName as string);
    if (!template) throw new Error(`Unknown MISP object template "${templateName}".`);
    const object: ResultObject = {
      name: template.name,
      'meta-category': template.metaCategory,
      description: template.description,
      template_uuid: template.uuid,
      template_version: String(template.version),
      uuid: options.uuid ?? randomUUID(),
      distribution: distributionString(options.distribution ?? 5),
      sharing_group_id: String(options.sharing_group_id ?? 0),
      ...(options.comment !== undefined && { comment: options.comment.trim() }),
      ...(options.first_seen !== undefined && { first_seen: toMispDatetime(options.first_seen) }),
      ...(options.last_seen !== undefined && { last_seen: toMispDatetime(options.last_seen) }),
      Attribute: [],
    };
    for (const entry of relations) {
      const input: RelationInput = isRelationTuple(entry)
        ? { relation: entry[0], value: entry[1] }
        : (entry as RelationInput);
      const relation = template.attributes[input.relation];
      if (!relation) {
        throw new Error(`Object template "${template.name}" has no relation "${input.relation}".`);
      }
      const values = isValueList(input.value) ? input.value : [input.value];
      for (const value of values) {
        const attribute = buildObjectAttribute(input, relation, value);
        if (attribute) object.Attribute.push(attribute);
      }
    }
    this.#objects.push(object);
    return object;
  }

  /** Links an object of this result to an attribute or object (here or in MISP) by uuid. */
  addReference(
    fromObjectUuid: string,
    toUuid: string,
    relationshipType: string,
    comment?: string,
  ): ResultObjectReference {
    const object = this.#objects.find((o) => o.uuid === fromObjectUuid);
    if (!object) throw new Error(`No object with uuid ${fromObjectUuid} in this result.`);
    if (!toUuid) throw new Error('An object reference needs the uuid it points to.');
    if (!relationshipType.trim()) throw new Error('An object reference needs a relationship type.');
    const reference: ResultObjectReference = {
      uuid: randomUUID(),
      object_uuid: object.uuid,
      referenced_uuid: toUuid,
      relationship_type: relationshipType.trim(),
      ...(comment !== undefined && { comment: comment.trim() }),
    };
    (object.ObjectReference ??= []).push(reference);
    return reference;
  }

  /** Adds an event-level tag (once per name). */
  addTag(tag: TagInput): void {
    pushTag(this.#tags, tag);
  }

  /** Adds an event report (markdown content). */
  addEventReport(name: string, content: string, options: EventReportOptions = {}): ResultEventReport {
    const report: ResultEventReport = {
      uuid: options.uuid ?? randomUUID(),
      name: name.trim(),
      content: content.trim(),
      ...(options.distribution !== undefined && { distribution: distributionString(options.distribution) }),
    };
    this.#reports.push(report);
    return report;
  }

  /** The answer for MISP: `{results: {Attribute?, Object?, EventReport?, Tag?}}` (only non-empty keys). */
  toResults(): MispStandardResponse {
    const results: MispStandardResults = {};
    if (this.#attributes.length) results.Attribute = this.#attributes;
    if (this.#objects.length) results.Object = this.#objects;
    if (this.#reports.length) results.EventReport = this.#reports;
    if (this.#tags.length) results.Tag = this.#tags;
    return { results: structuredClone(results) };
  }
}

function checkType(type: string): AttributeType {
  if (!isAttributeType(type)) throw new Error(`Unknown MISP attribute type "${type}".`);
  return type;
}

function buildAttribute(
  type: AttributeType,
  value: string,
  options: AttributeOptions,
  relation?: TemplateRelation,
): ResultAttribute {
  const tags = tagList(options.tags);
  // A malware-sample with its file is marked for MISP to zip, as PyMISP does.
  const sample = type === 'malware-sample' && options.data !== undefined ? malwareSampleFields(value) : undefined;
  return {
    uuid: options.uuid ?? randomUUID(),
    type,
    category: resolveCategory(type, options.category, relation?.categories?.[0]),
    value: sample?.value ?? value,
    to_ids: options.to_ids ?? relation?.toIds ?? defaultToIds(type),
    disable_correlation: options.disable_correlation ?? relation?.disableCorrelation ?? false,
    ...(options.comment !== undefined && { comment: options.comment.trim() }),
    ...(options.first_seen !== undefined && { first_seen: toMispDatetime(options.first_seen) }),
    ...(options.last_seen !== undefined && { last_seen: toMispDatetime(options.last_seen) }),
    ...(options.distribution !== undefined && { distribution: distributionString(options.distribution) }),
    ...(options.sharing_group_id !== undefined && { sharing_group_id: String(options.sharing_group_id) }),
    ...(options.data !== undefined && { data: dataString(options.data) }),
    ...(sample && { malware_filename: sample.malware_filename, encrypt: sample.encrypt }),
    ...(tags.length > 0 && { Tag: tags }),
  };
}

function buildObjectAttribute(
  input: RelationInput,
  relation: TemplateRelation,
  value: RelationValue,
): ResultObjectAttribute | undefined {
  if (value === undefined || value === null) return undefined;
  // PyMISP strips whitespace then NUL bytes, and skips what is left empty.
  const cleaned = typeof value === 'string' ? value.trim().replace(/^\0+|\0+$/g, '') : value;
  if (cleaned === '') return undefined;
  const type = checkType(input.type ?? relation.types[0]);
  const attribute = buildAttribute(type, valueString(type, cleaned), input, relation);
  return { object_relation: input.relation, ...attribute };
}

function isRelationTuple<R extends string>(
  entry: RelationEntry<R>,
): entry is readonly [R, RelationValue | readonly RelationValue[]] {
  return Array.isArray(entry);
}

function isValueList(value: RelationValue | readonly RelationValue[]): value is readonly RelationValue[] {
  return Array.isArray(value);
}

function isAttributeCategoryOf(type: AttributeType, category: string): category is Category {
  return isCategory(category) && isValidCategory(type, category);
}

// MISP sends booleans, but "0"/"1" and 0/1 also occur.
function loose(flag: unknown): boolean | undefined {
  if (typeof flag === 'boolean') return flag;
  if (flag === 1 || flag === '1' || flag === 'true') return true;
  if (flag === 0 || flag === '0' || flag === 'false') return false;
  return undefined;
}

function numberLike(value: unknown): string | undefined {
  return (typeof value === 'string' && /^\d+$/.test(value)) || typeof value === 'number' ? String(value) : undefined;
}

function inputTags(tags: unknown): TagInput[] {
  if (!Array.isArray(tags)) return [];
  return tags.flatMap((tag: unknown): TagInput[] => {
    if (typeof tag === 'string') return [tag];
    if (tag && typeof tag === 'object' && typeof (tag as { name?: unknown }).name === 'string') {
      const { name, local } = tag as { name: string; local?: unknown };
      const isLocal = loose(local);
      return [isLocal ? { name, local: true } : { name }];
    }
    return [];
  });
}
