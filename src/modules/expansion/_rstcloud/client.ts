/**
 * What the eight rst_* modules share (upstream's `_rstcloud/client.py` on the
 * `rstapi` library): RST Cloud's API at https://api.rstcloud.net/v1 (setting
 * `base_url` for another one), the key in an `X-Api-Key` header (setting
 * `api_key`), `Accept: *\/*`, and upstream's exact missing-key message.
 *
 * The Scan endpoints (ssl, html, favicon, screenshot, cs-beacon) make RST
 * Cloud connect to the target while we wait: upstream gives them a longer
 * read timeout (setting `timeout`, seconds, default 60); we do the same within
 * the query's own timeout.
 */
import type { MessageCatalogue } from '../../../base/messages.js';
import type { ConfigSetting, ModuleContext } from '../../../core/module.js';
import type { VendorApi } from '../../../core/vendor-api.js';

/** The service as every message names it. */
export const RST_CLOUD = 'RST Cloud';

export const DEFAULT_BASE_URL = 'https://api.rstcloud.net/v1';

/** Upstream's text for an empty `api_key`, kept verbatim (upstream's tests assert it). */
export const RST_NO_KEY = {
  noKey: 'An RST Cloud API key is required (set api_key in the module config).',
} as const;

/** Every setting an rst_* module declares, as upstream names it; each module lists its own, in upstream's order. */
export const RST_SETTINGS = {
  api_key: { description: 'Your RST Cloud API key, sent in the X-Api-Key header.', secret: true },
  base_url: { description: `RST Cloud API base URL (default ${DEFAULT_BASE_URL}).` },
  port: { description: 'Port of the service to scan when the attribute carries none (default 443).' },
  timeout: { description: 'Seconds to wait for a scan (RST Cloud connects to the target meanwhile; default 60), within the query timeout.' },
  mode: { description: '"body" (default) fetches the rendered HTML, "js" the JavaScript extracted from the page.' },
  frame: { description: 'Which screenshot: "first", "full" (default) or "last".' },
  misp_url: {
    description:
      'Accepted and ignored: upstream uses it (with misp_key) to write tags and sightings back onto the attribute through the MISP API ' +
      'and to look up RST galaxy clusters; this server only returns the enrichment, with built-in galaxy tags.',
  },
  misp_key: { description: 'Accepted and ignored (see misp_url).', secret: true },
  misp_verifycert: { description: 'Accepted and ignored (see misp_url).' },
} as const satisfies Record<string, ConfigSetting>;

export type RstSetting = keyof typeof RST_SETTINGS;

/** The settings of one module, in upstream's `moduleconfig` order. */
export function rstSettings(...names: RstSetting[]): Record<string, ConfigSetting> {
  return Object.fromEntries(names.map((name) => [name, RST_SETTINGS[name]]));
}

/** `base_url` without a trailing slash, or RST Cloud's own. */
export function rstBaseUrl(ctx: ModuleContext): string {
  return (ctx.config['base_url']?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** Upstream's scan read timeout: `timeout` seconds (at least 1), 60 when unset or not a number. */
export function scanTimeoutMs(ctx: ModuleContext): number {
  const setting = ctx.config['timeout']?.trim() ?? '';
  return (/^[+-]?\d+$/.test(setting) ? Math.max(1, Number(setting)) : 60) * 1000;
}

/**
 * The RST Cloud client; `messages` is the module's catalogue (it declares
 * `noKey` from RST_NO_KEY). A scan client waits `timeout` seconds for answers.
 * The key is checked at once, before anything else is read, as upstream does.
 */
export function rstApi(ctx: ModuleContext, messages: MessageCatalogue<'noKey'>, options: { scan?: boolean } = {}): VendorApi {
  const api = ctx.vendor({
    name: RST_CLOUD,
    baseUrl: rstBaseUrl(ctx),
    auth: { in: 'header', header: 'X-Api-Key', setting: 'api_key' },
    missingKey: () => messages.error('noKey'),
    headers: { Accept: '*/*' },
    ...(options.scan ? { defaults: { timeoutMs: scanTimeoutMs(ctx) } } : {}),
  });
  api.requireKey();
  return api;
}

/** An answer that is a JSON object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Python's truthiness of a JSON value (upstream tests fields with `if data.get(...)`). */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** A field as text (numbers and booleans written out), '' when absent, null or not scalar. */
export function field(record: Record<string, unknown> | undefined, name: string): string {
  const value = record?.[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return '';
}

/** A field that should be a list of strings: its strings (numbers written out). */
export function stringList(record: Record<string, unknown> | undefined, name: string): string[] {
  const value = record?.[name];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => (typeof item === 'string' ? [item] : typeof item === 'number' ? [String(item)] : []));
}

/**
 * Python's `base64.b64decode(text)`: characters outside the alphabet are
 * ignored, wrong padding fails. Undefined when it fails or gives nothing.
 */
export function decodeBase64Loosely(value: unknown): Buffer | undefined {
  if (typeof value !== 'string') return undefined;
  const cleaned = value.replace(/[^A-Za-z0-9+/=]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(cleaned) || cleaned.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(cleaned, 'base64');
  return bytes.length > 0 ? bytes : undefined;
}
