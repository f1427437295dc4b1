/**
 * Address ranges a user-supplied URL must not reach: everything that is not
 * ordinary public unicast (IANA special-purpose registries, RFC 6890 and
 * successors), plus the cloud metadata endpoints. IPv6 addresses that embed
 * an IPv4 address (mapped, compatible, translated, NAT64, 6to4, Teredo) are
 * judged by the address they embed.
 */
import { cidrContains, formatCidr, formatIp, ipv4At, parseCidr, type Cidr, type IpAddress } from './ip.js';

/** Why an address is refused. `embedded` is set when the verdict comes from an IPv4 address inside an IPv6 one. */
export interface Verdict {
  address: string;
  /** Human wording, used after "is in": "a private range", "the loopback range". */
  label: string;
  /** The special-purpose block, e.g. `10.0.0.0/8`. */
  cidr?: string;
  embedded?: { address: string; form: string };
}

interface Rule {
  label: string;
  cidr: Cidr;
}

function rules(list: Array<[string, string]>): Rule[] {
  return list.map(([text, label]) => ({ label, cidr: cidr(text) }));
}

// Order matters: the first match names the range, so narrow entries come first.
const IPV4_RULES = rules([
  ['169.254.169.254/32', 'the cloud metadata address'],
  ['100.100.100.200/32', 'the cloud metadata address'],
  ['255.255.255.255/32', 'the broadcast address'],
  ['0.0.0.0/8', 'the "this network" range'],
  ['10.0.0.0/8', 'a private range'],
  ['100.64.0.0/10', 'the carrier-grade NAT range'],
  ['127.0.0.0/8', 'the loopback range'],
  ['169.254.0.0/16', 'the link-local range'],
  ['172.16.0.0/12', 'a private range'],
  ['192.0.0.0/24', 'the IETF protocol assignments range'],
  ['192.0.2.0/24', 'a documentation range'],
  ['192.88.99.0/24', 'the 6to4 relay anycast range'],
  ['192.168.0.0/16', 'a private range'],
  ['198.18.0.0/15', 'the benchmarking range'],
  ['198.51.100.0/24', 'a documentation range'],
  ['203.0.113.0/24', 'a documentation range'],
  ['224.0.0.0/4', 'the multicast range'],
  ['240.0.0.0/4', 'a reserved range'],
]);

const IPV6_RULES = rules([
  ['::/128', 'the unspecified address'],
  ['::1/128', 'the loopback range'],
  ['fd00:ec2::254/128', 'the cloud metadata address'],
  ['64:ff9b:1::/48', 'the local-use NAT64 range'],
  ['fc00::/7', 'the unique local range'],
  ['fe80::/10', 'the link-local range'],
  ['fec0::/10', 'the deprecated site-local range'],
  ['ff00::/8', 'the multicast range'],
  ['2001:db8::/32', 'a documentation range'],
  ['3fff::/20', 'a documentation range'],
  ['2001:2::/48', 'the benchmarking range'],
  ['2001::/23', 'the IETF protocol assignments range'],
]);

const GLOBAL_UNICAST = parseCidr('2000::/3') as Cidr;

interface Embedding {
  form: string;
  cidr: Cidr;
  /** IPv4 addresses carried by the IPv6 address. */
  extract(ip: IpAddress): IpAddress[];
  /** Refused even when the embedded address is public (deprecated forms). */
  alwaysBlocked?: string;
}

const EMBEDDINGS: Embedding[] = [
  { form: 'IPv4-mapped', cidr: cidr('::ffff:0:0/96'), extract: (ip) => [ipv4At(ip, 12)] },
  { form: 'IPv4-translated', cidr: cidr('::ffff:0:0:0/96'), extract: (ip) => [ipv4At(ip, 12)] },
  {
    form: 'IPv4-compatible',
    cidr: cidr('::/96'),
    extract: (ip) => [ipv4At(ip, 12)],
    alwaysBlocked: 'the deprecated IPv4-compatible range',
  },
  { form: 'NAT64', cidr: cidr('64:ff9b::/96'), extract: (ip) => [ipv4At(ip, 12)] },
  { form: '6to4', cidr: cidr('2002::/16'), extract: (ip) => [ipv4At(ip, 2)] },
  // Teredo carries the server address in clear and the client address bit-inverted.
  { form: 'Teredo', cidr: cidr('2001::/32'), extract: (ip) => [ipv4At(ip, 4), ipv4At(ip, 12, true)] },
];

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`bad built-in CIDR ${text}`);
  return parsed;
}

function firstRule(list: Rule[], ip: IpAddress): Rule | undefined {
  return list.find((rule) => cidrContains(rule.cidr, ip));
}

/**
 * Returns why `ip` must not be fetched, or undefined when it is ordinary
 * public unicast. `allowed` ranges (admin configuration) exempt an address,
 * and an IPv6 address whose embedded IPv4 address they contain.
 */
export function classifyAddress(ip: IpAddress, allowed: readonly Cidr[] = []): Verdict | undefined {
  if (allowed.some((range) => cidrContains(range, ip))) return undefined;
  const address = formatIp(ip);
  if (ip.version === 4) {
    const rule = firstRule(IPV4_RULES, ip);
    return rule && { address, label: rule.label, cidr: formatCidr(rule.cidr) };
  }
  // :: and ::1 sit inside ::/96 but are not embeddings.
  const early = firstRule(IPV6_RULES.slice(0, 2), ip);
  if (early) return { address, label: early.label, cidr: formatCidr(early.cidr) };

  const embedding = EMBEDDINGS.find((e) => cidrContains(e.cidr, ip));
  if (embedding) {
    const inner = embedding.extract(ip);
    for (const v4 of inner) {
      if (allowed.some((range) => cidrContains(range, v4))) return undefined;
    }
    for (const v4 of inner) {
      const verdict = classifyAddress(v4);
      if (verdict) {
        return { ...verdict, address, embedded: { address: verdict.address, form: embedding.form } };
      }
    }
    if (embedding.alwaysBlocked) return { address, label: embedding.alwaysBlocked, cidr: formatCidr(embedding.cidr) };
    return undefined;
  }

  const rule = firstRule(IPV6_RULES, ip);
  if (rule) return { address, label: rule.label, cidr: formatCidr(rule.cidr) };
  if (!cidrContains(GLOBAL_UNICAST, ip)) return { address, label: 'a reserved range (outside 2000::/3)' };
  return undefined;
}

/** "10.0.0.1 is in a private range (10.0.0.0/8)"; "::ffff:7f00:1 (IPv4-mapped form of 127.0.0.1) is in the loopback range (127.0.0.0/8)". */
export function describeVerdict(verdict: Verdict): string {
  const form = verdict.embedded ? ` (${verdict.embedded.form} form of ${verdict.embedded.address})` : '';
  const cidrText = verdict.cidr ? ` (${verdict.cidr})` : '';
  const single = verdict.cidr?.endsWith('/32') === true || verdict.cidr?.endsWith('/128') === true;
  return `${verdict.address}${form} is ${single ? '' : 'in '}${verdict.label}${cidrText}`;
}
