/**
 * Opening a MaxMind DB file named by a module setting, with errors that name
 * the setting. The `maxmind` package is imported on first use. The parsed
 * database is kept by the server (ctx.resources) until the file changes
 * (size or mtime): a GeoLite2-City file is about 60 MB.
 */
import { readFile, stat } from 'node:fs/promises';
import type { SharedResources } from '../../../core/resource-cache.js';
import type { Reader, Response } from 'maxmind';
import { ModuleError } from '../../../base/errors.js';

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
  if (code === 'ENOENT') return new ModuleError(`Unable to locate the GeoLite database you specified (${path}): check ${setting}.`);
  if (code === 'EISDIR') return new ModuleError(`The GeoLite database path ${path} is a directory, not an .mmdb file: check ${setting}.`);
  if (code === 'EACCES' || code === 'EPERM') return new ModuleError(`The GeoLite database ${path} cannot be read (permission denied): check ${setting} and the file's permissions.`);
  return new ModuleError(`The GeoLite database ${path} cannot be read (${code ?? 'I/O error'}): check ${setting}.`);
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
    throw new ModuleError(`The file ${path} (${setting}) is gzip-compressed: decompress it to the .mmdb file.`);
  }
  const { Reader } = await import('maxmind');
  let reader: Reader<Response>;
  try {
    reader = new Reader<Response>(bytes);
  } catch (error) {
    throw new ModuleError(`The file ${path} (${setting}) is not a MaxMind DB (.mmdb) file: ${(error as Error).message}.`);
  }
  const databaseType = String(reader.metadata.databaseType ?? '');
  if (!accepts.some((kind) => databaseType.includes(kind))) {
    throw new ModuleError(
      `The database ${path} (${setting}) is a ${databaseType || 'untyped'} database; ${moduleName} needs a database of type ${accepts.join(' or ')}.`,
    );
  }
  return { reader, databaseType };
}
