/**
 * What virustotal, virustotal_public and google_threat_intelligence share in
 * their settings: the `proxy_*` quartet (upstream's `get_proxy_settings`),
 * `event_limit`, and the messages these give.
 *
 * Upstream builds `scheme://user:pass@host:port` from `proxy_host` (its
 * scheme, `http` for https too, as vt-py's aiohttp only speaks to http
 * proxies), `proxy_port`, `proxy_username` and `proxy_password`, and hands it
 * to vt-py for every request. We build the same URL and give it to the
 * module's requests (`HttpRequestOptions.proxy`). Fixed: upstream raises a
 * bare KeyError (MISP reads "Something went wrong") when the port or the
 * password is missing, and drops a `proxy_host` written without a scheme
 * (`proxy.example` gives the URL `http://:3128`); both are now handled.
 */
import type { MessageCatalogue } from '../../../base/messages.js';
import type { ConfigSetting } from '../../../core/module.js';

type Settings = Readonly<Record<string, string | undefined>>;

/** Messages every module of the family declares (spread into its MESSAGES). */
export const VT_FAMILY_MESSAGES = {
  proxyPort: 'The {module}_proxy_host config is set, please also set the {module}_proxy_port.',
  proxyPassword: 'The {module}_proxy_username config is set, please also set the {module}_proxy_password.',
  badLimit: 'The event_limit setting must be a whole number, not "{value}".',
  notFound: '{detail}',
  unexpected: '{vendor} answered something that is not a VirusTotal {what}.',
} as const;

export type VtFamilyMessages = MessageCatalogue<keyof typeof VT_FAMILY_MESSAGES>;

const PROXY_NOTE = 'Used for this module\'s requests only (instead of the server\'s HTTP(S)_PROXY).';

/** The four proxy settings as upstream declares them. */
export const PROXY_SETTINGS = {
  proxy_host: { description: `Proxy host, e.g. http://proxy.example (with proxy_port). ${PROXY_NOTE}` },
  proxy_port: { description: 'Proxy port, e.g. 3128 (required with proxy_host).' },
  proxy_username: { description: 'Proxy user name (optional, with proxy_password).' },
  proxy_password: { description: 'Proxy password (required with proxy_username).', secret: true },
} as const satisfies Record<string, ConfigSetting>;

/** The proxy URL the settings describe, or undefined when `proxy_host` is empty. */
export function proxyFromSettings(config: Settings, module: string, messages: VtFamilyMessages): string | undefined {
  const host = config['proxy_host']?.trim();
  if (!host) return undefined;
  const port = config['proxy_port']?.trim();
  if (!port) throw messages.error('proxyPort', { module });
  const username = config['proxy_username'] ?? '';
  const password = config['proxy_password'] ?? '';
  if (username !== '' && password === '') throw messages.error('proxyPassword', { module });
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `http://${host}`;
  const scheme = withScheme.slice(0, withScheme.indexOf(':')).toLowerCase();
  // As upstream: any http(s) scheme talks to the proxy in plain http; the host is the URL's host, the port the setting's.
  const hostname = withScheme.slice(withScheme.indexOf('//') + 2).split(/[/?#]/)[0]!.replace(/^.*@/, '').replace(/:\d*$/, '');
  const auth = username === '' ? '' : `${encodeURIComponent(username)}:${encodeURIComponent(password)}@`;
  return `${scheme.includes('http') ? 'http' : scheme}://${auth}${hostname}:${port}`;
}

/** Upstream's DEFAULT_RESULTS_LIMIT: items read per relationship. */
export const DEFAULT_EVENT_LIMIT = 10;

/** `event_limit` as a count (10 when empty); a clear error for anything but a positive whole number. */
export function eventLimit(config: Settings, messages: VtFamilyMessages): number {
  const raw = config['event_limit']?.trim();
  if (!raw) return DEFAULT_EVENT_LIMIT;
  if (!/^\d+$/.test(raw)) throw messages.error('badLimit', { value: raw });
  // Upstream's `limit or DEFAULT_RESULTS_LIMIT`: 0 means the default.
  return Number(raw) === 0 ? DEFAULT_EVENT_LIMIT : Math.min(Number(raw), 1000);
}
