/**
 * reversedns: the host name an IP address points back to (its first PTR
 * record), through `ctx.dns` (2 s, one try, as upstream).
 *
 * Kept from upstream: the name, the inputs (ip-dst, then ip-src, then `ip`,
 * then the IP part of domain|ip), the `nameserver` setting, the resolver
 * choice (a request without a config, or with an empty one, asks Google
 * public DNS 8.8.8.8; a config without nameserver asks the system's), the
 * answer (the first PTR, no trailing dot) and the errors "NXDOMAIN" and
 * "Timeout".
 * Fixed: the server's `--dns-server`, when set, replaces upstream's built-in
 * 8.8.8.8 (a configured `nameserver` still wins); "DNS resolving error" says
 * what went wrong; a value that is no IP address is a clear error (upstream
 * crashes); `nameserver` may also be `ip:port` or `[ipv6]:port`.
 */
import { isIP } from 'node:net';
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { DnsError, type DnsQueryOptions } from '../../net/index.js';

/** In upstream's order of preference; `ip` is read though not declared. */
const KEYS = ['ip-dst', 'ip-src', 'ip', 'domain|ip'] as const;
const UPSTREAM_NAMESERVER = '8.8.8.8';
/** Upstream: timeout = lifetime = 2 s. */
const LOOKUP = { timeoutMs: 2000, tries: 1 } as const;

const MESSAGES = defineMessages({
  noInput: 'The request has none of ip-dst, ip-src, ip or domain|ip as a string.',
  notAnIp: '{value} is not an IP address.',
  nxdomain: 'NXDOMAIN',
  timeout: 'Timeout',
  failed: 'DNS resolving error: {reason}',
});

/** Upstream tests `if request.get("config")`: an absent or empty config means 8.8.8.8. */
function resolverOptions(query: Record<string, unknown>, ctx: ModuleContext): DnsQueryOptions {
  const config = query['config'];
  const hasConfig = ctx.configProvided && typeof config === 'object' && config !== null && Object.keys(config).length > 0;
  if (!hasConfig) return { defaultNameservers: [UPSTREAM_NAMESERVER] };
  const nameserver = ctx.config['nameserver']?.trim();
  return nameserver ? { nameservers: [nameserver] } : {};
}

export default defineModule({
  name: 'reversedns',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Andreas Muehlemann',
    description: 'Simple Reverse DNS expansion service to resolve reverse DNS from MISP attributes.',
    name: 'Reverse DNS',
    logo: '',
    requirements: [],
    features:
      'The module takes an IP address as input and tries to find the hostname this IP address is resolved into.\n\n' +
      'The address of the DNS resolver to use is also configurable, but if no configuration is set, we use the Google public ' +
      'DNS address (8.8.8.8), or the server\'s --dns-server when it has one.\n\nPlease note that composite MISP attributes ' +
      'containing IP addresses are supported as well.',
    references: [],
    input: 'An IP address attribute.',
    output: 'Hostname attribute the input is resolved into.',
  },
  config: {
    nameserver: { description: 'DNS server to ask: ip, ip:port or [ipv6]:port. Empty: the server\'s resolver (--dns-server, else the system\'s).' },
  },
  attributes: { input: ['ip-src', 'ip-dst', 'domain|ip'], output: ['hostname'] },
  // Upstream also reads `ip`, which it does not declare.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, KEYS);
    if (!input) throw MESSAGES.error('noInput');
    const ip = (input.type === 'domain|ip' ? (input.value.split('|')[1] ?? '') : input.value).trim();
    if (!isIP(ip)) throw MESSAGES.error('notAnIp', { value: ip });

    let names: string[];
    try {
      names = await ctx.dns.reverse(ip, { ...resolverOptions(query, ctx), ...LOOKUP });
    } catch (error) {
      if (!(error instanceof DnsError)) throw error;
      if (error.code === 'NXDOMAIN') throw MESSAGES.error('nxdomain', undefined, { cause: error });
      if (error.code === 'TIMEOUT') throw MESSAGES.error('timeout', undefined, { cause: error });
      throw MESSAGES.error('failed', { reason: error.message }, { cause: error });
    }
    const first = names[0]?.replace(/\.$/, '');
    if (!first) throw MESSAGES.error('failed', { reason: `${ip} has no PTR record.` });
    return legacyResults([{ types: ['hostname'], values: [first] }]);
  },
});
