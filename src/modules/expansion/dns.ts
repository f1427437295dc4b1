/**
 * dns: resolves a hostname or domain to its IP addresses. Upstream returns
 * only the first A record; this returns every A and AAAA record in the same
 * result shape. Upstream's error texts are kept: "NXDOMAIN", "Timeout" (no
 * dot, unlike the server's query timeout "Timeout.") and
 * "DNS resolving error …" for anything else.
 */
import type { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { DnsError, type DnsQueryOptions } from '../../net/index.js';

const INPUTS = ['hostname', 'domain', 'domain|ip'] as const;
/** Upstream's resolver, used only when the request has no `config` at all. */
const DEFAULT_NAMESERVER = '8.8.8.8';
/** Upstream sets timeout and lifetime to 2 s: one try of 2 s per query. */
const TIMEOUT_MS = 2000;

const MESSAGES = defineMessages({
  nxdomain: 'NXDOMAIN',
  timeout: 'Timeout',
  error: 'DNS resolving error: {reason}',
  noRecord: 'DNS resolving error: {name} has no A or AAAA record.',
  noInput: 'The request has none of {inputs} as a string.',
  noName: 'The {type} attribute holds no name to resolve.',
});

/**
 * `nameserver` may list several servers (comma or space separated), each
 * `ip`, `ip:port` or `[ipv6]:port`. No config at all: upstream's 8.8.8.8,
 * unless the server has a `--dns-server` (the admin's choice wins over
 * upstream's built-in default). A config without a nameserver: the server's
 * resolvers, as upstream uses the system's.
 */
function resolverOptions(ctx: ModuleContext): DnsQueryOptions {
  if (!ctx.configProvided) return { defaultNameservers: [DEFAULT_NAMESERVER] };
  return { nameservers: (ctx.config['nameserver'] ?? '').split(/[\s,]+/).filter((s) => s !== '') };
}

/** The user-facing error for a failed lookup. */
function lookupError(error: DnsError): ModuleError {
  if (error.code === 'NXDOMAIN') return MESSAGES.error('nxdomain');
  if (error.code === 'TIMEOUT') return MESSAGES.error('timeout');
  return MESSAGES.error('error', { reason: error.message }, { cause: error });
}

export default defineModule({
  name: 'dns',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.4',
    author: 'Alexandre Dulaunoy',
    description: 'Simple DNS expansion service to resolve IP address from MISP attributes',
    name: 'DNS Resolver',
    logo: '',
    requirements: [],
    features:
      'The module takes a domain or hostname attribute as input and resolves it. Every IPv4 (A) and IPv6 (AAAA) address ' +
      'is returned; when the name cannot be resolved the reason is displayed (NXDOMAIN, Timeout, or the DNS error).\n\n' +
      'The DNS resolver to use is configurable (`nameserver`: one or more addresses, `ip` or `ip:port`, separated by commas). ' +
      'When the request carries no configuration at all, Google public DNS (8.8.8.8) is used unless the server has a ' +
      '`--dns-server`; with a configuration but no nameserver, the server\'s resolvers are used.\n\nComposite domain|ip attributes are supported (the domain part is resolved).',
    references: [],
    input: 'Domain or hostname attribute.',
    output: 'IP addresses (IPv4 and IPv6) resolving the input.',
  },
  config: {
    nameserver: { description: 'DNS server(s) to query: ip, ip:port or [ipv6]:port, comma separated. Empty: the system resolvers.' },
  },
  attributes: { input: [...INPUTS], output: ['ip-src', 'ip-dst'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, INPUTS);
    if (!input) throw MESSAGES.error('noInput', { inputs: INPUTS.join(', ') });
    const name = (input.type === 'domain|ip' ? (input.value.split('|')[0] ?? '') : input.value).trim();
    if (name === '') throw MESSAGES.error('noName', { type: input.type });

    const options = { ...resolverOptions(ctx), timeoutMs: TIMEOUT_MS, tries: 1 };
    const [v4, v6] = await Promise.allSettled([ctx.dns.resolve4(name, options), ctx.dns.resolve6(name, options)]);
    const values = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
    if (values.length > 0) {
      if (v4.status === 'rejected' || v6.status === 'rejected') {
        ctx.log.debug('one of the A/AAAA lookups failed; returning the other', { name });
      }
      return { ...legacyResults([{ types: ['ip-src', 'ip-dst'], values }]) };
    }

    // Nothing resolved: report the A lookup's failure first (upstream only asks for A).
    const failures = [v4, v6].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    for (const failure of failures) {
      if (!(failure instanceof DnsError)) throw failure;
    }
    const dnsFailures = failures as DnsError[];
    const nxdomain = dnsFailures.find((f) => f.code === 'NXDOMAIN');
    const decisive = nxdomain ?? dnsFailures.find((f) => f.code !== 'NODATA');
    if (decisive) throw lookupError(decisive);
    throw MESSAGES.error('noRecord', { name });
  },
});
