/**
 * Public IP addresses and host names from Received headers (PyMISP
 * EMailObject.process_received_header), each once, with the header as comment.
 */
import ipaddr from 'ipaddr.js';

export interface ReceivedFinding {
  relation: 'received-header-ip' | 'received-header-hostname';
  value: string;
  comment: string;
}

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const V4 = `${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}`;
const FROM_RE = /from\s+([\w.-]+)(?:\s+\(([^)]+)\))?/g;
const IPV4_RE = new RegExp(`\\[(${V4})\\]|\\((${V4})\\)|(?<=\\.\\s)(${V4})\\b`, 'g');
const IPV6_RE = /\b(?:[a-fA-F0-9]{1,4}:[a-fA-F0-9]{1,4}(?::[a-fA-F0-9]{1,4}){0,6})\b/g;

// Python's ipaddress is_private networks (3.13).
const PRIVATE_V4 = ['0.0.0.0/8', '10.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.0.2.0/24',
  '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4', '255.255.255.255/32'];
const PRIVATE_V4_EXCEPT = ['192.0.0.9/32', '192.0.0.10/32'];
const PRIVATE_V6 = ['::1/128', '::/128', '::ffff:0:0/96', '64:ff9b:1::/48', '100::/64', '2001::/23', '2001:db8::/32', '2002::/16', 'fc00::/7', 'fe80::/10'];
const PRIVATE_V6_EXCEPT = ['2001:1::1/128', '2001:1::2/128', '2001:3::/32', '2001:4:112::/48', '2001:20::/28', '2001:30::/28'];

const inAny = (ip: ipaddr.IPv4 | ipaddr.IPv6, ranges: readonly string[]): boolean =>
  ranges.some((cidr) => {
    const [range, bits] = ipaddr.parseCIDR(cidr);
    return ip.kind() === range.kind() && ip.match(range, bits);
  });

/** Python's ipaddress.ip_address(): strict dotted IPv4 (no leading zeros) or IPv6. */
export function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(text)) {
    if (text.split('.').some((p) => (p.length > 1 && p.startsWith('0')) || Number(p) > 255)) return undefined;
    return ipaddr.IPv4.parse(text);
  }
  if (text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

export function isPrivateIp(ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return ip.kind() === 'ipv4' ? inAny(ip, PRIVATE_V4) && !inAny(ip, PRIVATE_V4_EXCEPT) : inAny(ip, PRIVATE_V6) && !inAny(ip, PRIVATE_V6_EXCEPT);
}

export function receivedFindings(headers: readonly string[]): ReceivedFinding[] {
  const findings: ReceivedFinding[] = [];
  const seen = new Set<string>();
  const add = (relation: ReceivedFinding['relation'], value: string, comment: string): void => {
    const key = `${relation}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ relation, value, comment });
  };
  const addIp = (candidate: string, received: string): void => {
    const ip = parseIp(candidate);
    if (ip && !isPrivateIp(ip)) add('received-header-ip', candidate, received);
  };
  const addHost = (host: string, received: string): void => {
    const labels = host.split('.');
    if (host.includes('.') && !host.endsWith('.') && labels[labels.length - 1]!.length > 1) add('received-header-hostname', host, received);
  };
  const addEither = (value: string, received: string): void => {
    if (parseIp(value)) addIp(value, received);
    else addHost(value, received);
  };
  for (const received of headers) {
    for (const m of received.matchAll(FROM_RE)) {
      const declared = m[1]?.trim();
      const reverse = m[2] ? (m[2].split(/\s+/).filter(Boolean)[0] ?? '').replace(/^[[\]()]+|[[\]()]+$/g, '').replace(/\.+$/, '') : undefined;
      if (declared) addEither(declared, received);
      if (reverse) addEither(reverse, received);
    }
    for (const m of received.matchAll(IPV4_RE)) {
      const candidate = m[1] || m[2] || m[3];
      if (candidate) addIp(candidate, received);
    }
    for (const m of received.matchAll(IPV6_RE)) addIp(m[0], received);
  }
  return findings;
}
