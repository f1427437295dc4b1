/**
 * What urlhaus, threatfox and malwarebazaar share: abuse.ch's APIs take the
 * free abuse.ch key in an `Auth-Key` header (setting `auth_key`, the same
 * name in all three upstream modules) and answer JSON with a `query_status`
 * ("ok", "no_results", "hash_not_found", …) beside the data.
 */
import type { ModuleContext } from '../../../core/module.js';
import type { VendorApi } from '../../../core/vendor-api.js';

/** The setting every abuse.ch module declares, as upstream names it. */
export const AUTH_KEY_SETTING = {
  auth_key: { description: 'Your abuse.ch Auth-Key (free, from https://auth.abuse.ch/), sent in the Auth-Key header.', secret: true },
} as const;

/** The client for one abuse.ch API; `missingKey` is the module's declared error. */
export function abusechApi(ctx: ModuleContext, name: string, baseUrl: string, missingKey: () => Error): VendorApi {
  return ctx.vendor({ name, baseUrl, auth: { in: 'header', header: 'Auth-Key', setting: 'auth_key' }, missingKey });
}

/** An answer's `query_status` as text ("" when the answer has none). */
export function queryStatus(answer: unknown): string {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return '';
  const status = (answer as Record<string, unknown>)['query_status'];
  return typeof status === 'string' ? status : '';
}

/** A field of an answer as text, or undefined when absent, empty or not scalar. */
export function text(record: unknown, field: string): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const value = (record as Record<string, unknown>)[field];
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A field that should be a list of records: its objects, or [] when it is anything else. */
export function records(record: unknown, field: string): Array<Record<string, unknown>> {
  if (typeof record !== 'object' || record === null) return [];
  const value = (record as Record<string, unknown>)[field];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item));
}
