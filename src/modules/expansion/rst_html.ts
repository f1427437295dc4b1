/**
 * rst_html: a page's rendered HTML, or the JavaScript extracted from it,
 * fetched by RST Cloud's Scan API (`GET {base_url}/scan/html/body[/js]?target=…`,
 * rstapi's `scan.GetHtmlBody` / `GetHtmlBodyJs`, key in `X-Api-Key`), as a
 * `file` object derived-from the input: `page.html` or `page.js` attached,
 * its MIME type and size, RST's md5/sha1/sha256 of it, and a note (HTTP
 * status, title, truncation).
 *
 * The endpoint answers JSON (`{body, http_status, title, content_length,
 * truncated, hashes}`) or the page itself; like rstapi, an answer that is not
 * JSON is the body as text (so a "malformed JSON" answer is a page, not an
 * error).
 *
 * Kept from upstream: name, inputs, settings (`mode`: body by default, or js),
 * the target as rst_ssl builds it (a URL as is, else host:port, 443 by
 * default), the file name, note and comment, "<target>: empty response" as a
 * text attribute, the missing-key message.
 * Fixed: size-in-bytes without RST's content_length is the body's size in
 * UTF-8 bytes (upstream counts characters); vendor failures name RST Cloud,
 * the HTTP status and what it said; the scan waits `timeout` seconds but
 * never beyond the query's.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { asRecord, field, RST_NO_KEY, rstApi, rstSettings, truthy } from './_rstcloud/client.js';
import { textResult } from './_rstcloud/results.js';
import { anchorUuid, scanTarget } from './_rstcloud/target.js';

const INPUTS = ['url', 'domain', 'hostname', 'ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'hostname|port', 'domain|port'] as const;

const MESSAGES = defineMessages({
  ...RST_NO_KEY,
  noTarget: 'No target found in the request.',
  empty: '{target}: empty response',
});

/** rstapi's reading of a scan answer: JSON when it parses, the text otherwise. */
function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export default defineModule({
  name: 'rst_html',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.2',
    author: 'RST Cloud',
    description: 'Fetch rendered HTML body or extracted JavaScript for a URL/IP target via RST Scan API.',
    name: 'RST Cloud HTML Fetcher',
    requirements: ['An RST Cloud API key.'],
    features:
      'Fetches the rendered HTML body or extracted JavaScript from the target via RST Scan. Returns a file MISP object with the page ' +
      'attached and pivotable content hashes. Configurable mode: body (default) or js.',
    references: ['https://api.rstcloud.net/', 'https://pypi.org/project/rstapi/'],
    input: 'URL, domain, hostname, or IP attribute (optional port via config).',
    output: 'file MISP object (page.html or page.js) with hashes and HTTP metadata.',
  },
  config: rstSettings('api_key', 'base_url', 'mode', 'port', 'timeout'),
  attributes: { input: [...INPUTS], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = rstApi(ctx, MESSAGES, { scan: true });
    const attribute = requireAttribute(query, INPUTS);
    const target = scanTarget(query, attribute, ctx.config['port']);
    if (!target) throw MESSAGES.error('noTarget');

    const isJs = (ctx.config['mode'] ?? 'body').trim().toLowerCase() === 'js';
    const data = parseAnswer(await api.get<string>(isJs ? '/scan/html/body/js' : '/scan/html/body', { query: { target }, as: 'text' }));
    const meta = asRecord(data);
    const body = meta ? (typeof meta['body'] === 'string' ? meta['body'] : '') : typeof data === 'string' ? data : '';
    if (!body) return textResult(MESSAGES.format('empty', { target }), 'RST HTML Fetcher');

    const hashes = asRecord(meta?.['hashes']);
    const fileName = isJs ? 'page.js' : 'page.html';
    const bytes = Buffer.from(body, 'utf8');
    const note = [
      `RST ${isJs ? 'extracted JavaScript' : 'HTML body'} for ${target}`,
      truthy(meta?.['http_status']) ? `HTTP ${field(meta, 'http_status')}` : '',
      truthy(meta?.['title']) ? `title: ${field(meta, 'title')}` : '',
      truthy(meta?.['truncated']) ? '(body truncated)' : '',
    ].filter(Boolean);

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const file = result.addObject(
      'file',
      [
        { relation: 'attachment', value: fileName, data: bytes, to_ids: false },
        ['filename', fileName],
        ['mimetype', isJs ? 'application/javascript' : 'text/html'],
        ['size-in-bytes', truthy(meta?.['content_length']) ? field(meta, 'content_length') : bytes.length],
        ...(['md5', 'sha1', 'sha256'] as const).map((type) => [type, truthy(hashes?.[type]) ? field(hashes, type) : undefined] as const),
        ['text', note.join('; ')],
      ],
      { comment: 'RST HTML Fetcher' },
    );
    result.addReference(file.uuid, anchorUuid(query, attribute), 'derived-from');
    return result.toResults();
  },
});
