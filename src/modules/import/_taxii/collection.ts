/**
 * Checks that the URL the user gave is a readable TAXII 2.1 collection (as
 * taxii2client does before "Get Objects", with its messages). A discovery,
 * API root or collections URL gets an error that lists the collection URLs
 * to use instead.
 */
import { ModuleError } from '../../../base/errors.js';
import type { TaxiiClient } from './client.js';
import { records, str, strList, type JsonRecord } from '../../_shared/json-record.js';

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
    throw new ModuleError(`The TAXII collection URL is not a valid URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ModuleError('The TAXII collection URL must start with https:// (or http://).');
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
    return new ModuleError(
      `${where} is a TAXII discovery endpoint, not a collection. Its API roots: ${roots.join(', ') || 'none'}; ` +
        'give the URL of a collection (<API root>collections/<id>/).',
    );
  }
  if (Array.isArray(body['collections'])) {
    const apiRoot = new URL('../', url);
    return new ModuleError(`${where} lists collections, it is not one: ${collectionChoices(apiRoot, records(body['collections']))}`);
  }
  if (Array.isArray(body['versions'])) {
    const { body: list } = await client.get(new URL('collections/', url).href);
    return new ModuleError(`${where} is a TAXII API root, not a collection: ${collectionChoices(url, records(list['collections']))}`);
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
  if (!str(body['id'])) throw new ModuleError(`No 'id' in Collection for request '${where}'`);
  if (!str(body['title'])) throw new ModuleError(`No 'title' in Collection for request '${where}'`);
  if (body['can_read'] === undefined || body['can_read'] === null) throw new ModuleError(`No 'can_read' in Collection for request '${where}'`);
  if (body['can_write'] === undefined || body['can_write'] === null) throw new ModuleError(`No 'can_write' in Collection for request '${where}'`);
  if (!where.includes(String(body['id']))) {
    throw new ModuleError(`The collection '${String(body['id'])}' does not match the url for queries '${where}'`);
  }
  if (body['can_read'] !== true) throw new ModuleError(`Collection '${where}' does not allow reading.`);
  return body;
}
