/**
 * Typed access to the fields MISP sends in a query. Modules use these
 * instead of poking at `query` so that every module gives the same clear
 * errors for the same mistakes.
 */
import { ModuleError } from '../base/errors.js';
import type { ModuleContext, Query } from './module.js';

/** Upstream's `standard_error_message`, kept verbatim: MISP users and tests know it. */
export const STANDARD_ATTRIBUTE_ERROR =
  'This module requires an "attribute" field as input, which should contain at least a type, a value and an UUID.';

export interface InputAttribute {
  readonly type: string;
  readonly value: string;
  readonly uuid: string;
  readonly [field: string]: unknown;
}

/** The `attribute` of a misp_standard query, with type, value and uuid checked. */
export function requireAttribute(query: Query, acceptedTypes?: readonly string[]): InputAttribute {
  const attribute = query['attribute'];
  if (typeof attribute !== 'object' || attribute === null || Array.isArray(attribute)) {
    throw new ModuleError(STANDARD_ATTRIBUTE_ERROR);
  }
  const a = attribute as Record<string, unknown>;
  if (typeof a['type'] !== 'string' || typeof a['uuid'] !== 'string' || a['value'] === undefined || a['value'] === null) {
    throw new ModuleError(STANDARD_ATTRIBUTE_ERROR);
  }
  const value = typeof a['value'] === 'string' ? a['value'] : String(a['value']);
  if (acceptedTypes && !acceptedTypes.includes(a['type'])) {
    throw new ModuleError(`Wrong attribute type '${a['type']}': this module accepts ${acceptedTypes.join(', ')}.`);
  }
  return { ...a, type: a['type'], value, uuid: a['uuid'] };
}

/** The first of `types` present as a key of a legacy query, with its value. */
export function findLegacyInput(query: Query, types: readonly string[]): { type: string; value: string } | undefined {
  for (const type of types) {
    const value = query[type];
    if (typeof value === 'string' && value !== '') return { type, value };
    if (typeof value === 'number') return { type, value: String(value) };
  }
  return undefined;
}

/** Decodes base64 (line breaks and spaces allowed, padding optional); `invalidMessage` when it is not base64. */
export function decodeBase64(value: string, invalidMessage: string): Buffer {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact) || compact.length % 4 === 1) throw new ModuleError(invalidMessage);
  return Buffer.from(compact, 'base64');
}

/** Decodes a base64 field (import `data`, attachment `data`); a clear error when it is absent or not base64. */
export function decodeBase64Field(query: Query, field = 'data'): Buffer {
  const raw = query[field];
  if (typeof raw !== 'string') {
    throw new ModuleError(`The request has no "${field}" field with base64 content.`);
  }
  return decodeBase64(raw, `The "${field}" field is not valid base64.`);
}

/**
 * A setting the module cannot work without. The message names the MISP
 * setting the admin has to fill in.
 */
export function requireSetting(ctx: ModuleContext, name: string, moduleName: string, family = 'Enrichment'): string {
  const value = ctx.config[name];
  if (value === undefined || value === '') {
    throw new ModuleError(
      `The setting '${name}' is required: set Plugin.${family}_${moduleName}_${name} in MISP's server settings.`,
    );
  }
  return value;
}
