/**
 * The taxii21 module's settings: the admin's object limit and the user's
 * form answers, checked as upstream checks them (same messages).
 */
import type { ModuleConfig } from '../../../core/module.js';
import { TAXII21_MESSAGES } from './messages.js';

/** Upstream's default when neither the admin nor the user sets a limit. */
export const DEFAULT_OBJECT_LIMIT = 1000;
/** Objects asked per TAXII request. */
export const PAGE_SIZE = 100;

export interface Taxii21Config {
  readonly url: string;
  readonly addedAfter?: string;
  readonly ids?: string;
  readonly specVersion: string;
  readonly types?: string;
  readonly versions?: string;
  readonly objectLimit: number;
  readonly auth?: { readonly username: string; readonly password: string };
}

/** "a, b c" → "a,b,c": commas or spaces separate several values (upstream's normalisation). */
export function normaliseMultiValues(value: string): string {
  const joined = value.includes(',') ? value.replace(/\s*,\s*/g, ',') : value.replace(/\s+/g, ',');
  return joined.replace(/^,+|,+$/g, '');
}

function limit(raw: string | undefined, label: string): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^[+-]?\d+$/.test(raw.trim())) throw TAXII21_MESSAGES.error('notWholeNumber', { label, raw: raw.trim() });
  return Number(raw.trim());
}

export function readTaxii21Config(config: ModuleConfig): Taxii21Config {
  // Upstream strips every setting but the password.
  const get = (key: string) => {
    const value = config[key]?.trim();
    return value === '' ? undefined : value;
  };
  const url = get('url');
  const adminLimit = limit(config['stix_object_limit'], 'admin object limit') ?? DEFAULT_OBJECT_LIMIT;
  const userLimit = limit(config['STIX object limit'], 'object limit');
  const objectLimit = userLimit === undefined ? adminLimit : Math.min(userLimit, adminLimit);
  if (!url) throw TAXII21_MESSAGES.error('noUrl');
  if (adminLimit < 1) throw TAXII21_MESSAGES.error('adminLimitNotPositive', { limit: adminLimit });
  if (objectLimit < 1) throw TAXII21_MESSAGES.error('objectLimitNotPositive', { limit: objectLimit });

  const multi = (key: string) => {
    const value = get(key);
    return value === undefined ? undefined : normaliseMultiValues(value);
  };
  const specVersion = multi('spec_version') ?? '2.1';
  if (specVersion !== '2.0' && specVersion !== '2.1') {
    throw TAXII21_MESSAGES.error('badSpecVersion');
  }
  const username = get('username');
  const password = config['password'] === '' ? undefined : config['password'];
  if ((username === undefined) !== (password === undefined)) {
    throw TAXII21_MESSAGES.error('halfCredentials');
  }
  const addedAfter = get('added_after');
  const ids = multi('stix_id');
  const types = multi('type');
  const versions = multi('version');
  return {
    url,
    specVersion,
    objectLimit,
    ...(addedAfter !== undefined && { addedAfter }),
    ...(ids !== undefined && { ids }),
    ...(types !== undefined && { types }),
    ...(versions !== undefined && { versions }),
    ...(username !== undefined && password !== undefined && { auth: { username, password } }),
  };
}
