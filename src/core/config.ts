/**
 * Normalises the `config` MISP sends. PHP sends `[]` for an empty array,
 * `null` for settings never set, and strings for everything an admin or a
 * form filled in (PROTOCOL.md §2.2).
 */
import { RequestError } from '../base/errors.js';
import type { ModuleConfig, ModuleDefinition } from './module.js';

export interface NormalisedConfig {
  config: ModuleConfig;
  provided: boolean;
}

function asSettingValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  // MISP's checkboxes arrive as "1"/"0"; a JSON boolean means the same.
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

const NO_SETTINGS: ModuleConfig = Object.freeze(Object.create(null) as Record<string, string | undefined>);

export function normaliseConfig(raw: unknown, module: ModuleDefinition): NormalisedConfig {
  // The common hover case: no config sent, none declared.
  if (raw === undefined && Object.keys(module.config).length === 0) return { config: NO_SETTINGS, provided: false };
  const values: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>;
  let provided = raw !== undefined;
  if (raw === undefined || raw === null) {
    provided = raw === null;
  } else if (Array.isArray(raw)) {
    if (raw.length > 0) throw new RequestError('"config" must be an object of settings (or an empty array, as PHP sends it).');
  } else if (typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) values[key] = asSettingValue(value);
  } else {
    throw new RequestError(`"config" must be an object of settings, not ${typeof raw}.`);
  }
  for (const [key, setting] of Object.entries(module.config)) {
    if ((values[key] === undefined || values[key] === '') && setting.default !== undefined) values[key] = setting.default;
  }
  return { config: Object.freeze(values), provided };
}
