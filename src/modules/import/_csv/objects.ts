/**
 * Groups the object rows of a MISP CSV (rows with object_relation and an
 * object uuid or id) into MISP objects. A CSV may hold objects of any
 * template MISP knows, including ones this server has no definition for,
 * and relations newer than the definitions here: the rows carry each
 * attribute's type and category, so objects are written from the rows, with
 * the template's metadata and defaults where the template is known (as
 * PyMISP's MISPObject does, strict off).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AttributeType } from '../../../misp/attribute-types.js';
import { getTemplate } from '../../../misp/templates/index.js';
import type { MetaCategory, ResultObject, ResultObjectAttribute } from '../../../misp/types.js';
import { csvAttribute } from './attribute.js';
import type { RowFields } from './fields.js';

const META_CATEGORIES: readonly MetaCategory[] = [
  'file', 'network', 'financial', 'marine', 'transport', 'misc', 'mobile', 'internal', 'vulnerability',
  'climate', 'iot', 'health', 'followthemoney', 'detection',
];

// PyMISP's namespace for the template uuid of an object whose template it does not know.
const UNKNOWN_TEMPLATE_NAMESPACE = '9319371e-2504-4128-8410-3741cebbcfd3';

/** RFC 4122 version 5 (SHA-1, name-based) uuid. */
export function uuid5(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface ObjectRow {
  /** The object uuid or id cell: rows with the same key form one object. */
  key: string;
  name: string;
  /** Set when the key is the object's uuid. */
  uuid?: string;
  metaCategory?: string;
  relation: string;
  type: AttributeType;
  value: string;
  /** The row's fields, its category already checked against the type. */
  fields: RowFields;
}

export class CsvObjects {
  readonly #objects = new Map<string, ResultObject>();
  #attributes = 0;

  /** Attributes in all the objects. */
  get attributeCount(): number {
    return this.#attributes;
  }

  /** Adds the row's attribute to its object (created by the first row with that key). */
  add(row: ObjectRow): void {
    let object = this.#objects.get(row.key);
    if (!object) {
      object = newObject(row);
      this.#objects.set(row.key, object);
    }
    object.Attribute.push(objectAttribute(object.name, row));
    this.#attributes += 1;
  }

  get size(): number {
    return this.#objects.size;
  }

  list(): ResultObject[] {
    return [...this.#objects.values()];
  }
}

function newObject(row: ObjectRow): ResultObject {
  const template = getTemplate(row.name);
  const metaCategory = META_CATEGORIES.find((m) => m === row.metaCategory);
  return {
    name: row.name,
    'meta-category': template?.metaCategory ?? metaCategory ?? 'misc',
    description: template?.description ?? row.name,
    template_uuid: template?.uuid ?? uuid5(UNKNOWN_TEMPLATE_NAMESPACE, row.name),
    template_version: String(template?.version ?? 1),
    uuid: row.uuid ?? randomUUID(),
    distribution: '5',
    sharing_group_id: '0',
    Attribute: [],
  };
}

function objectAttribute(name: string, row: ObjectRow): ResultObjectAttribute {
  const relation = getTemplate(name)?.attributes[row.relation];
  return { object_relation: row.relation, ...csvAttribute(row.type, row.value, row.fields, relation) };
}
