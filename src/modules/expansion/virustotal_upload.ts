/**
 * virustotal_upload: sends the file of an attachment or malware-sample
 * attribute to VirusTotal for analysis and answers the link to its report.
 * `POST https://www.virustotal.com/api/v3/files`, key in `x-apikey`, the file
 * as the multipart part `file` (with the attribute's file name); the link is
 * `https://www.virustotal.com/gui/file/<sha256 of the file>`, a legacy `link`
 * result commented "Link to VirusTotal analysis".
 *
 * Kept from upstream: the name, module-type, input (attachment,
 * malware-sample) and output (link) types, the `virustotal_apikey` setting,
 * the request, the result and the messages "No malware sample or attachment
 * supplied", "Unable to process submitted sample data" and "Missing
 * VirusTotal API key".
 * Fixed: an empty `virustotal_apikey` is missing too (upstream sends it);
 * a refused key, a quota or a failure names VirusTotal, the HTTP status and
 * its message instead of requests' "401 Client Error: … for url: …"; why a
 * sample could not be read is said (not base64, not a zip, wrong password,
 * empty); the upload may take the query's time instead of requests'
 * unbounded wait.
 * Left as upstream: files over VirusTotal's 32 MB limit for this endpoint
 * are refused by VirusTotal (its 413 is reported); upstream does not use
 * `/files/upload_url` either.
 */
import { createHash } from 'node:crypto';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { decodeBase64 } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { VT_API } from './_virustotal/endpoint.js';
import { multipartBody } from '../_shared/multipart.js';
import { unzipMalwareSample } from './_virustotal/upload.js';

const MESSAGES = defineMessages({
  noInput: 'No malware sample or attachment supplied',
  badSample: 'Unable to process submitted sample data ({reason}).',
  noKey: 'Missing VirusTotal API key',
});

/** Long enough to upload tens of megabytes; the query's timeout still applies. */
const UPLOAD_TIMEOUT_MS = 300_000;

/** The file's name and bytes from a legacy query, as upstream reads them. */
async function readSample(query: Record<string, unknown>): Promise<{ filename: string; data: Uint8Array }> {
  const sample = query['malware-sample'];
  const attachment = query['attachment'];
  const isSample = typeof sample === 'string' && sample !== '';
  if (!isSample && !(typeof attachment === 'string' && attachment !== '')) throw MESSAGES.error('noInput');
  const raw = query['data'];
  if (typeof raw !== 'string' || raw.trim() === '') throw MESSAGES.error('badSample', { reason: 'the request has no data' });
  const bytes = decodeBase64(raw, MESSAGES.format('badSample', { reason: 'the data is not base64' }));
  let data: Uint8Array = bytes;
  if (isSample) {
    try {
      data = await unzipMalwareSample(bytes);
    } catch (error) {
      throw MESSAGES.error('badSample', { reason: `the malware-sample zip could not be opened: ${(error as Error).message.replace(/\.$/, '')}` });
    }
  }
  if (data.length === 0) throw MESSAGES.error('badSample', { reason: 'the file is empty' });
  return { filename: isSample ? sample.split('|')[0]! : (attachment as string), data };
}

export default defineModule({
  name: 'virustotal_upload',
  kind: 'expansion',
  moduleType: ['expansion'],
  // Sends a file or URL away: two identical queries are two submissions, never shared.
  coalesce: false,
  meta: {
    version: '1',
    author: 'Karen Yousefi',
    description: 'Module to push malware samples to VirusTotal',
    name: 'VirusTotal Upload',
    logo: 'virustotal.png',
    requirements: [],
    features: 'Uploads the file of an attachment or malware-sample attribute (the latter unzipped with the password "infected") to VirusTotal and returns the link to its analysis.',
    references: ['https://docs.virustotal.com/reference/files-scan'],
    input: 'An attachment or malware-sample attribute with its file.',
    output: 'A link to the VirusTotal analysis of the file.',
  },
  config: { virustotal_apikey: { description: 'Your VirusTotal API key (sent in the x-apikey header).', secret: true } },
  attributes: { input: ['attachment', 'malware-sample'], output: ['link'] },
  // Upstream answers its own message when neither attachment nor malware-sample is given.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const { filename, data } = await readSample(query);
    const api = ctx.vendor({
      name: 'VirusTotal',
      baseUrl: VT_API,
      auth: { in: 'header', header: 'x-apikey', setting: 'virustotal_apikey' },
      missingKey: () => MESSAGES.error('noKey'),
      headers: { accept: 'application/json' },
    });
    const { body, contentType } = multipartBody([{ name: 'file', filename, content: data }]);
    await api.post('/files', { body, headers: { 'content-type': contentType }, timeoutMs: UPLOAD_TIMEOUT_MS });
    const sha256 = createHash('sha256').update(data).digest('hex');
    return legacyResults([{ types: 'link', values: `https://www.virustotal.com/gui/file/${sha256}`, comment: 'Link to VirusTotal analysis' }]);
  },
});
