/**
 * countrycode: the country (or kind) of a domain's top-level domain, for a
 * hover. Generic TLDs come from a local table; a country-code TLD is looked up
 * in geognos' country list (`GET http://www.geognos.com/api/en/countries/info/all.json`,
 * `{"StatusMsg": "OK", "Results": {"LU": {"Name": "Luxembourg", "CountryCodes": {"tld": ".lu", …}}, …}}`).
 *
 * Kept from upstream: the name, hover only, inputs (`domain` read before
 * `hostname`), the local table (com, org, net, int, edu, gov) and its texts,
 * geognos' plain-http URL, the legacy answer `{"types": ["text"], "values": [...]}`
 * and upstream's outcome texts, which its test accepts as values:
 * "Unknown", "… not reachable", "Not able to get the countrycode references from …".
 * Fixed: geognos writes a TLD with its leading dot (`.lu`), which upstream
 * compares with `lu` and so never matches (every ccTLD was "Unknown"); the
 * TLD is compared without the dot and without case, and a trailing dot on the
 * name (`www.circl.lu.`) is ignored. When geognos cannot be used, the reason
 * (geognos.com, the HTTP status or network failure, what it said) follows
 * upstream's text as a second value instead of being dropped; a query timeout
 * is still "Timeout.".
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';

const INPUT_TYPES = ['domain', 'hostname'] as const;
const GEOGNOS = 'http://www.geognos.com';
const ALL_COUNTRIES_PATH = '/api/en/countries/info/all.json';
const ALL_COUNTRIES_URL = `${GEOGNOS}${ALL_COUNTRIES_PATH}`;

const MESSAGES = defineMessages({
  noName: 'The request has no domain or hostname to read a top-level domain from.',
  unknown: 'Unknown',
  notReachable: '{url} not reachable',
  noReferences: 'Not able to get the countrycode references from {url}',
  notOk: 'geognos.com answered StatusMsg {status} instead of OK.',
});

/** Upstream's table of generic TLDs, answered without asking anyone. */
const COMMON_TLDS: Readonly<Record<string, string>> = {
  com: 'Commercial (Worldwide)',
  org: 'Organisation (Worldwide)',
  net: 'Network (Worldwide)',
  int: 'International (Worldwide)',
  edu: 'Education (Usually USA)',
  gov: 'Government (USA)',
};

/** What geognos answers for `info/all.json` (the fields read). */
interface GeognosCountries {
  StatusMsg?: unknown;
  Results?: unknown;
}

const bareTld = (tld: string) => tld.trim().replace(/^\./, '').toLowerCase();

/** The country whose TLD is `tld`, from geognos' Results; undefined when none has it. */
function countryOf(results: unknown, tld: string): string | undefined {
  if (typeof results !== 'object' || results === null) return undefined;
  for (const country of Object.values(results as Record<string, unknown>)) {
    if (typeof country !== 'object' || country === null) continue;
    const { Name: name, CountryCodes: codes } = country as { Name?: unknown; CountryCodes?: { tld?: unknown } };
    if (typeof codes?.tld === 'string' && bareTld(codes.tld) === tld && typeof name === 'string' && name !== '') return name;
  }
  return undefined;
}

export default defineModule({
  name: 'countrycode',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '1',
    author: 'Hannah Ward',
    description: 'Module to expand country codes.',
    name: 'Country Code',
    logo: '',
    requirements: [],
    features:
      'The module takes a domain or a hostname as input, and returns the country it belongs to.\n\nFor non country domains, ' +
      'a list of the most common possible extensions is used.',
    references: [],
    input: 'Hostname or domain attribute.',
    output: 'Text with the country code the input belongs to.',
  },
  config: {},
  attributes: { input: [...INPUT_TYPES] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, INPUT_TYPES);
    if (!input) throw MESSAGES.error('noName');
    const tld = bareTld(input.value.trim().replace(/\.$/, '').split('.').pop() ?? '');
    const text = (value: string, reason?: string) => legacyResults([{ types: ['text'], values: reason ? [value, reason] : [value] }]);

    const common = COMMON_TLDS[tld];
    if (common !== undefined) return text(common);

    const geognos = ctx.vendor({ name: 'geognos.com', baseUrl: GEOGNOS });
    let countries: GeognosCountries;
    try {
      countries = await geognos.get<GeognosCountries>(ALL_COUNTRIES_PATH);
    } catch (error) {
      // Upstream's outcome (its test accepts it), with the reason instead of nothing.
      if (error instanceof ModuleError) return text(MESSAGES.format('notReachable', { url: ALL_COUNTRIES_URL }), error.message);
      throw error;
    }
    if (typeof countries !== 'object' || countries === null || countries.StatusMsg !== 'OK') {
      const status = typeof countries === 'object' && countries !== null ? JSON.stringify(countries.StatusMsg ?? null) : 'none';
      return text(MESSAGES.format('noReferences', { url: ALL_COUNTRIES_URL }), MESSAGES.format('notOk', { status }));
    }
    return text(countryOf(countries.Results, tld) ?? MESSAGES.format('unknown'));
  },
});
