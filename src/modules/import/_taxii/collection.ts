/**
 * Checks that the URL the user gave is a readable TAXII 2.1 collection (as
 * taxii2client does before "Get Objects", with its messages). A discovery,
 * API root or collections URL gets an error that lists the collection URLs
 * to use instead.
 */
import { ModuleError } from '../../../base/errors.js';
import type { TaxiiClient } from './client.js';
import { records, str, strList, type JsonRecord } from '../../_shared/json-record.js';
import { TAXII21_MESSAGES } from './messages.js';

/** How many choices an error message lists. */
const LISTED = 10;

/** The URL without credentials, query or fragment, for messages. */
export function shownUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** The collection URL with a trailing slash; an `…/objects/` URL is taken as its collection. */
export function collectionUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw TAXII21_MESSAGES.error('collectionNotUrl', { url: raw.slice(0, 200) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw TAXII21_MESSAGES.error('collectionNotHttp');
  }
  url.hash = '';
  url.search = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.pathname = url.pathname.replace(/\/objects\/$/, '/');
  return url;
}

function collectionChoices(base: URL, collections: JsonRecord[]): string {
  const listed = collections.slice(0, LISTED).map((c) => {
    const id = str(c['id']) ?? '?';
    const title = str(c['title']);
    const readable = c['can_read'] === false ? ', not readable' : '';
    return `${new URL(`collections/${encodeURIComponent(id)}/`, base).href}${title ? ` (${title}${readable})` : ''}`;
  });
  const more = collections.length > LISTED ? ` and ${collections.length - LISTED} more` : '';
  return collections.length === 0 ? 'it lists no collections.' : `use one of: ${listed.join(', ')}${more}.`;
}

async function notACollection(client: TaxiiClient, url: URL, body: JsonRecord): Promise<ModuleError | undefined> {
  const where = shownUrl(url);
  if (Array.isArray(body['api_roots'])) {
    const roots = strList(body['api_roots']).slice(0, LISTED);
    return TAXII21_MESSAGES.error('discoveryNotCollection', { where, roots: roots.join(', ') || 'none' });
  }
  if (Array.isArray(body['collections'])) {
    const apiRoot = new URL('../', url);
    return TAXII21_MESSAGES.error('listNotCollection', { where, choices: collectionChoices(apiRoot, records(body['collections'])) });
  }
  if (Array.isArray(body['versions'])) {
    const { body: list } = await client.get(new URL('collections/', url).href);
    return TAXII21_MESSAGES.error('apiRootNotCollection', { where, choices: collectionChoices(url, records(list['collections'])) });
  }
  return undefined;
}

/** Fetches the collection resource and checks it can be read. */
export async function checkCollection(client: TaxiiClient, url: URL): Promise<JsonRecord> {
  const { body } = await client.get(url.href);
  const wrongKind = body['id'] === undefined ? await notACollection(client, url, body) : undefined;
  if (wrongKind) throw wrongKind;
  const where = shownUrl(url);
  // taxii2client's validation, in its order and words.
  if (!str(body['id'])) throw TAXII21_MESSAGES.error('collectionField', { field: 'id', where });
  if (!str(body['title'])) throw TAXII21_MESSAGES.error('collectionField', { field: 'title', where });
  if (body['can_read'] === undefined || body['can_read'] === null) throw TAXII21_MESSAGES.error('collectionField', { field: 'can_read', where });
  if (body['can_write'] === undefined || body['can_write'] === null) throw TAXII21_MESSAGES.error('collectionField', { field: 'can_write', where });
  if (!where.includes(String(body['id']))) {
    throw TAXII21_MESSAGES.error('collectionMismatch', { id: String(body['id']), where });
  }
  if (body['can_read'] !== true) throw TAXII21_MESSAGES.error('notReadable', { where });
  return body;
}
