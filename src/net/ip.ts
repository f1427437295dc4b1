/**
 * IP addresses as bytes, and CIDR ranges over them.
 *
 * We work on bytes rather than on ipaddr.js objects because ipaddr.js parses
 * `::1.2.3.4` (IPv4-compatible, ::/96) as if it were `::ffff:1.2.3.4`
 * (IPv4-mapped); the URL guard must tell the two apart.
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface IpAddress {
  version: 4 | 6;
  bytes: Uint8Array;
}

export interface Cidr {
  address: IpAddress;
  prefix: number;
}

/** Parses a strict IPv4 dotted quad or an IPv6 address (brackets and zone id allowed). */
export function parseIp(text: string): IpAddress | undefined {
  let value = text.trim();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  const zone = value.indexOf('%');
  if (zone >= 0) value = value.slice(0, zone);
  if (isIPv4(value)) {
    return { version: 4, bytes: Uint8Array.from(value.split('.').map(Number)) };
  }
  if (isIPv6(value)) return { version: 6, bytes: ipv6Bytes(value) };
  return undefined;
}

function ipv6Bytes(value: string): Uint8Array {
  // Replace a trailing dotted quad by two hex groups so only one grammar remains.
  let text = value;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a, b, c, d] = dotted[1].split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(zeros).fill('0'), ...tailGroups];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const n = parseInt(group, 16);
    bytes[i * 2] = n >> 8;
    bytes[i * 2 + 1] = n & 0xff;
  });
  return bytes;
}

/** The reverse-lookup name: `4.3.2.1.in-addr.arpa`, or the nibbles of an IPv6 address under `ip6.arpa`. */
export function reverseName(ip: IpAddress): string {
  if (ip.version === 4) return `${[...ip.bytes].reverse().join('.')}.in-addr.arpa`;
  const nibbles = [...ip.bytes].flatMap((byte) => [(byte >> 4).toString(16), (byte & 0x0f).toString(16)]);
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return Array.from(ip.bytes).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i] ?? 0) << 8) | (ip.bytes[i + 1] ?? 0));
  // RFC 5952: compress the longest run (length >= 2) of zero groups.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** `10.0.0.0/8`, `fc00::/7`, or a bare address (a /32 or /128). Undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const slash = trimmed.lastIndexOf('/');
  const address = parseIp(slash >= 0 ? trimmed.slice(0, slash) : trimmed);
  if (!address) return undefined;
  const max = address.version === 4 ? 32 : 128;
  if (slash < 0) return { address, prefix: max };
  const prefixText = trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > max) return undefined;
  return { address, prefix };
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.address.version !== ip.version) return false;
  let bits = cidr.prefix;
  for (let i = 0; bits > 0; i += 1, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((cidr.address.bytes[i] ?? 0) & mask) !== ((ip.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.address)}/${cidr.prefix}`;
}

/** The IPv4 address held in four bytes of an IPv6 address, optionally bit-inverted (Teredo). */
export function ipv4At(ip: IpAddress, offset: number, invert = false): IpAddress {
  const bytes = ip.bytes.slice(offset, offset + 4);
  return { version: 4, bytes: invert ? bytes.map((b) => ~b & 0xff) : bytes };
}
