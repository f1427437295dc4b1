/** The text upstream shows when no collection is chosen: every collection with its UUID. */
import { records, str, type JsonRecord } from '../../../_shared/json-record.js';

const RULE = '='.repeat(60);

export function collectionList(body: JsonRecord): string | undefined {
  const collections = records(body['collections']);
  if (collections.length === 0) return undefined;
  const lines = [
    `Found ${collections.length} SOCRadar TAXII collections.`,
    '',
    "Copy the UUID of the collection you want and paste it into the 'collection_id' field, then run the import again.",
    '',
    RULE,
  ];
  collections.forEach((collection, i) => {
    const description = str(collection['description']);
    lines.push('', `[${i + 1}] ${str(collection['title']) ?? 'Unknown'}`, `    UUID: ${str(collection['id']) ?? ''}`);
    if (description) lines.push(`    Feeds: ${description.slice(0, 200)}`);
    // Python prints booleans as True / False.
    lines.push(`    Readable: ${collection['can_read'] === true ? 'True' : 'False'}`);
  });
  lines.push('', RULE, 'To import: go to Populate from → SOCRadar TAXII Feed → paste the UUID into collection_id field.');
  return lines.join('\n');
}
