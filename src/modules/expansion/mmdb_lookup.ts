/**
 * mmdb_lookup: the country (and AS) of an IP address from an mmdb-server
 * instance (CIRCL's ip.circl.lu by default): `GET /geolookup/{ip}` answers one
 * entry per database served. Each entry with country information gives a
 * `geolocation` object (country, code, the country's average latitude and
 * longitude) and, when the database has it, an `asn` object; both related
 * to the input.
 *
 * Kept from upstream: the name, the settings (`custom_API` for another
 * instance, `db_source_filter` to keep one database, `max_country_info_qt` to
 * cap the geolocation objects, 0 meaning no cap), the texts written in the
 * objects and the messages "Empty result returned by server" and "There was no
 * result with the selected db_source".
 * Fixed: upstream sent `…circl.lu//geolookup/…` (its base URL ends in a
 * slash): we send one slash; a vendor failure names the mmdb server, the HTTP
 * status and what it said; a `max_country_info_qt` that is no number (upstream
 * crashed) is refused with a clear message; entries missing a field are read
 * with what they have. The `asn` relation keeps the template's type (AS);
 * upstream forced `text`.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { pathSegment } from '../_shared/path-segment.js';

const INPUT_TYPES = ['ip-src', 'ip-src|port', 'ip-dst', 'ip-dst|port'] as const;

const MESSAGES = defineMessages({
  empty: 'Empty result returned by server',
  noSource: 'There was no result with the selected db_source',
  badLimit: 'The setting max_country_info_qt must be a whole number (0 for no limit), not "{value}".',
});

/** One entry of `/geolookup/{ip}` (one per database the server has). */
interface GeolookupEntry {
  country?: { iso_code?: unknown; AutonomousSystemNumber?: unknown; AutonomousSystemOrganization?: unknown } | null;
  country_info?: Record<string, unknown> | null;
  meta?: { db_source?: unknown; build_db?: unknown } | null;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : undefined;

const hasCountryInfo = (entry: GeolookupEntry): boolean =>
  typeof entry.country_info === 'object' && entry.country_info !== null && Object.keys(entry.country_info).length > 0;

function baseUrl(custom: string | undefined): string {
  return (custom?.trim() || 'https://ip.circl.lu').replace(/\/+$/, '');
}

/** max_country_info_qt: empty or 0 is no limit. */
function countryInfoLimit(setting: string | undefined): number {
  const value = setting?.trim() ?? '';
  if (value === '') return 0;
  if (!/^\d+$/.test(value)) throw MESSAGES.error('badLimit', { value });
  return Number(value);
}

export default defineModule({
  name: 'mmdb_lookup',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'Jeroen Pinoy',
    description:
      "A hover and expansion module to enrich an ip with geolocation and ASN information from an mmdb server instance, such as CIRCL's ip.circl.lu.",
    name: 'GeoIP Enrichment',
    logo: 'circl.png',
    requirements: [],
    features:
      'The module takes an IP address related attribute as input.\n It queries the public CIRCL.lu mmdb-server instance, ' +
      'available at ip.circl.lu, by default. The module can be configured with a custom mmdb server url if required.\n It ' +
      'is also possible to filter results on 1 db_source by configuring db_source_filter.',
    references: [
      'https://data.public.lu/fr/datasets/geo-open-ip-address-geolocation-per-country-in-mmdb-format/',
      'https://github.com/adulau/mmdb-server',
    ],
    input: 'An IP address attribute (for example ip-src or ip-src|port).',
    output: 'Geolocation and asn objects.',
  },
  config: {
    custom_API: { description: 'URL of another mmdb-server instance (default https://ip.circl.lu/)' },
    db_source_filter: { description: 'Keep only the answers of this database (its meta.db_source, e.g. GeoOpen-Country-ASN)' },
    max_country_info_qt: { description: 'At most this many geolocation objects (0 or empty: no limit)' },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, INPUT_TYPES);
    const limit = countryInfoLimit(ctx.config['max_country_info_qt']);
    const ip = attribute.value.split('|')[0]!.trim();
    const api = ctx.vendor({ name: 'mmdb server', baseUrl: baseUrl(ctx.config['custom_API']) });
    const segment = pathSegment(ip);
    if (segment === undefined) throw MESSAGES.error('empty');
    const answer = await api.get<unknown>(`/geolookup/${segment}`);
    let entries = (Array.isArray(answer) ? answer : []).filter((entry): entry is GeolookupEntry => typeof entry === 'object' && entry !== null);
    if (entries.length === 0) throw MESSAGES.error('empty');
    const source = ctx.config['db_source_filter']?.trim();
    if (source) {
      entries = entries.filter((entry) => entry.meta?.db_source === source);
      if (entries.length === 0) throw MESSAGES.error('noSource');
    }
    entries = entries.filter(hasCountryInfo);
    if (entries.length === 0) throw MESSAGES.error('empty');

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    let geolocations = 0;
    for (const entry of entries) {
      const info = entry.country_info ?? {};
      const country = entry.country ?? {};
      const dbSource = text(entry.meta?.db_source) ?? 'unknown';
      const buildDb = text(entry.meta?.build_db) ?? 'unknown';
      if (limit === 0 || geolocations < limit) {
        const geolocation = result.addObject('geolocation', [
          ['country', text(info['Country'])],
          ['countrycode', text(country.iso_code)],
          ['latitude', text(info['Latitude (average)'])],
          ['longitude', text(info['Longitude (average)'])],
          ['text', `db_source: ${dbSource}. build_db: ${buildDb}. Latitude and longitude are country average.`],
        ]);
        result.addReference(geolocation.uuid, attribute.uuid, 'related-to');
        geolocations += 1;
      }
      const asn = text(country.AutonomousSystemNumber);
      if (asn !== undefined) {
        const asnObject = result.addObject('asn', [
          ['asn', asn],
          ['description', `ASNOrganization: ${text(country.AutonomousSystemOrganization) ?? 'unknown'}. db_source: ${dbSource}. build_db: ${buildDb}.`],
        ]);
        result.addReference(asnObject.uuid, attribute.uuid, 'related-to');
      }
    }
    return result.toResults();
  },
});
