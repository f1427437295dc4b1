/**
 * An AssemblyLine full submission (`/api/v4/submission/full/{sid}/`) as MISP
 * data, the way upstream's AssemblyLineParser reads it:
 * - a `file` object per entry of `file_infos` (md5, sha1, sha256, mimetype,
 *   size-in-bytes, ssdeep, entropy) with the names `file_tree` gives it;
 * - the network tags of the services' results (`NET_DOMAIN_NAME`,
 *   `NET_FULL_URI`, `NET_IP`) as domain / url / ip-dst attributes, each
 *   referenced from its file object with the tag's context as relationship;
 * - a classification other than UNCLASSIFIED as a tag (lower case).
 * Every attribute has to_ids set, as upstream.
 *
 * Fixed: a classified file lacking one of the hash fields no longer crashes
 * the module (upstream indexes every field blindly there); the names of
 * files scored 0 are kept (upstream names only files with a positive score).
 */
import { MispResultBuilder, type RelationEntry } from '../../../misp/standard-result.js';
import type { AttributeType } from '../../../misp/types.js';

type Json = Record<string, unknown>;

const NETWORK_TAG_TYPES: Record<string, AttributeType> = {
  NET_DOMAIN_NAME: 'domain',
  NET_FULL_URI: 'url',
  NET_IP: 'ip-dst',
};

const FILE_FIELDS: ReadonlyArray<[string, 'entropy' | 'md5' | 'mimetype' | 'sha1' | 'sha256' | 'size-in-bytes' | 'ssdeep']> = [
  ['entropy', 'entropy'],
  ['md5', 'md5'],
  ['mime', 'mimetype'],
  ['sha1', 'sha1'],
  ['sha256', 'sha256'],
  ['size', 'size-in-bytes'],
  ['ssdeep', 'ssdeep'],
];

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A classification worth a tag (anything but UNCLASSIFIED), lower case. */
function classificationTags(classification: unknown): string[] {
  return typeof classification === 'string' && classification !== '' && classification !== 'UNCLASSIFIED' ? [classification.toLowerCase()] : [];
}

/** The result tags with a context, per file hash (the first part of the result key). */
function networkTagsByFile(results: unknown): Map<string, Json[]> {
  const byFile = new Map<string, Json[]>();
  if (!isRecord(results)) return byFile;
  for (const [key, value] of Object.entries(results)) {
    const tags = isRecord(value) && isRecord(value['result']) ? value['result']['tags'] : undefined;
    if (!Array.isArray(tags)) continue;
    const hash = key.split('.')[0]!;
    const withContext = tags.filter((tag): tag is Json => isRecord(tag) && typeof tag['context'] === 'string' && tag['context'] !== '');
    byFile.set(hash, [...(byFile.get(hash) ?? []), ...withContext]);
  }
  return byFile;
}

/** The names of every file in the tree (children included), per hash. */
function namesByFile(tree: unknown, names = new Map<string, string[]>(), depth = 0): Map<string, string[]> {
  if (!isRecord(tree) || depth > 50) return names;
  for (const [hash, node] of Object.entries(tree)) {
    if (!isRecord(node)) continue;
    const name = node['name'];
    const list = (Array.isArray(name) ? name : [name]).filter((n): n is string => typeof n === 'string' && n !== '');
    if (list.length > 0) names.set(hash, [...new Set([...(names.get(hash) ?? []), ...list])]);
    namesByFile(node['children'], names, depth + 1);
  }
  return names;
}

function scalar(value: unknown): string | number | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

export function parseSubmission(submission: unknown): MispResultBuilder {
  const result = new MispResultBuilder();
  if (!isRecord(submission)) return result;
  for (const tag of classificationTags(submission['classification'])) result.addTag(tag);
  const tagsByFile = networkTagsByFile(submission['results']);
  const names = namesByFile(submission['file_tree']);
  const fileInfos = isRecord(submission['file_infos']) ? submission['file_infos'] : {};

  for (const [hash, info] of Object.entries(fileInfos)) {
    if (!isRecord(info)) continue;
    const tags = classificationTags(info['classification']);
    const relations: Array<RelationEntry<'filename' | (typeof FILE_FIELDS)[number][1]>> = FILE_FIELDS.map(([field, relation]) => ({
      relation,
      value: scalar(info[field]),
      to_ids: true,
      tags,
    }));
    for (const filename of names.get(hash) ?? []) relations.push({ relation: 'filename', value: filename, to_ids: true, tags });
    const references: Array<[string, string]> = [];
    for (const tag of tagsByFile.get(hash) ?? []) {
      const type = NETWORK_TAG_TYPES[String(tag['type'])];
      const value = scalar(tag['value']);
      if (!type || value === undefined || String(value).trim() === '') continue;
      const attribute = result.addAttribute({ type, value, to_ids: true, tags: classificationTags(tag['classification']) });
      references.push([attribute.uuid, (tag['context'] as string).toLowerCase().split(' ').join('-')]);
    }
    const hasValue = relations.some((entry) => 'value' in entry && entry.value !== undefined && String(entry.value).trim() !== '');
    if (!hasValue) continue;
    const object = result.addObject('file', relations);
    for (const [uuid, relationship] of references) result.addReference(object.uuid, uuid, relationship);
  }
  return result;
}
