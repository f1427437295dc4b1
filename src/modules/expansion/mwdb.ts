/**
 * mwdb: pushes a file (attachment, or the sample inside a malware-sample
 * zip) to an MWDB Core instance (mwdb.cert.pl or the admin's own) and
 * answers the link of the sample there. The REST calls are mwdblib's:
 * `POST {mwdb_url}/file` as multipart (`file`, then the `options` field:
 * `{"parent": null, "upload_as": "public"|"*", "metakeys": [...]}`), then
 * `POST {mwdb_url}/object/{id}/comment`, with `Authorization: Bearer <mwdb_apikey>`.
 *
 * Kept from upstream: the name, the settings mwdb_apikey, mwdb_url,
 * mwdb_misp_attribute (a metakey holding the MISP event id), mwdb_public
 * (default true), include_tags_event and include_tags_attribute, the sample
 * read before the settings are checked, the comment ("MISP attribute
 * <uuid>"), the link `{mwdb_url without /api}/file/<md5>`, and upstream's
 * messages.
 * Fixed: mwdb_public "False"/"0"/"no"/"off" uploads as not public
 * (upstream treats any text as true); upstream always fails after the upload
 * unless include_tags_event is set (it reads an event it never fetched): the
 * link is answered; a trailing slash in mwdb_url no longer gives
 * `/file//<md5>`; a failure names MWDB, the HTTP status and MWDB's message.
 * Not done: include_tags_event / include_tags_attribute make upstream read
 * MISP's URL and key from PyMISP's keys.py on the MISP host to copy tags;
 * this server does not read that file, so both settings are accepted and
 * ignored.
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { pythonJsonDumps, type PyJson } from '../_shared/python-json.js';
import { multipartBody } from '../_shared/multipart.js';
import { readSubmittedFile, SUBMITTED_FILE_MESSAGES } from '../_shared/submitted-file.js';

const MESSAGES = defineMessages({
  noSample: 'No malware sample or attachment supplied',
  badData: 'Unable to process submited sample data: {reason}',
  noSettings: 'Missing MWDB API key or server URL',
  failed: 'Unable to send sample to MWDB instance: {reason}',
  noMd5: 'Unable to send sample to MWDB instance: the answer has no md5.',
  attributeComment: 'MISP attribute {uuid}',
  comment: 'Link to MWDB sample',
});

/** What MWDB answers for an uploaded file (the fields read). */
interface MwdbFile {
  id?: string;
  md5?: string;
}

/** Upstream's default is public; only an explicit false turns it off. */
function isPublic(value: string | undefined): boolean {
  return !['false', '0', 'no', 'off'].includes((value ?? '').trim().toLowerCase());
}

/** `https://mwdb.example/api/` → `https://mwdb.example/file/<md5>` (upstream replaces `/api` by `/file/`). */
function sampleLink(apiUrl: string, md5: string): string {
  const base = apiUrl.replace(/\/+$/, '');
  return `${base.endsWith('/api') ? base.slice(0, -'/api'.length) : base}/file/${md5}`;
}

export default defineModule({
  name: 'mwdb',
  kind: 'expansion',
  moduleType: ['expansion'],
  // Sends a file or URL away: two identical queries are two submissions, never shared.
  coalesce: false,
  meta: {
    version: '1',
    author: 'Koen Van Impe',
    description: 'Module to push malware samples to a MWDB instance',
    name: 'MWDB Submit',
    logo: '',
    requirements: [
      '* (optional) MWDB attribute created for the link back to MISP (defined in mwdb_misp_attribute)',
    ],
    features:
      'An expansion module to push malware samples to a MWDB (https://github.com/CERT-Polska/mwdb-core) instance.' +
      ' This module does not push samples to a sandbox. This can be achieved via Karton (connected to the MWDB).' +
      ' Does: * Upload of attachment or malware sample to MWDB * Tags of events and/or attributes are added to MWDB.' +
      ' * Comment of the MISP attribute is added to MWDB. * A link back to the MISP event is added to MWDB via the' +
      ' MWDB attribute.  * A link to the MWDB attribute is added as an enrichted attribute to the MISP event.',
    references: [],
    input: 'Attachment or malware sample',
    output: 'Link attribute that points to the sample at the MWDB instane',
  },
  config: {
    mwdb_apikey: { description: 'Your MWDB API key.', secret: true },
    mwdb_url: { description: 'URL of the MWDB REST API (e.g. https://mwdb.cert.pl/api/ or your own instance), reached as configured.' },
    mwdb_misp_attribute: { description: 'MWDB attribute (metakey) that receives the MISP event id, if set.' },
    mwdb_public: { description: 'Upload as public (default true; false, 0, no or off upload to your groups).' },
    include_tags_event: { description: "Accepted and ignored: upstream copies the event's tags using PyMISP's keys.py on the MISP host, which this server does not read." },
    include_tags_attribute: { description: "Accepted and ignored: upstream copies the attribute's tags using PyMISP's keys.py on the MISP host, which this server does not read." },
  },
  attributes: { input: ['attachment', 'malware-sample'], output: ['link'] },
  messages: { ...MESSAGES.templates, ...SUBMITTED_FILE_MESSAGES.templates },
  async handle(query, ctx) {
    const file = await readSubmittedFile(query, { failure: (reason) => MESSAGES.error('badData', { reason }) });
    if (!file) throw MESSAGES.error('noSample');
    const apiUrl = ctx.config['mwdb_url'];
    if (!ctx.config['mwdb_apikey'] || !apiUrl) throw MESSAGES.error('noSettings');

    const mwdb = ctx.vendor({
      name: 'MWDB',
      baseUrl: apiUrl.trim().replace(/\/+$/, ''),
      auth: { in: 'bearer', setting: 'mwdb_apikey' },
      missingKey: () => MESSAGES.error('noSettings'),
    });
    const eventId = typeof query['event_id'] === 'string' || typeof query['event_id'] === 'number' ? String(query['event_id']) : undefined;
    const metakey = ctx.config['mwdb_misp_attribute'];
    const options: Record<string, PyJson> = {
      parent: null,
      upload_as: isPublic(ctx.config['mwdb_public']) ? 'public' : '*',
      ...(metakey ? { metakeys: [{ key: metakey, value: eventId ?? null }] } : {}),
    };
    const multipart = multipartBody([
      { name: 'file', filename: file.filename, content: file.content },
      { name: 'options', value: pythonJsonDumps(options) },
    ]);
    try {
      const uploaded = await mwdb.post<MwdbFile>('/file', { body: multipart.body, headers: { 'content-type': multipart.contentType } });
      if (typeof uploaded?.md5 !== 'string' || uploaded.md5 === '') throw MESSAGES.error('noMd5');
      const uuid = typeof query['attribute_uuid'] === 'string' ? query['attribute_uuid'] : 'None';
      const id = typeof uploaded.id === 'string' && uploaded.id !== '' ? uploaded.id : uploaded.md5;
      await mwdb.post(`/object/${encodeURIComponent(id)}/comment`, { json: { comment: MESSAGES.format('attributeComment', { uuid }) } });
      return legacyResults([{ types: 'link', values: sampleLink(apiUrl.trim(), uploaded.md5), comment: MESSAGES.format('comment') }]);
    } catch (error) {
      if (!(error instanceof ModuleError) || error.messageId !== undefined) throw error;
      throw MESSAGES.error('failed', { reason: error.message });
    }
  },
});
