/**
 * The query flow the three geoip modules share: the configured database, the
 * IP from the legacy input (`ip-dst`, then `ip-src`, then the IP half of
 * `domain|ip`, as upstream), one lookup, and a freetext line.
 */
import { isIP } from 'node:net';
import type { Response } from 'maxmind';
import type { ModuleContext, ModuleResult, Query } from '../../../core/module.js';
import { findLegacyInput } from '../../../core/query-helpers.js';
import { legacyResults } from '../../../misp/legacy-result.js';
import type { LegacyValue } from '../../../misp/types.js';
import { cachedGeoDatabase, settingName } from './database.js';
import { GEOIP_MESSAGES } from './messages.js';

export const GEOIP_INPUT = ['ip-src', 'ip-dst', 'domain|ip'] as const;

export interface GeoipSpec {
  moduleName: string;
  /** Substrings of the database type the module can read ("City", "ASN", …). */
  accepts: readonly string[];
  /** Upstream's words for the database when the setting is empty. */
  databaseLabel: string;
  /** The result values, from the record found. */
  render(record: Response): LegacyValue | LegacyValue[];
}

function queriedIp(query: Query): string {
  const input = findLegacyInput(query, ['ip-dst', 'ip-src', 'domain|ip']);
  if (!input) throw GEOIP_MESSAGES.error('noInput', { inputs: GEOIP_INPUT.join(', ') });
  const ip = input.type === 'domain|ip' ? (input.value.split('|')[1] ?? '') : input.value;
  return ip.trim();
}

/** Python's str() of an optional value: `None` when absent, as upstream prints it. */
export function pyStr(value: unknown): string {
  return value === undefined || value === null ? 'None' : String(value);
}

export async function geoipQuery(query: Query, ctx: ModuleContext, spec: GeoipSpec): Promise<ModuleResult> {
  const path = ctx.config['local_geolite_db'];
  if (!path) {
    throw GEOIP_MESSAGES.error('noDatabase', { database: spec.databaseLabel, setting: settingName(spec.moduleName) });
  }
  const ip = queriedIp(query);
  if (isIP(ip) === 0) throw GEOIP_MESSAGES.error('notAnIp', { ip });
  const { reader } = await cachedGeoDatabase(ctx.resources, path, spec.moduleName, spec.accepts);
  if (isIP(ip) === 6 && reader.metadata.ipVersion === 4) {
    throw GEOIP_MESSAGES.error('ipv6InIpv4Database', { ip });
  }
  const record = reader.get(ip);
  if (!record) throw GEOIP_MESSAGES.error('notInDatabase', { ip });
  return legacyResults([{ types: ['freetext'], values: spec.render(record) }]);
}
