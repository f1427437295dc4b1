/**
 * hashlookup: is a file hash part of a known set (NSRL and other sources)?
 * Asks CIRCL hashlookup (`GET /lookup/{md5|sha1|sha256}/{hash}`) and answers a
 * `hashlookup` object linked to the input with `related-to`.
 *
 * Kept from upstream: the name, `custom_API` (a self-hosted instance), the
 * fields read (source, KnownMalicious, MD5, SHA-1, SHA-256, SSDEEP, TLSH,
 * FileName, FileSize) and the messages "Non existing hash" and "Empty result".
 * Fixed: upstream sends `…circl.lu//lookup/…` (its base URL ends in a slash):
 * we send one slash; a vendor failure names CIRCL hashlookup, the HTTP status
 * and what it said instead of "API not accessible"; an answer without SHA-1
 * (upstream crashes on it) is read with what it has.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';

const HASH_TYPES = ['md5', 'sha1', 'sha256'] as const;

const MESSAGES = defineMessages({
  notFound: 'Non existing hash',
  empty: 'Empty result',
});

/** What hashlookup answers for a known hash (the fields we read). */
interface HashlookupRecord {
  source?: string;
  KnownMalicious?: string;
  MD5?: string;
  'SHA-1'?: string;
  'SHA-256'?: string;
  SSDEEP?: string;
  TLSH?: string;
  FileName?: string;
  FileSize?: string | number;
}

const FIELDS = ['source', 'KnownMalicious', 'MD5', 'SHA-1', 'SHA-256', 'SSDEEP', 'TLSH', 'FileName', 'FileSize'] as const;

/** An answer with at least one field we read (`{}`, `[]` or `null` are empty). */
function isRecordWithHashes(found: unknown): found is HashlookupRecord {
  if (typeof found !== 'object' || found === null || Array.isArray(found)) return false;
  const record = found as Record<string, unknown>;
  return FIELDS.some((field) => typeof record[field] === 'string' || typeof record[field] === 'number');
}

/** custom_API may end with a slash (upstream adds one): the base URL has none. */
function baseUrl(custom: string | undefined): string {
  return (custom?.trim() || 'https://hashlookup.circl.lu').replace(/\/+$/, '');
}

export default defineModule({
  name: 'hashlookup',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '2',
    author: 'Alexandre Dulaunoy',
    description: 'An expansion module to query the CIRCL hashlookup services to find it if a hash is part of a known set such as NSRL.',
    name: 'CIRCL Hashlookup Lookup',
    logo: 'circl.png',
    requirements: [],
    features:
      'The module takes file hashes as input such as a MD5 or SHA1. It queries the public CIRCL.lu hashlookup service and ' +
      'return all the hits if the hashes are known in an existing dataset. The module can be configured with a custom ' +
      'hashlookup url if required. The module can be used an hover module but also an expansion model to add related MISP objects.',
    references: ['https://www.circl.lu/services/hashlookup/'],
    input: 'File hashes (MD5, SHA1)',
    output: 'Object with the filename associated hashes if the hash is part of a known set.',
  },
  config: { custom_API: { description: 'URL of a self-hosted hashlookup instance (default https://hashlookup.circl.lu/)' } },
  attributes: { input: [...HASH_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, HASH_TYPES);
    const api = ctx.vendor({ name: 'CIRCL hashlookup', baseUrl: baseUrl(ctx.config['custom_API']) });
    const found = await api.find<HashlookupRecord>(`/lookup/${attribute.type}/${encodeURIComponent(attribute.value.trim())}`);
    if (found === undefined) throw MESSAGES.error('notFound');
    if (!isRecordWithHashes(found)) throw MESSAGES.error('empty');

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const fields = found as Record<string, unknown>;
    const object = result.addObject(
      'hashlookup',
      FIELDS.map((field) => [field, typeof fields[field] === 'string' || typeof fields[field] === 'number' ? (fields[field] as string | number) : undefined] as const),
    );
    result.addReference(object.uuid, attribute.uuid, 'related-to');
    return result.toResults();
  },
});
