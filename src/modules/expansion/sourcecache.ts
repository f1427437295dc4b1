/**
 * sourcecache ("URL Archiver"): fetches the page a link or url attribute
 * points to, keeps it on disk and returns it base64-encoded as an attachment
 * (for `link`) or malware-sample (for `url`), as upstream's url_archiver does:
 * (the layout is in _sourcecache/archive-store.ts, the URL normalisation that
 * names an archive in _sourcecache/normalise-url.ts). The fetch goes through the URL guard (no private, loopback or
 * metadata addresses, on every redirect). A page already archived is served
 * from disk without fetching it again.
 */
import { createHash } from 'node:crypto';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { HttpStatusError } from '../../net/index.js';
import { archivePaths, readArchive, storageFailure, writeAtomically } from './_sourcecache/archive-store.js';
import { MESSAGES } from './_sourcecache/messages.js';
import { normaliseUrl } from './_sourcecache/normalise-url.js';

/** Upstream's default, used when the setting is empty. */
const DEFAULT_ARCHIVE_PATH = '/tmp/';
/** Largest page archived (MISP stores attachments up to about 25 MB; base64 adds a third). */
const MAX_PAGE_BYTES = 16 * 1024 * 1024;
/** The url_archiver on-disk format this writes. */
const ARCHIVER_VERSION = '0.2';

async function fetchPage(ctx: ModuleContext, url: URL): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const response = await ctx.http.request(url.href, { userUrl: true, maxBytes: MAX_PAGE_BYTES, retries: 0 });
  // url_archiver only archives a 200 answer.
  if (response.status !== 200) throw new HttpStatusError(url.hostname, response.status, response);
  return { body: response.body, headers: response.headers };
}

async function archive(ctx: ModuleContext, raw: string): Promise<Buffer> {
  const normalised = normaliseUrl(raw);
  if (!normalised) throw MESSAGES.error('badUrl');
  const url = new URL(normalised);
  const urlHash = createHash('sha1').update(normalised, 'utf8').digest('hex');
  const paths = await archivePaths(ctx.config['archivepath'] ?? DEFAULT_ARCHIVE_PATH, urlHash).catch(storageFailure);
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
    if (value === undefined) throw MESSAGES.error('missing');
    const page = await archive(ctx, value);
    return { ...legacyResults([{ types: [type], values: value, data: page }]) };
  },
});
