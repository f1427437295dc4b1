/**
 * Opening a MaxMind DB file named by a module setting, with errors that name
 * the setting. The `maxmind` package is imported on first use. The parsed
 * database is kept by the server (ctx.resources) until the file changes
 * (size or mtime): a GeoLite2-City file is about 60 MB.
 */
import { readFile, stat } from 'node:fs/promises';
import type { SharedResources } from '../../../core/resource-cache.js';
import type { Reader, Response } from 'maxmind';
import type { ModuleError } from '../../../base/errors.js';
import { GEOIP_MESSAGES } from './messages.js';

export interface GeoDatabase {
  reader: Reader<Response>;
  databaseType: string;
}

/** Where the admin sets the path, for error messages. */
export function settingName(moduleName: string): string {
  return `Plugin.Enrichment_${moduleName}_local_geolite_db`;
}

function readError(error: unknown, path: string, moduleName: string): ModuleError {
  const code = (error as NodeJS.ErrnoException).code;
  const setting = settingName(moduleName);
  if (code === 'ENOENT') return GEOIP_MESSAGES.error('fileMissing', { path, setting });
  if (code === 'EISDIR') return GEOIP_MESSAGES.error('fileIsDirectory', { path, setting });
  if (code === 'EACCES' || code === 'EPERM') return GEOIP_MESSAGES.error('fileNotReadable', { path, setting });
  return GEOIP_MESSAGES.error('fileReadError', { path, code: code ?? 'I/O error', setting });
}

/** The database, from the server's cache while the file is unchanged. */
export async function cachedGeoDatabase(resources: SharedResources, path: string, moduleName: string, accepts: readonly string[]): Promise<GeoDatabase> {
  let version: string;
  try {
    const info = await stat(path);
    version = `${info.size}:${info.mtimeMs}`;
  } catch (error) {
    throw readError(error, path, moduleName);
  }
  return resources.get(`geoip\n${path}\n${moduleName}\n${accepts.join(',')}`, version, () => openGeoDatabase(path, moduleName, accepts));
}

/** Reads and parses the database; `accepts` lists substrings of the database type this module can use. */
export async function openGeoDatabase(path: string, moduleName: string, accepts: readonly string[]): Promise<GeoDatabase> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw readError(error, path, moduleName);
  }
  const setting = settingName(moduleName);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw GEOIP_MESSAGES.error('gzipped', { path, setting });
  }
  const { Reader } = await import('maxmind');
  let reader: Reader<Response>;
  try {
    reader = new Reader<Response>(bytes);
  } catch (error) {
    throw GEOIP_MESSAGES.error('notMmdb', { path, setting, reason: (error as Error).message });
  }
  const databaseType = String(reader.metadata.databaseType ?? '');
  if (!accepts.some((kind) => databaseType.includes(kind))) {
    throw GEOIP_MESSAGES.error('wrongDatabaseType', { path, setting, databaseType: databaseType || 'untyped', module: moduleName, accepts: accepts.join(' or ') });
  }
  return { reader, databaseType };
}
