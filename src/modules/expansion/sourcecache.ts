/**
 * sourcecache ("URL Archiver"): fetches the page a link or url attribute
 * points to, keeps it on disk and returns it base64-encoded as an attachment
 * (for `link`) or malware-sample (for `url`), as upstream's url_archiver does:
 *
 *   <archivepath>/.url_archiver/<sha1(normalised URL)>/archive   the page, raw bytes
 *   <archivepath>/.url_archiver/<sha1(normalised URL)>/meta      response headers + url_archiver:* keys (JSON)
 *
 * File names come from the hash only, so no URL can reach outside
 * archivepath. The fetch goes through the URL guard (no private, loopback or
 * metadata addresses, on every redirect). A page already archived is served
 * from disk without fetching it again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { ModuleError } from '../../base/errors.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { HttpStatusError } from '../../net/index.js';

/** Upstream's default, used when the setting is empty. */
const DEFAULT_ARCHIVE_PATH = '/tmp/';
const ARCHIVE_DIR = '.url_archiver';
/** Largest page archived (MISP stores attachments up to about 25 MB; base64 adds a third). */
const MAX_PAGE_BYTES = 16 * 1024 * 1024;
/** The url_archiver on-disk format this writes. */
const ARCHIVER_VERSION = '0.2';

const MESSAGES = {
  missing: 'Link is missing',
  relative: 'The archivepath setting must be an absolute path.',
  noDirectory: 'The archive directory does not exist or is not a directory (setting archivepath).',
  unsafe: 'The archive directory holds an entry that is a link or belongs to another user; refusing to use it.',
  badUrl: 'The URL cannot be parsed.',
  storage: 'The archive directory (setting archivepath) cannot be used: {code}.',
} as const;

// ---------------------------------------------------------------------------
// URL normalisation (a port of url_normalize 3.0, which url_archiver uses):
// the same page gets the same hash, whatever the spelling of its URL.

/** Python's urllib.parse.quote: unreserved characters and `safe` stay, the rest is %XX (UTF-8, upper case). */
function quote(text: string, safe: string): string {
  let out = '';
  for (const char of text) {
    if (/^[A-Za-z0-9_.~-]$/.test(char) || safe.includes(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Python's unquote: %XX runs decoded as UTF-8 (invalid bytes become U+FFFD), then NFC. */
function unquote(text: string): string {
  return text
    .replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'))
    .normalize('NFC');
}

function normalisePath(path: string): string {
  const quoted = quote(unquote(path), "~:/#[]@!$&'()*+,;=");
  // Drops empty and "." segments and resolves "..", keeping a trailing slash.
  const parts = quoted.split('/');
  const output: string[] = [];
  for (const part of parts) {
    if (part === '') {
      if (output.length === 0) output.push(part);
    } else if (part === '..') {
      if (output.length > 1) output.pop();
    } else if (part !== '.') {
      output.push(part);
    }
  }
  if (['', '.', '..'].includes(parts.at(-1) ?? '')) output.push('');
  return output.join('/') || '/';
}

function normaliseQuery(search: string): string {
  const param = (p: string): string => quote(unquote(p), "~:/?[]@!$'()*+,;");
  return search
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const key = param(eq < 0 ? p : p.slice(0, eq));
      const value = eq < 0 ? '' : param(p.slice(eq + 1));
      return value === '' ? key : `${key}=${value}`;
    })
    .join('&');
}

/** The normalised URL (what is hashed and fetched), or undefined when it is not a URL. */
export function normaliseUrl(raw: string): string | undefined {
  let text = raw.trim();
  // url_normalize's default scheme is https.
  if (!text.slice(0, 7).includes(':')) text = `https://${text.replace(/^\/+/, '')}`;
  text = text.replace('#!', '?_escaped_fragment_=').replace(/[&? ]+$/, '');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  // WHATWG parsing has lower-cased scheme and host, applied IDNA and dropped default ports.
  url.hostname = url.hostname.replace(/^\.+|\.+$/g, '');
  url.pathname = normalisePath(url.pathname);
  // Query and fragment are composed here: URL setters would encode some characters url_normalize keeps (').
  const query = normaliseQuery(url.search);
  const fragment = url.hash === '' ? '' : quote(unquote(url.hash.slice(1)), '~=');
  url.search = '';
  url.hash = '';
  return `${url.href}${query === '' ? '' : `?${query}`}${fragment === '' ? '' : `#${fragment}`}`;
}

// ---------------------------------------------------------------------------
// The archive on disk.

interface ArchivePaths {
  dir: string;
  archive: string;
  meta: string;
}

/** Creates (or checks) a directory that must be ours and not a link: archivepath may be a shared /tmp. */
async function ownDirectory(path: string): Promise<void> {
  await mkdir(path, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const info = await lstat(path);
  const uid = process.getuid?.();
  if (!info.isDirectory() || info.isSymbolicLink() || (uid !== undefined && info.uid !== uid)) {
    throw new ModuleError(MESSAGES.unsafe);
  }
}

async function archivePaths(ctx: ModuleContext, urlHash: string): Promise<ArchivePaths> {
  const root = ctx.config['archivepath'] ?? DEFAULT_ARCHIVE_PATH;
  if (!isAbsolute(root)) throw new ModuleError(MESSAGES.relative);
  // archivepath itself may be a link the admin chose (/tmp is one on some systems): it only has to be a directory.
  const target = await stat(resolve(root)).catch(() => undefined);
  if (!target?.isDirectory()) throw new ModuleError(MESSAGES.noDirectory);
  const base = join(resolve(root), ARCHIVE_DIR);
  await ownDirectory(base);
  const dir = join(base, urlHash);
  await ownDirectory(dir);
  return { dir, archive: join(dir, 'archive'), meta: join(dir, 'meta') };
}

/** The archived page, or undefined when there is none yet. Links are never followed. */
async function readArchive(path: string): Promise<Buffer | undefined> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw new ModuleError(MESSAGES.unsafe);
    throw error;
  }
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Writes a file whole or not at all: a temporary file (created exclusively), then a rename. */
async function writeAtomically(dir: string, path: string, data: string | Buffer): Promise<void> {
  const temporary = join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
  try {
    await writeFile(temporary, data, { flag: 'wx', mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** File-system failures (permissions, full disk) as a message for the admin; the module's own errors pass through. */
function storageFailure(error: unknown): never {
  if (error instanceof ModuleError) throw error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
  throw new ModuleError(MESSAGES.storage.replace('{code}', code), { cause: error });
}

// ---------------------------------------------------------------------------

async function fetchPage(ctx: ModuleContext, url: URL): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const response = await ctx.http.request(url.href, { userUrl: true, maxBytes: MAX_PAGE_BYTES, retries: 0 });
  // url_archiver only archives a 200 answer.
  if (response.status !== 200) throw new HttpStatusError(url.hostname, response.status, response);
  return { body: response.body, headers: response.headers };
}

async function archive(ctx: ModuleContext, raw: string): Promise<Buffer> {
  const normalised = normaliseUrl(raw);
  if (!normalised) throw new ModuleError(MESSAGES.badUrl);
  const url = new URL(normalised);
  const urlHash = createHash('sha1').update(normalised, 'utf8').digest('hex');
  const paths = await archivePaths(ctx, urlHash).catch(storageFailure);
  const cached = await readArchive(paths.archive).catch(storageFailure);
  if (cached) {
    ctx.log.debug('served from the archive', { urlHash });
    return cached;
  }
  const page = await fetchPage(ctx, url);
  const meta = { ...page.headers, 'url_archiver:url': normalised, 'url_archiver:urlhash': urlHash, 'url_archiver:version': ARCHIVER_VERSION };
  // meta first: an archive on disk always has its meta.
  await writeAtomically(paths.dir, paths.meta, JSON.stringify(meta)).catch(storageFailure);
  await writeAtomically(paths.dir, paths.archive, page.body).catch(storageFailure);
  return page.body;
}

export default defineModule({
  name: 'sourcecache',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.2',
    author: 'Alexandre Dulaunoy',
    description: 'Module to cache web pages of analysis reports, OSINT sources. The module returns a link of the cached page.',
    name: 'URL Archiver',
    logo: '',
    requirements: ['A directory the server can write to (archivepath)'],
    features:
      'This module takes a link or url attribute as input, fetches the page (public addresses only) and keeps it in ' +
      'archivepath/.url_archiver/<sha1 of the normalised URL>/. A page already archived is not fetched again. The page is ' +
      'returned as an attachment (for a link) or a malware-sample (for a url).',
    references: ['https://github.com/adulau/url_archiver'],
    input: 'A link or url attribute.',
    output: 'An attachment (link) or malware-sample (url) attribute holding the cached page.',
  },
  config: {
    archivepath: { description: 'Absolute path of an existing directory where pages are archived (in its .url_archiver folder).', default: DEFAULT_ARCHIVE_PATH },
  },
  attributes: { input: ['link', 'url'], output: ['attachment', 'malware-sample'] },
  // Upstream answers "Link is missing" itself when neither input is there.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const link = query['link'];
    const url = query['url'];
    const [value, type] =
      typeof link === 'string' && link !== '' ? [link, 'attachment' as const]
      : typeof url === 'string' && url !== '' ? [url, 'malware-sample' as const]
      : [undefined, undefined];
    if (value === undefined) throw new ModuleError(MESSAGES.missing);
    const page = await archive(ctx, value);
    return { ...legacyResults([{ types: [type], values: value, data: page }]) };
  },
});
