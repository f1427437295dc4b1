/**
 * vysion: what Byron Labs' Vysion dark-web index holds about an attribute,
 * asked as the vysion-py SDK does (`https://api.vysion.ai/api/v2/…` with
 * `X-API-KEY`, `x-tool: MISPModuleVysionExpansion`, page=1, page_size):
 * emails at `document/email/{email}`, domains and URLs at
 * `document/url/{url}`, wallets at `document/wallet/{BTC|XMR|DASH}/{address}`,
 * text, organisations and phone numbers at `document/search?q=`.
 *
 * Kept from upstream: the name, the input types, the config names
 * (`apikey`, `event_limit`, `proxy_*`), "A Vysion api key is required for this
 * module.", and what the SDK's MISP processor makes of each hit: the page
 * (id, URL, network, title, app link) related to the input with
 * `associated-to`, the page's domain, emails, BTC/XMR addresses and tags.
 * Fixed: the SDK's `vysion-page` object exists in no MISP template: each page
 * is a `url` object (url, host, scheme, port, title as text, detection date
 * as first-seen) whose comment names the Vysion page id and network, and the
 * app link (https://app.vysion.ai/document/<id>) is a `link` attribute.
 * Ethereum, Polkadot, Ripple and Zcash addresses have no MISP type (upstream
 * sends types MISP refuses, and Ripple's with the Monero value): they are
 * text attributes saying which chain. Hostnames (accepted, but upstream
 * answers nothing) are looked up like domains. Values are not repeated.
 * `event_limit` (declared, never read upstream) is the page size (default 10).
 * The proxy settings are accepted and ignored: the server's own proxy
 * settings apply to every module. An API error (which upstream turns into a
 * crash message) names Vysion, the HTTP status and its message.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import type { AttributeType } from '../../misp/attribute-types.js';

const INPUT_TYPES = ['email', 'domain', 'hostname', 'url', 'text', 'btc', 'phone-number', 'target-org', 'xmr', 'dash'] as const;
const DEFAULT_PAGE_SIZE = 10;
const APP_DOCUMENT = 'https://app.vysion.ai/document/';
const PROXY_NOTE = 'Kept for compatibility and ignored: the server uses its own proxy settings (HTTP_PROXY / HTTPS_PROXY).';

const MESSAGES = defineMessages({
  noKey: 'A Vysion api key is required for this module.',
  badLimit: 'event_limit must be a whole number between 1 and 100.',
});

interface VysionUrl {
  url?: string;
  networkProtocol?: string;
  domainName?: string;
  port?: number | string;
  path?: string;
  network?: string;
}

interface DocumentHit {
  page?: { id?: string; url?: VysionUrl; pageTitle?: string; detectionDate?: string };
  tag?: Array<{ namespace?: string; predicate?: string; value?: string | null }>;
  [list: string]: unknown;
}

/** Address lists of a hit: MISP type, or text with the chain's name. */
const ADDRESS_LISTS: ReadonlyArray<[string, AttributeType, string | undefined]> = [
  ['email', 'email', undefined],
  ['bitcoin_address', 'btc', undefined],
  ['monero_address', 'xmr', undefined],
  ['ethereum_address', 'text', 'Ethereum address'],
  ['polkadot_address', 'text', 'Polkadot address'],
  ['ripple_address', 'text', 'Ripple address'],
  ['zcash_address', 'text', 'Zcash address'],
];

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** Python's `quote(value, safe="")`: every byte but letters, digits and `_.-~` escaped. */
const quoteAll = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The SDK's `URL.build()`, without the scheme's default port. */
export function buildUrl(url: VysionUrl): string | undefined {
  const domain = text(url.domainName);
  if (!domain) return text(url.url);
  const scheme = text(url.networkProtocol) ?? 'http';
  const port = url.port === undefined ? undefined : Number(url.port);
  const defaultPort = scheme === 'https' ? 443 : 80;
  const portPart = port !== undefined && Number.isInteger(port) && port !== defaultPort ? `:${port}` : '';
  return `${scheme}://${domain}${portPart}${text(url.path) ?? ''}`;
}

/** The SDK path for an attribute. */
function lookupPath(type: string, value: string): { path: string; query?: Record<string, string> } {
  switch (type) {
    case 'email':
      return { path: `/document/email/${quoteAll(value)}` };
    case 'domain':
    case 'hostname':
    case 'url':
      return { path: `/document/url/${quoteAll(value)}` };
    case 'btc':
    case 'xmr':
    case 'dash':
      return { path: `/document/wallet/${type.toUpperCase()}/${quoteAll(value)}` };
    default:
      return { path: '/document/search', query: { q: value } };
  }
}

export default defineModule({
  name: 'vysion',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '1',
    author: 'Byron Labs',
    description: 'Module to enrich the information by making use of the Vysion API.',
    name: 'Vysion Enrich',
    logo: 'vysion.png',
    requirements: ['Vysion API Key'],
    features:
      "This module gets correlated information from Byron Labs' dark web intelligence database. With this you will get several objects " +
      'containing information related to, for example, an organization victim of a ransomware attack.',
    references: ['https://vysion.ai/', 'https://developers.vysion.ai/', 'https://github.com/ByronLabs/vysion-cti/tree/main'],
    input: 'company(target-org), country, info, BTC, XMR and DASH address.',
    output: 'MISP objects containing title, link to our webapp and TOR, i2p or clearnet URLs.',
  },
  config: {
    apikey: { description: 'Vysion API key', secret: true },
    event_limit: { description: 'How many documents to ask for (page size, default 10)' },
    proxy_host: { description: PROXY_NOTE },
    proxy_port: { description: PROXY_NOTE },
    proxy_username: { description: PROXY_NOTE },
    proxy_password: { description: PROXY_NOTE, secret: true },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'Vysion',
      baseUrl: 'https://api.vysion.ai/api/v2',
      auth: { in: 'header', header: 'X-API-KEY', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
      headers: { 'x-tool': 'MISPModuleVysionExpansion' },
    });
    api.requireKey();
    const attribute = requireAttribute(query, INPUT_TYPES);
    const limitSetting = ctx.config['event_limit']?.trim();
    const pageSize = limitSetting ? Number(limitSetting) : DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw MESSAGES.error('badLimit');

    const value = attribute.value.trim();
    const { path, query: search } = lookupPath(attribute.type, value);
    const answer = await api.get<{ data?: { hits?: DocumentHit[] } }>(path, { query: { ...search, page: 1, page_size: pageSize } });
    const hits = Array.isArray(answer?.data?.hits) ? answer.data.hits.filter((h): h is DocumentHit => typeof h === 'object' && h !== null) : [];

    const result = new MispResultBuilder();
    const seen = new Set<string>();
    const addOnce = (type: AttributeType, attributeValue: string | undefined, comment?: string) => {
      if (!attributeValue || seen.has(`${type}|${attributeValue}`)) return;
      seen.add(`${type}|${attributeValue}`);
      result.addAttribute({ type, value: attributeValue, ...(comment && { comment }) });
    };
    for (const hit of hits) {
      const page = typeof hit.page === 'object' && hit.page !== null ? hit.page : {};
      const url = typeof page.url === 'object' && page.url !== null ? page.url : {};
      const pageUrl = buildUrl(url);
      const id = text(page.id);
      if (pageUrl) {
        const port = Number(url.port);
        const object = result.addObject(
          'url',
          [
            ['url', pageUrl],
            ['host', text(url.domainName)],
            ['scheme', text(url.networkProtocol)],
            ['port', Number.isInteger(port) && port > 0 ? port : undefined],
            ['text', text(page.pageTitle)],
            ['first-seen', text(page.detectionDate)],
          ],
          { comment: `Vysion page${id ? ` ${id}` : ''}${text(url.network) ? ` (${text(url.network)})` : ''}` },
        );
        result.addReference(object.uuid, attribute.uuid, 'associated-to');
      }
      if (id) addOnce('link', APP_DOCUMENT + encodeURIComponent(id), 'Vysion document');
      addOnce('domain', text(url.domainName));
      for (const [field, type, chain] of ADDRESS_LISTS) {
        const items = Array.isArray(hit[field]) ? (hit[field] as unknown[]) : [];
        for (const item of items) addOnce(type, text(typeof item === 'object' && item !== null ? (item as { value?: unknown }).value : undefined), chain);
      }
      for (const tag of Array.isArray(hit.tag) ? hit.tag : []) {
        const namespace = text(tag?.namespace);
        const predicate = text(tag?.predicate);
        if (namespace && predicate) result.addTag(`${namespace}:${predicate}="${tag.value ?? ''}"`);
      }
    }
    return result.toResults();
  },
});
