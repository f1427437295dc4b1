/**
 * eupi: what Phishing Initiative knows about a URL, domain or hostname.
 * As the `pyeupi` library does, with `Authorization: Token <apikey>` and
 * `Accept: application/json` on the configured `url`'s site: an expansion
 * (the query has `event_id`) searches `GET /api/v1/urls/?page_size=50&url=<value>`
 * and gives " <url> <domain> <ip_address> " for each result tagged
 * "phishing"; a hover looks up `GET /api/v1/urls/lookup/?url=<value>` and
 * gives the first result's tag label ("Phishing", "Clean", "Unknown").
 *
 * Kept from upstream: the name, the settings `apikey` and `url` (the
 * Phishing Initiative site chosen by the admin, reached as configured; as
 * pyeupi joins an absolute path, only its scheme, host and port count), the
 * input keys in upstream's order (hostname, domain, url), the requests, the
 * freetext results (a bare string, as upstream sends; an expansion with no
 * result gives an empty one) and the messages "EUPI authentication is
 * missing", "Unknown in the EUPI service", "Error in EUPI lookup".
 * Fixed: upstream only refuses a request without any config (its check
 * reads `not config and not (apikey and url)`) and then crashes on an empty
 * `apikey` or `url`: either empty is "EUPI authentication is missing". A
 * refused key or an HTTP failure names Phishing Initiative, the status and
 * what it said (pyeupi turns every non-JSON answer into "Probably
 * unauthorized key" and upstream then answers an empty result).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { legacyResults } from '../../misp/legacy-result.js';

const INPUT_TYPES = ['hostname', 'domain', 'url'];

const MESSAGES = defineMessages({
  noAuth: 'EUPI authentication is missing',
  badUrl: 'The EUPI url setting is not an http(s) URL: {url}',
  unknown: 'Unknown in the EUPI service',
  lookupError: 'Error in EUPI lookup',
});

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Python's `str()` of a JSON scalar. */
const pyStr = (value: unknown): string =>
  value === null || value === undefined ? 'None' : typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);

/** Python's `str.title()` for the tag labels. */
const title = (text: string): string => text.toLowerCase().replace(/(^|[^a-z])([a-z])/g, (_m, before: string, letter: string) => before + letter.toUpperCase());

/** pyeupi's answer: a JSON list becomes `{results: list}`. */
async function eupiGet(api: VendorApi, path: string, query: Record<string, string | number>): Promise<Json> {
  const answer = await api.get<unknown>(path, { query });
  if (Array.isArray(answer)) return { results: answer, count: answer.length };
  return isObject(answer) ? answer : {};
}

/** The configured site: scheme, host and port (pyeupi's `urljoin` with an absolute path drops the rest). */
function siteOf(setting: string): string {
  let url: URL;
  try {
    url = new URL(setting.trim());
  } catch {
    throw MESSAGES.error('badUrl', { url: setting });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw MESSAGES.error('badUrl', { url: setting });
  return url.origin;
}

export default defineModule({
  name: 'eupi',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Raphaël Vinot',
    description: 'A module to query the Phishing Initiative service (https://phishing-initiative.lu).',
    name: 'EUPI Lookup',
    logo: 'eupi.png',
    requirements: ['An access to the Phishing Initiative API (apikey & url)'],
    features:
      'This module takes a domain, hostname or url MISP attribute as input to query the Phishing Initiative API. The' +
      ' API returns then the result of the query with some information about the value queried.\n\nPlease note that' +
      ' composite attributes containing domain or hostname are also supported.',
    references: ['https://phishing-initiative.eu/?lang=en'],
    input: 'A domain, hostname or url MISP attribute.',
    output: 'Text containing information about the input, resulting from the query on Phishing Initiative.',
  },
  config: {
    apikey: { description: 'Phishing Initiative API token', secret: true },
    url: { description: 'Phishing Initiative site, e.g. https://phishing-initiative.eu (its path is ignored, as pyeupi does)' },
  },
  attributes: { input: INPUT_TYPES, output: ['freetext'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const value = findLegacyInput(query, INPUT_TYPES)!.value;
    const site = ctx.config['url'];
    if (!ctx.config['apikey'] || !site) throw MESSAGES.error('noAuth');
    const api = ctx.vendor({
      name: 'Phishing Initiative',
      baseUrl: siteOf(site),
      auth: { in: 'header', header: 'Authorization', prefix: 'Token ', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noAuth'),
      headers: { Accept: 'application/json' },
    });

    if ('event_id' in query) {
      const found = await eupiGet(api, '/api/v1/urls/', { page_size: 50, url: value });
      const results = Array.isArray(found['results']) ? found['results'] : [];
      if (results.length === 0) return legacyResults([{ types: ['freetext'], values: '' }]);
      let text = '';
      for (const entry of results.filter(isObject)) {
        if (entry['tag_label'] !== 'phishing') continue;
        text += ` ${pyStr(entry['url'])} ${pyStr(entry['domain'])} ${pyStr(entry['ip_address'])} `;
      }
      if (text === '') throw MESSAGES.error('unknown');
      return legacyResults([{ types: ['freetext'], values: text }]);
    }

    const found = await eupiGet(api, '/api/v1/urls/lookup/', { url: value });
    const first = Array.isArray(found['results']) ? found['results'][0] : undefined;
    if (!isObject(first) || typeof first['tag_label'] !== 'string') throw MESSAGES.error('lookupError');
    return legacyResults([{ types: ['freetext'], values: title(first['tag_label']) }]);
  },
});
