/**
 * What an rst_* module sends RST Cloud, read from the attribute the way
 * upstream's `value_from_request`, `host_only` and `scan_target` do:
 * - lookups (ioc, noise control, whois) send the value, without a MISP
 *   composite's `|port`;
 * - scans address a service: `host:port` (ssl, cs-beacon) or a URL (html,
 *   screenshot). The port is, most specific first: one in the value
 *   (`1.2.3.4:8443`, a URL), a `host|port` composite, a port attribute of the
 *   attribute's object when MISP sends the object, the `port` setting, 443.
 */
import type { Query } from '../../../core/module.js';
import type { InputAttribute } from '../../../core/query-helpers.js';
import { asRecord } from './client.js';

/** The attribute's value, trimmed, without a composite's `|port`. */
export function hostOnly(value: string): string {
  return value.split('|', 1)[0]!.trim();
}

export function isUrl(value: string): boolean {
  return /^https?:\/\//.test(value);
}

/** `host:port`, bracketing an IPv6 literal. */
function joinHostPort(host: string, port: string): string {
  return (host.match(/:/g)?.length ?? 0) >= 2 && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `1.2.3.4:443`, `host:443`, but not a bare IPv6 literal. */
function hasExplicitPort(host: string): boolean {
  return /:\d{1,5}$/.test(host) && (host.match(/:/g)?.length ?? 0) === 1;
}

const PORT_RELATIONS = new Set(['dst-port', 'src-port', 'port']);

/** A port attribute of the object MISP sent with the attribute (an `ip-port` object's `dst-port`). */
function siblingPort(query: Query): string | undefined {
  const attributes = asRecord(query['object'])?.['Attribute'];
  if (!Array.isArray(attributes)) return undefined;
  for (const item of attributes) {
    const attribute = asRecord(item);
    const relation = String(attribute?.['object_relation'] ?? '').toLowerCase();
    const type = String(attribute?.['type'] ?? '').toLowerCase();
    const value = attribute?.['value'];
    if ((PORT_RELATIONS.has(relation) || type === 'port') && (typeof value === 'string' || typeof value === 'number') && String(value).trim() !== '') {
      return String(value).trim();
    }
  }
  return undefined;
}

/**
 * The Scan API target for the attribute: a URL as is; otherwise `host:port`
 * or, with `asUrl`, `https://host[:port]`. Empty when the value is empty.
 */
export function scanTarget(query: Query, attribute: InputAttribute, portSetting: string | undefined, options: { asUrl?: boolean } = {}): string {
  let raw = attribute.value.trim();
  if (raw === '' || isUrl(raw)) return raw;
  let port: string | undefined;
  if (raw.includes('|')) {
    const [host, given] = [raw.slice(0, raw.indexOf('|')), raw.slice(raw.indexOf('|') + 1)];
    raw = host.trim();
    port = given.trim() || undefined;
  }
  port = port || siblingPort(query) || portSetting?.trim() || undefined;
  const explicit = hasExplicitPort(raw);
  if (options.asUrl) return `https://${explicit || !port ? raw : joinHostPort(raw, port)}`;
  if (explicit) return raw;
  return joinHostPort(raw, port ?? '443');
}

/**
 * The uuid results point to: the attribute's object when MISP sends it,
 * otherwise the attribute itself (upstream's `scan_group`).
 */
export function anchorUuid(query: Query, attribute: InputAttribute): string {
  const objectUuid = asRecord(query['object'])?.['uuid'];
  return typeof objectUuid === 'string' && objectUuid !== '' ? objectUuid : attribute.uuid;
}
