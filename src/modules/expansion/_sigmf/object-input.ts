/** Reading the object MISP sends for object enrichment (PROTOCOL.md §2.3). */
import { SIGMF_MESSAGES } from './messages.js';
import { decodeBase64 } from '../../../core/query-helpers.js';

export interface ObjectAttribute {
  object_relation?: unknown;
  type?: unknown;
  value?: unknown;
  data?: unknown;
  [key: string]: unknown;
}

export interface InputObject {
  name: string;
  uuid: string;
  Attribute: ObjectAttribute[];
}

export function requireObject(value: unknown): InputObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw SIGMF_MESSAGES.error('notAnObject');
  const object = value as Record<string, unknown>;
  if (!Array.isArray(object['Attribute'])) throw SIGMF_MESSAGES.error('noAttributes');
  if (typeof object['uuid'] !== 'string' || object['uuid'] === '') throw SIGMF_MESSAGES.error('noUuid');
  return {
    name: typeof object['name'] === 'string' ? object['name'] : '',
    uuid: object['uuid'],
    Attribute: (object['Attribute'] as unknown[]).filter((a): a is ObjectAttribute => typeof a === 'object' && a !== null),
  };
}

/** The last attribute with this relation (upstream keeps the last one it sees). */
export function findRelation(object: InputObject, relation: string): ObjectAttribute | undefined {
  return object.Attribute.filter((a) => a.object_relation === relation).at(-1);
}

/** The attachment's content; a clear error when it is missing or not base64. */
export function attachmentBytes(attribute: ObjectAttribute, relation: string): Buffer {
  const data = attribute.data;
  if (typeof data !== 'string' || data === '') throw SIGMF_MESSAGES.error('noContent', { relation });
  return decodeBase64(data, SIGMF_MESSAGES.format('notBase64', { relation }));
}

export function attachmentName(attribute: ObjectAttribute, fallback: string): string {
  return typeof attribute.value === 'string' && attribute.value.trim() !== '' ? attribute.value.trim() : fallback;
}
