/**
 * What apiosintds looks up: the values of the MISP attribute (both halves of
 * a domain|ip, the IP of an ip|port, the hash of a filename|hash), each
 * classified as the apiosintDS library does (its Django-derived patterns, in
 * its order: URL, IPv4, domain, hash). URLs keep their case; the rest is
 * lowercased, as the lists hold them.
 */

export type EntityKind = 'url' | 'ip' | 'domain' | 'hash';

export interface Entity {
  kind: EntityKind;
  value: string;
}

/** The attribute types upstream reads, in the order it looks for them. */
export const INPUT_TYPES = [
  'domain',
  'domain|ip',
  'hostname',
  'ip-dst',
  'ip-src',
  'ip-dst|port',
  'ip-src|port',
  'url',
  'md5',
  'sha1',
  'sha256',
  'filename|md5',
  'filename|sha1',
  'filename|sha256',
] as const;

const URL_PATTERN =
  /^(?:http|ftp)s?:\/\/(?:(?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+(?:[A-Z]{2,6}\.?|[A-Z0-9-]{2,}\.?)|localhost|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?::\d+)?(?:\/?|[/?]\S+)$/i;
const IPV4_PATTERN = /^(?:25[0-5]|2[0-4]\d|[0-1]?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|[0-1]?\d?\d)){3}$/;
const FQDN_PATTERN = /^(?=.{4,253}$)(?:(?!-)[a-zA-Z0-9-]{1,63}(?<!-)\.)+[a-zA-Z]{2,63}$/;
const HASH_PATTERN = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** The values upstream submits for an attribute of `type`. */
export function submittedValues(type: string, value: string): string[] {
  switch (type) {
    case 'domain|ip': {
      const bar = value.indexOf('|');
      return bar < 0 ? [value] : [value.slice(0, bar), value.slice(bar + 1)];
    }
    case 'ip-dst|port':
    case 'ip-src|port':
      return [value.split('|')[0]!];
    case 'filename|md5':
    case 'filename|sha1':
    case 'filename|sha256':
      // The hash is the last part (upstream took the second, wrong for a filename with a '|').
      return [value.slice(value.lastIndexOf('|') + 1)];
    default:
      return [value];
  }
}

/** A value as the library classifies it; undefined when it is none of the four kinds. */
export function classify(raw: string): Entity | undefined {
  const value = raw.trim();
  if (URL_PATTERN.test(value)) return { kind: 'url', value };
  if (IPV4_PATTERN.test(value)) return { kind: 'ip', value: value.toLowerCase() };
  if (FQDN_PATTERN.test(value)) return { kind: 'domain', value: value.toLowerCase() };
  if (HASH_PATTERN.test(value)) return { kind: 'hash', value: value.toLowerCase() };
  return undefined;
}

/** The distinct entities of the submitted values (invalid ones are left out, as upstream does). */
export function entitiesOf(values: readonly string[]): Entity[] {
  const seen = new Set<string>();
  const entities: Entity[] = [];
  for (const value of values) {
    const entity = classify(value);
    if (!entity || seen.has(`${entity.kind} ${entity.value}`)) continue;
    seen.add(`${entity.kind} ${entity.value}`);
    entities.push(entity);
  }
  return entities;
}

/**
 * The host of a URL as Python's `urlparse(url).hostname` gives it: the
 * netloc after `scheme://` without credentials, port or IPv6 brackets,
 * lowercased; undefined when there is none.
 */
export function urlHostname(url: string): string | undefined {
  const netloc = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(url)?.[1];
  if (netloc === undefined) return undefined;
  const hostPort = netloc.slice(netloc.lastIndexOf('@') + 1);
  const host = hostPort.startsWith('[') ? hostPort.slice(1, hostPort.indexOf(']') < 0 ? undefined : hostPort.indexOf(']')) : hostPort.split(':')[0]!;
  return host === '' ? undefined : host.toLowerCase();
}
