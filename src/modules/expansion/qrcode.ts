/**
 * qrcode ("QR Code Decode", anti-quishing): the QR code in an attachment
 * (base64 `data`) or in the picture a `url`/`link` points to. A bitcoin
 * URI gives a `btc` attribute, a URL a `url`, anything else `text`.
 *
 * Remote pictures are fetched through the URL guard (public addresses
 * only, on every redirect), with a mobile User-Agent as upstream (pages
 * that cloak their payload serve it to phones) and a 10 MB cap.
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { decodeBase64Field, findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { UrlGuardError } from '../../net/index.js';
import { runOffloaded } from '../_shared/archives/offload.js';
import { qrResult } from './_qr/classify.js';
import type { QrTaskInput, QrTaskOutput } from './_qr/task.js';

const TASK = new URL('./_qr/task.js', import.meta.url);
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;
const MOBILE_USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.0 Mobile/15E148 Safari/604.1';

const MESSAGES = defineMessages({
  unsupported: 'Unsupported input. Provide an attachment or a URL.',
  badAttachment: 'Attachment error: empty or invalid data.',
  notImage: 'Not a valid image file (expected PNG or JPEG).',
  noCode: 'No QR code found in image.',
  fetchStatus: 'Fetch Error: {host} answered HTTP {status}.',
  fetchFailed: 'Fetch Error: {reason}',
  blocked: 'Security Block (SSRF Protection): {reason}',
});

async function fetchImage(ctx: ModuleContext, url: string): Promise<Buffer> {
  try {
    const response = await ctx.http.request(url, {
      userUrl: true,
      maxBytes: MAX_IMAGE_BYTES,
      timeoutMs: FETCH_TIMEOUT_MS,
      retries: 0,
      headers: { 'User-Agent': MOBILE_USER_AGENT },
    });
    if (response.status < 200 || response.status > 299) {
      throw MESSAGES.error('fetchStatus', { host: new URL(response.url).host, status: response.status });
    }
    return response.body;
  } catch (error) {
    if (error instanceof UrlGuardError) throw MESSAGES.error('blocked', { reason: error.message }, { cause: error });
    if (error instanceof ModuleError && !error.message.startsWith('Fetch Error')) throw MESSAGES.error('fetchFailed', { reason: error.message }, { cause: error });
    throw error;
  }
}

function attachmentBytes(query: Parameters<typeof decodeBase64Field>[0]): Buffer {
  try {
    const data = decodeBase64Field(query);
    if (data.length === 0) throw MESSAGES.error('badAttachment');
    return data;
  } catch {
    throw MESSAGES.error('badAttachment');
  }
}

export default defineModule({
  name: 'qrcode',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.3',
    author: 'Sascha Rommelfangen',
    description: 'Decode QR codes from attachments OR remote URLs (Anti-Quishing).',
    name: 'QR Code Decode',
    logo: '',
    requirements: ['None: images are decoded in the server (jsQR).'],
    features:
      'The module decodes the QR code in an attachment, or in the picture a url or link attribute points to (fetched from public addresses only, at most 10 MB, as a mobile browser). A bitcoin URI gives a btc attribute, a URL a url attribute, anything else text.',
    references: [],
    input: 'A QR code stored as attachment attribute or a remote URL.',
    output: 'The URL or bitcoin address the QR code is pointing to.',
  },
  attributes: { input: ['attachment', 'url', 'link'], output: ['url', 'btc'] },
  // The module answers a missing input with upstream's own message.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    let bytes: Buffer;
    let source: string;
    const remote = findLegacyInput(query, ['url', 'link']);
    if (remote) {
      source = remote.value;
      bytes = await fetchImage(ctx, remote.value);
    } else if (query['attachment'] !== undefined) {
      source = String(query['attachment']);
      bytes = attachmentBytes(query);
    } else throw MESSAGES.error('unsupported');
    const decoded = await runOffloaded<QrTaskInput, QrTaskOutput>(ctx, TASK, { data: bytes, notImage: MESSAGES.format('notImage') });
    if (decoded === undefined) throw MESSAGES.error('noCode');
    return { ...legacyResults([qrResult(decoded, source)]) };
  },
});
