/**
 * The web page's files (built by scripts/build-ui.mjs into dist/ui/): read
 * once, on the first request for the page, and kept in memory with their
 * content type, ETag and a gzip copy. Only files the build wrote are served,
 * looked up by name: no path is ever built from a request.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface PageFile {
  body: Buffer;
  type: string;
  etag: string;
  /** Compressed once, for browsers that accept gzip; absent when not worth it. */
  gzip?: { body: Buffer; etag: string };
  /** Its name carries a hash of its content: browsers may keep it for a year. */
  immutable: boolean;
}

export interface PageFiles {
  index: PageFile;
  /** By file name, as under /ui/assets/. */
  assets: ReadonlyMap<string, PageFile>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);
const GZIP_MIN_BYTES = 1024;
/** esbuild's `[name]-[hash]`: eight base32 characters before the extension. */
const HASHED_NAME = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

/**
 * Where the built page is: dist/ui/ beside the server's own files (the
 * installed package, `npm start`), else the checkout's dist/ui/ when the
 * server runs from src/ (`npm run dev`) after a build.
 */
export function defaultPageDir(): string {
  const candidates = [new URL('../../ui/', import.meta.url), new URL('../../../dist/ui/', import.meta.url)].map((url) => fileURLToPath(url));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

function pageFile(name: string, body: Buffer): PageFile {
  const extension = extname(name);
  const hash = createHash('sha1').update(body).digest('hex');
  const file: PageFile = { body, type: TYPES[extension]!, etag: `"${hash}"`, immutable: HASHED_NAME.test(name) };
  if (COMPRESSIBLE.has(extension) && body.length >= GZIP_MIN_BYTES) file.gzip = { body: gzipSync(body, { level: 9 }), etag: `"${hash}-gzip"` };
  return file;
}

/** Reads index.html and every servable file of assets/; throws when the page was not built there. */
export async function readPageFiles(dir: string): Promise<PageFiles> {
  const index = pageFile('index.html', await readFile(join(dir, 'index.html')));
  const assets = new Map<string, PageFile>();
  for (const entry of await readdir(join(dir, 'assets'), { withFileTypes: true })) {
    if (!entry.isFile() || !(extname(entry.name) in TYPES)) continue;
    assets.set(entry.name, pageFile(entry.name, await readFile(join(dir, 'assets', entry.name))));
  }
  return { index, assets };
}
