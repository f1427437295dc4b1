/**
 * A loopback npm registry for installing our own package in tests without
 * the network: it serves every package of package-lock.json at the version
 * locked there, with the lockfile's metadata (dependencies, os/cpu, bin,
 * engines) as the package document, and each tarball from the local npm
 * cache, where `npm ci` left it (content-v2, by its integrity hash). So
 * `npm install -g <our tarball> --registry <this>` resolves and installs
 * exactly the dependency versions the project was tested with, byte for byte
 * the tarballs of the real registry.
 *
 * Only what `npm install` asks for: GET /<name> (scoped names as
 * `@scope%2fname`) and GET /<name>/-/<file>.tgz. Every request is recorded.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  integrity?: string;
  dev?: boolean;
  link?: boolean;
  [field: string]: unknown;
}

/** The lockfile fields a package document's version carries. */
const MANIFEST_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines', 'os', 'cpu', 'libc', 'license', 'hasInstallScript'];

export interface FakeNpmRegistry {
  url: string;
  /** Paths asked for, in order. */
  requests: string[];
  /** Tarballs asked for that the npm cache does not hold. */
  missing: string[];
  close(): Promise<void>;
}

/** Where cacache keeps the content whose integrity is `integrity` (`sha512-<base64>`). */
export function cachedContentPath(cacheDir: string, integrity: string): string {
  const [algorithm, base64] = integrity.split(' ')[0]!.split('-') as [string, string];
  const hex = Buffer.from(base64, 'base64').toString('hex');
  return join(cacheDir, '_cacache', 'content-v2', algorithm, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
}

export async function startFakeNpmRegistry(options: { lockfile: string; cacheDir: string }): Promise<FakeNpmRegistry> {
  const lock = JSON.parse(readFileSync(options.lockfile, 'utf8')) as { packages: Record<string, LockEntry> };
  /** name -> version -> lockfile entry */
  const packages = new Map<string, Map<string, LockEntry>>();
  /** name -> the version at the top of node_modules: the `latest` tag, so npm lays out the tree as the lockfile does. */
  const topVersions = new Map<string, string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.link || !entry.version || !entry.integrity) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!packages.has(name)) packages.set(name, new Map());
    packages.get(name)!.set(entry.version, entry);
    if (path === `node_modules/${name}`) topVersions.set(name, entry.version);
  }
  const requests: string[] = [];
  const missing: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push(path);
    const send = (status: number, body: string | Buffer, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const tarball = /^\/((?:@[^/]+\/)?[^/]+)\/-\/[^/]+-(\d[^/]*)\.tgz$/.exec(path);
    if (tarball) {
      const entry = packages.get(tarball[1]!)?.get(tarball[2]!);
      if (!entry) return send(404, JSON.stringify({ error: 'not found' }));
      readFile(cachedContentPath(options.cacheDir, entry.integrity!)).then(
        (bytes) => send(200, bytes, 'application/octet-stream'),
        () => {
          missing.push(`${tarball[1]}@${tarball[2]}`);
          send(404, JSON.stringify({ error: `${tarball[1]}@${tarball[2]} is not in the npm cache` }));
        },
      );
      return;
    }
    const name = path.slice(1);
    const versions = packages.get(name);
    if (!versions) return send(404, JSON.stringify({ error: 'not found' }));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const file = name.split('/').pop()!;
    const document = {
      name,
      'dist-tags': { latest: topVersions.get(name) ?? [...versions.keys()].at(-1) },
      versions: Object.fromEntries(
        [...versions].map(([version, entry]) => [
          version,
          {
            name,
            version,
            ...Object.fromEntries(MANIFEST_FIELDS.filter((f) => entry[f] !== undefined).map((f) => [f, entry[f]])),
            dist: { tarball: `${base}/${name}/-/${file}-${version}.tgz`, integrity: entry.integrity },
          },
        ]),
      ),
    };
    send(200, JSON.stringify(document));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    missing,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
