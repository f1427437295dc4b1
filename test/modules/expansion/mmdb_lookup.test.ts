/**
 * mmdb_lookup against a loopback mmdb-server (adulau/mmdb-server): answers to
 * `GET /geolookup/{ip}` are the README's, one entry per database
 * (GeoOpen-Country, GeoOpen-Country-ASN), each with `country`, `meta`, `ip`
 * and `country_info`; an address no database knows has empty entries.
 */
import assert from 'node:assert/strict';
import mmdb_lookup from '../../../src/modules/expansion/mmdb_lookup.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '2f3e4d5c-6b7a-4890-a1b2-c3d4e5f60718';
const IP = '188.65.220.25';

const description = { en: 'Geo Open MMDB database - https://github.com/adulau/mmdb-server' };
const BELGIUM = { Country: 'Belgium', 'Alpha-2 code': 'BE', 'Alpha-3 code': 'BEL', 'Numeric code': '56', 'Latitude (average)': '50.8333', 'Longitude (average)': '4' };
const lookup = (ip: string) => [
  { country: { iso_code: 'BE' }, meta: { description, build_db: '2022-02-05 11:37:33', db_source: 'GeoOpen-Country', nb_nodes: 1159974 }, ip, country_info: BELGIUM },
  {
    country: { iso_code: 'BE', AutonomousSystemNumber: '49677', AutonomousSystemOrganization: 'MAEHDROS-AS' },
    meta: { description, build_db: '2022-02-06 10:30:25', db_source: 'GeoOpen-Country-ASN', nb_nodes: 1159815 },
    ip,
    country_info: BELGIUM,
  },
];
const unknown = (ip: string) => [
  { country: {}, meta: { description, build_db: '2022-02-05 11:37:33', db_source: 'GeoOpen-Country', nb_nodes: 1159974 }, ip, country_info: {} },
  { country: {}, meta: { description, build_db: '2022-02-06 10:30:25', db_source: 'GeoOpen-Country-ASN', nb_nodes: 1159815 }, ip, country_info: {} },
];

const MMDB = {
  'GET /geolookup/:ip': (req: FakeRequest) => ({ json: req.params['ip'] === IP || req.params['ip'] === '2a02:21d0::68:69:25' ? lookup(req.params['ip']!) : unknown(req.params['ip']!) }),
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

type ResultObject = { name: string; Attribute: Array<{ object_relation: string; type: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> };
function objects(answer: Answer): Array<[string, Array<[string, string, string]>]> {
  const found = (answer['results'] as { Object: ResultObject[] }).Object;
  for (const object of found) assert.deepEqual(object.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['related-to', UUID]]);
  return found.map((object) => [object.name, object.Attribute.map((a) => [a.object_relation, a.type, a.value])]);
}

const GEO_COUNTRY: [string, Array<[string, string, string]>] = [
  'geolocation',
  [
    ['country', 'text', 'Belgium'],
    ['countrycode', 'text', 'BE'],
    ['latitude', 'float', '50.8333'],
    ['longitude', 'float', '4'],
    ['text', 'text', 'db_source: GeoOpen-Country. build_db: 2022-02-05 11:37:33. Latitude and longitude are country average.'],
  ],
];
const GEO_ASN_DB: [string, Array<[string, string, string]>] = [
  'geolocation',
  [
    ['country', 'text', 'Belgium'],
    ['countrycode', 'text', 'BE'],
    ['latitude', 'float', '50.8333'],
    ['longitude', 'float', '4'],
    ['text', 'text', 'db_source: GeoOpen-Country-ASN. build_db: 2022-02-06 10:30:25. Latitude and longitude are country average.'],
  ],
];
const ASN: [string, Array<[string, string, string]>] = [
  'asn',
  [
    ['asn', 'AS', '49677'],
    ['description', 'text', 'ASNOrganization: MAEHDROS-AS. db_source: GeoOpen-Country-ASN. build_db: 2022-02-06 10:30:25.'],
  ],
];

testModule({
  module: mmdb_lookup,
  vendors: { 'ip.circl.lu': MMDB, 'mmdb.internal.example': MMDB },
  config: {},
  rows: [
    {
      name: 'an IP gives a geolocation per database and the AS the ASN database knows',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.method} ${r.target}`), [`ip.circl.lu GET /geolookup/${IP}`]),
      check: (answer) => {
        assert.deepEqual(objects(answer), [GEO_COUNTRY, GEO_ASN_DB, ASN]);
        const echoed = (answer['results'] as { Attribute: Array<{ uuid: string }> }).Attribute;
        assert.deepEqual(echoed.map((a) => a.uuid), [UUID]);
      },
    },
    {
      name: 'an ip-src|port is asked without its port; an IPv6 address keeps its colons',
      query: attribute('ip-src|port', '2a02:21d0::68:69:25|443'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), ['/geolookup/2a02:21d0::68:69:25']),
      check: (answer) => assert.equal(objects(answer).length, 3),
    },
    {
      name: 'db_source_filter keeps one database',
      query: attribute('ip-dst', IP),
      config: { db_source_filter: 'GeoOpen-Country-ASN' },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(objects(answer), [GEO_ASN_DB, ASN]),
    },
    {
      name: 'max_country_info_qt caps the geolocation objects (not the AS)',
      query: attribute('ip-dst', IP),
      config: { max_country_info_qt: '1' },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(objects(answer), [GEO_COUNTRY, ASN]),
    },
    {
      name: 'custom_API sends the lookup to that instance, with one slash',
      query: attribute('ip-dst', IP),
      config: { custom_API: 'https://mmdb.internal.example/' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.target}`), [`mmdb.internal.example /geolookup/${IP}`]),
      check: (answer) => assert.equal(objects(answer).length, 3),
    },
    { name: 'an address no database knows is "Empty result returned by server", nothing invented', query: attribute('ip-dst', '192.0.2.1'), messageId: 'empty' },
    { name: 'an empty list too', query: attribute('ip-dst', IP), routes: { 'GET /geolookup/:ip': { json: [] } }, messageId: 'empty' },
    { name: 'a db_source the server does not have', query: attribute('ip-dst', IP), config: { db_source_filter: 'GeoLite2-City' }, messageId: 'noSource' },
    { name: 'a max_country_info_qt that is no number is refused before any request', query: attribute('ip-dst', IP), config: { max_country_info_qt: 'two' }, messageId: 'badLimit', data: { value: 'two' }, requests: (r) => assert.equal(r.length, 0) },
    { name: 'a 404 is the vendor\'s error, named', query: attribute('ip-dst', IP), routes: { 'GET /geolookup/:ip': { status: 404, body: '404: Not Found' } }, error: 'mmdb server answered HTTP 404 Not Found: 404: Not Found.' },
    { name: 'a value of ".." (another API path) is not sent', query: attribute('ip-dst', '..'), messageId: 'empty', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a type it does not take is refused before any request', query: attribute('domain', 'circl.lu'), error: /does not accept attributes of type 'domain'/, requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({ query: attribute('ip-dst', IP), host: 'ip.circl.lu', skip: ['unauthorized'], vendorMessage: 'Service unavailable' }),
  ],
});
