/**
 * rst_favicon: a site's favicon and its hashes, fetched by RST Cloud's Scan
 * API (`GET {base_url}/scan/favicon?target=…&base64=true`, rstapi's
 * `scan.GetFavicon(include_base64=True)`, key in `X-Api-Key`): a `file`
 * object (file name from the resolved favicon URL, MIME type, md5/sha1/sha256
 * for Censys/Netlas pivots, the image attached) that identifies the input, a
 * `link` to where the image lives, and the Murmur3 favicon hash as an `other`
 * attribute tagged `rstcloud:favicon:hash="…"` (Shodan/FOFA pivots).
 *
 * Kept from upstream: name, inputs, settings, the target (a URL as is, else
 * the bare host: never host:port, which the endpoint refuses), every field and
 * comment above, "<target>: no favicon returned" as a text attribute, the
 * missing-key message.
 * Fixed: vendor failures name RST Cloud, the HTTP status and what it said; the
 * scan waits `timeout` seconds but never beyond the query's.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { asRecord, decodeBase64Loosely, field, RST_NO_KEY, rstApi, rstSettings, truthy } from './_rstcloud/client.js';
import { textResult } from './_rstcloud/results.js';
import { anchorUuid, hostOnly, isUrl } from './_rstcloud/target.js';

const INPUTS = ['url', 'domain', 'hostname', 'ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'hostname|port', 'domain|port'] as const;

const MESSAGES = defineMessages({
  ...RST_NO_KEY,
  noTarget: 'No target found in the request.',
  noFavicon: '{target}: no favicon returned',
  hashComment: 'Murmur3 favicon hash for {target} (Shodan/FOFA pivot)',
});

const COMMENT = 'RST Favicon';

/** The file name at the end of the resolved favicon URL (`drive_2026_32dp.ico`), else favicon.ico. */
function fileName(location: string): string {
  const last = location.replace(/\/+$/, '').split('/').pop()?.split('?')[0] ?? '';
  return last.includes('.') ? last : 'favicon.ico';
}

export default defineModule({
  name: 'rst_favicon',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.3',
    author: 'RST Cloud',
    description: "Fetch a target's favicon (image + all hashes for Shodan/Netlas/Censys pivoting) via RST Scan API.",
    name: 'RST Cloud Favicon',
    requirements: ['An RST Cloud API key.'],
    features:
      'Retrieves the favicon image and cryptographic hashes via RST Scan GET /scan/favicon. Returns a file MISP object with ' +
      'MD5/SHA-1/SHA-256 for Censys/Netlas pivoting and a standalone Murmur3 favicon-hash attribute for Shodan/FOFA-style pivoting.',
    references: ['https://api.rstcloud.net/', 'https://pypi.org/project/rstapi/'],
    input: 'URL, domain, hostname, or IP attribute.',
    output: 'file MISP object, favicon-hash attribute, and resolved favicon URL.',
  },
  config: rstSettings('api_key', 'base_url', 'timeout'),
  attributes: { input: [...INPUTS], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = rstApi(ctx, MESSAGES, { scan: true });
    const attribute = requireAttribute(query, INPUTS);
    const raw = attribute.value.trim();
    const target = isUrl(raw) ? raw : hostOnly(raw);
    if (!target) throw MESSAGES.error('noTarget');

    const data = asRecord(await api.get('/scan/favicon', { query: { target, base64: 'true' } }));
    if (!data || !truthy(data['favicon_hash'])) return textResult(MESSAGES.format('noFavicon', { target }), COMMENT);

    const faviconHash = field(data, 'favicon_hash');
    const location = truthy(data['req_location']) ? field(data, 'req_location') : '';
    const name = location ? fileName(location) : 'favicon.ico';
    const image = decodeBase64Loosely(data['base64_image']);

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const file = result.addObject(
      'file',
      [
        ['filename', name],
        ['mimetype', truthy(data['req_content_type']) ? field(data, 'req_content_type') : 'image/x-icon'],
        ['md5', truthy(data['md5']) ? field(data, 'md5') : undefined],
        ['sha1', truthy(data['sha1']) ? field(data, 'sha1') : undefined],
        ['sha256', truthy(data['sha256']) ? field(data, 'sha256') : undefined],
        ...(image ? [{ relation: 'attachment' as const, value: name, data: image }] : []),
      ],
      { comment: COMMENT },
    );
    result.addReference(file.uuid, anchorUuid(query, attribute), 'identifies');
    if (location) result.addAttribute({ type: 'link', value: location, comment: `${COMMENT} resolved URL`, to_ids: false });
    result.addAttribute({
      type: 'other',
      value: faviconHash,
      comment: MESSAGES.format('hashComment', { target }),
      to_ids: false,
      tags: [`rstcloud:favicon:hash="${faviconHash}"`],
    });
    return result.toResults();
  },
});
