/**
 * cluster25_expand: what Cluster25 CTI knows about an indicator. Gets a token
 * (`POST <base_url>/token` with `{"client_id": api_id, "client_secret": apikey}`),
 * then `GET <base_url>/investigate?indicator=<value>` with
 * `Authorization: Bearer <token>`, and reads the answer's `data`.
 *
 * Kept from upstream: the name, the settings `api_id`, `apikey` and
 * `base_url` (the admin's Cluster25 API, reached as configured), the input
 * types, the requests, the walk over the answer (_cluster25/flatten.ts: the
 * same `c25_*` groups, relations and text as upstream) and the messages
 * "Cluster25 apikey is missing", "Cluster25 api_id is missing", "Cluster25
 * base_url is missing", "Unable to retrieve the token from C25 platform,
 * status <status>" and "Unable to retrieve investigate result for indicator
 * '<value>' from C25 platform, status <status>" (here followed by what
 * Cluster25 said, when it said something).
 * Fixed: upstream puts its values in ad-hoc objects (`c25_generic_info`,
 * `c25_<key>_<n>`…) with a random template uuid: no MISP object template
 * defines them, and MISP cannot check or render them. Each value is an
 * event-level `text` attribute here, its comment naming upstream's object and
 * relation ("c25_generic_info: score"), after the input attribute. Upstream
 * checks the settings only when a config is sent and treats an empty one as
 * given: any missing or empty setting is named. A failed token request stops
 * there (upstream sends the error as a token and fails later).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { vendorErrorDetail, type HttpResponse } from '../../net/index.js';
import { flattenInvestigation } from './_cluster25/flatten.js';

const INPUT_TYPES = [
  'domain', 'email-src', 'email-dst', 'filename', 'md5', 'sha1', 'sha256', 'ip-src', 'ip-dst', 'url', 'vulnerability', 'btc',
  'xmr', 'ja3-fingerprint-md5',
];

const MESSAGES = defineMessages({
  noKey: 'Cluster25 apikey is missing',
  noId: 'Cluster25 api_id is missing',
  noBaseUrl: 'Cluster25 base_url is missing',
  tokenFailed: 'Unable to retrieve the token from C25 platform, status {status}{said}',
  noToken: 'The C25 platform answered no token (data.token).',
  investigateFailed: "Unable to retrieve investigate result for indicator '{value}' from C25 platform, status {status}{said}",
});

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** ": <what the vendor said>" or nothing. */
function said(response: HttpResponse): string {
  const detail = vendorErrorDetail(response);
  return detail ? `: ${detail}` : '';
}

export default defineModule({
  name: 'cluster25_expand',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Milo Volpicelli',
    description: 'Module to query Cluster25 CTI.',
    name: 'Cluster25 Expand',
    logo: 'cluster25.png',
    requirements: ['A Cluster25 API access (API id & key)'],
    features:
      'This module takes a MISP attribute value as input to query the Cluster25CTI API. The result is then mapped' +
      ' into compatible MISP Objects and relative attributes.\n',
    references: [''],
    input:
      'An Indicator value of type included in the following list:\n- domain\n- email-src\n- email-dst\n- filename\n-' +
      ' md5\n- sha1\n- sha256\n- ip-src\n- ip-dst\n- url\n- vulnerability\n- btc\n- xmr\n ja3-fingerprint-md5',
    output: 'A series of c25 MISP Objects with colletion of attributes mapped from Cluster25 CTI query result.',
  },
  config: {
    api_id: { description: 'Cluster25 API client id' },
    apikey: { description: 'Cluster25 API client secret', secret: true },
    base_url: { description: 'Cluster25 API base URL (e.g. https://api.intelligence.cluster25.io/api/v1)' },
  },
  attributes: { input: INPUT_TYPES, format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const { api_id: clientId, apikey: clientSecret, base_url: configured } = ctx.config;
    if (!clientSecret) throw MESSAGES.error('noKey');
    if (!clientId) throw MESSAGES.error('noId');
    if (!configured) throw MESSAGES.error('noBaseUrl');
    const attribute = requireAttribute(query, INPUT_TYPES);
    const base = configured.trim().replace(/\/+$/, '');
    const service = 'Cluster25';

    const tokenResponse = await ctx.http.request(`${base}/token`, {
      method: 'POST',
      json: { client_id: clientId, client_secret: clientSecret },
      service,
    });
    if (tokenResponse.status !== 200) throw MESSAGES.error('tokenFailed', { status: tokenResponse.status, said: said(tokenResponse) });
    const tokenAnswer = tokenResponse.json<unknown>();
    const token = isObject(tokenAnswer) && isObject(tokenAnswer['data']) ? tokenAnswer['data']['token'] : undefined;
    if (typeof token !== 'string' || token === '') throw MESSAGES.error('noToken');

    const found = await ctx.http.request(`${base}/investigate`, {
      query: { indicator: attribute.value },
      headers: { Authorization: `Bearer ${token}` },
      service,
    });
    if (found.status !== 200) {
      throw MESSAGES.error('investigateFailed', { value: attribute.value, status: found.status, said: said(found) });
    }
    const answer = found.json<unknown>();
    const data = isObject(answer) && isObject(answer['data']) ? answer['data'] : {};

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    for (const { object, relation, value } of flattenInvestigation(data)) {
      result.addAttribute({ type: 'text', value, comment: `${object}: ${relation}` });
    }
    return result.toResults();
  },
});
