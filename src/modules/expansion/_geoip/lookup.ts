/**
 * The query flow the three geoip modules share: the configured database, the
 * IP from the legacy input (`ip-dst`, then `ip-src`, then the IP half of
 * `domain|ip`, as upstream), one lookup, and a freetext line.
 */
import { isIP } from 'node:net';
import type { Response } from 'maxmind';
import { ModuleError } from '../../../base/errors.js';
import type { ModuleContext, ModuleResult, Query } from '../../../core/module.js';
import { findLegacyInput } from '../../../core/query-helpers.js';
import { legacyResults } from '../../../misp/legacy-result.js';
import type { LegacyValue } from '../../../misp/types.js';
import { cachedGeoDatabase, settingName } from './database.js';

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
  if (!input) throw new ModuleError(`This module needs one of ${GEOIP_INPUT.join(', ')} in the request.`);
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
    throw new ModuleError(
      `Please specify the path of your local copy of ${spec.databaseLabel}: set ${settingName(spec.moduleName)} in MISP's server settings.`,
    );
  }
  const ip = queriedIp(query);
  if (isIP(ip) === 0) throw new ModuleError(`GeoIP resolving error: '${ip}' does not appear to be an IPv4 or IPv6 address`);
  const { reader } = await cachedGeoDatabase(ctx.resources, path, spec.moduleName, spec.accepts);
  if (isIP(ip) === 6 && reader.metadata.ipVersion === 4) {
    throw new ModuleError(`GeoIP resolving error: ${ip} is an IPv6 address and the database only holds IPv4 networks.`);
  }
  const record = reader.get(ip);
  if (!record) throw new ModuleError(`GeoIP resolving error: The address ${ip} is not in the database.`);
  return legacyResults([{ types: ['freetext'], values: spec.render(record) }]);
}
