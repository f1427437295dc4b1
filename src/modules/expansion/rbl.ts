/**
 * rbl: what 56 real-time blackhole lists say about an IPv4 address. Asks TXT
 * `{reversed ip}.{zone}` of every zone through `ctx.dns`, 12 at a time (all
 * within the query's timeout: its abort cancels the lookups still running).
 *
 * Kept from upstream: the name, the inputs (ip-src, then ip-dst), the zone
 * list and its order, the `timeout` setting (seconds per lookup, default
 * 0.4), the answer (one text value, a line `{query}: {TXT}  -  {TXT}` per
 * zone that answered, TXT records printed as dnspython prints them), and the
 * errors "Unsupported attributes type" and "No data found by querying known
 * RBLs".
 * Fixed: upstream asks the zones one after the other (up to 22 s at the
 * default timeout); an address that is not IPv4 (upstream builds nonsense
 * names from it) is a clear error; when every lookup failed on the DNS side
 * (the resolver unreachable, every answer SERVFAIL or a timeout) the error
 * says so instead of "No data found"; a timeout that is no positive number
 * falls back to 0.4 s (upstream's "0" fails every lookup).
 */
import { isIPv4 } from 'node:net';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { DnsError } from '../../net/index.js';
import { mapLimit } from '../_shared/map-limit.js';
import { dnspythonTxtText, txtRecords } from './_dns/txt.js';
import { RBL_ZONES } from './_rbl/zones.js';

const INPUTS = ['ip-src', 'ip-dst'] as const;
const DEFAULT_TIMEOUT_SECONDS = 0.4;
/** Longest lookup timeout accepted from the setting (the query's own timeout still applies). */
const MAX_TIMEOUT_SECONDS = 60;
/** Lookups in flight at once: 56 zones in 5 rounds. */
const CONCURRENCY = 12;

const MESSAGES = defineMessages({
  unsupported: 'Unsupported attributes type',
  notIpv4: '{value} is not an IPv4 address: the RBLs are asked about IPv4 addresses only.',
  noData: 'No data found by querying known RBLs',
  allFailed: 'Could not query any RBL: {reason}',
});

/** Upstream: `float(config["timeout"])`, else 0.4. */
function lookupTimeoutMs(setting: string | undefined): number {
  const seconds = setting === undefined || setting.trim() === '' ? NaN : Number(setting.trim());
  const usable = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, MAX_TIMEOUT_SECONDS) : DEFAULT_TIMEOUT_SECONDS;
  return Math.round(usable * 1000);
}

type Outcome = { name: string; records: string[][] } | { name: string; failure: DnsError };

export default defineModule({
  name: 'rbl',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.2',
    author: 'Christian Studer',
    description: 'Module to check an IPv4 address against known RBLs.',
    name: 'Real-time Blackhost Lists Lookup',
    logo: '',
    requirements: [],
    features:
      'This module takes an IP address attribute as input and queries multiple know Real-time Blackhost Lists to check if ' +
      'they have already seen this IP address.\n\nWe display then all the information we get from those different sources.',
    references: [
      '[RBLs list](https://github.com/MISP/misp-modules/blob/8817de476572a10a9c9d03258ec81ca70f3d926d/misp_modules/modules/expansion/rbl.py#L20)',
    ],
    input: 'IP address attribute.',
    output: 'Text with additional data from Real-time Blackhost Lists about the IP address.',
  },
  config: { timeout: { description: 'Seconds to wait for each RBL (default 0.4).' } },
  attributes: { input: [...INPUTS], output: ['text'] },
  // Upstream answers its own text when no input is there.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, INPUTS);
    if (!input) throw MESSAGES.error('unsupported');
    const ip = input.value.trim();
    if (!isIPv4(ip)) throw MESSAGES.error('notIpv4', { value: ip });
    const reversed = ip.split('.').reverse().join('.');
    const lookup = { timeoutMs: lookupTimeoutMs(ctx.config['timeout']), tries: 1 };

    const outcomes = await mapLimit(RBL_ZONES, CONCURRENCY, async (zone): Promise<Outcome> => {
      const name = `${reversed}.${zone}`;
      try {
        return { name, records: txtRecords(await ctx.dns.resolve(name, 'TXT', lookup)) };
      } catch (error) {
        // An abort (the query's timeout) is not a zone's answer: it ends the query.
        if (!(error instanceof DnsError)) throw error;
        return { name, failure: error };
      }
    });

    const lines = outcomes.flatMap((o) => ('records' in o && o.records.length > 0 ? [`${o.name}: ${o.records.map(dnspythonTxtText).join('  -  ')}`] : []));
    if (lines.length > 0) return legacyResults([{ types: ['text'], values: lines.join('\n') }]);
    const failures = outcomes.flatMap((o) => ('failure' in o ? [o.failure] : []));
    const dnsSideFailures = failures.filter((f) => f.code !== 'NXDOMAIN' && f.code !== 'NODATA');
    if (dnsSideFailures.length === RBL_ZONES.length) throw MESSAGES.error('allFailed', { reason: dnsSideFailures[0]!.message });
    throw MESSAGES.error('noData');
  },
});
