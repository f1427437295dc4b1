/**
 * greynoise against a loopback GreyNoise API, at the paths the greynoise SDK
 * calls: `GET /v3/ip/{ip}` (the v3 IP lookup, both intelligence halves) and
 * `GET /v2/experimental/gnql/stats?query=` (GNQL stats), header `key`
 * checked (401 `{"message": "Unauthorized"}` otherwise), bodies shaped like
 * GreyNoise's documentation (trimmed).
 */
import assert from 'node:assert/strict';
import greynoise from '../../../src/modules/expansion/greynoise.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'gn-3f1b2c4d5e6f7a8b9c0d';
const UUID = '0f0e0d0c-0b0a-4909-8807-060504030201';
const SCANNER_IP = '71.6.135.131';
const BUSINESS_IP = '8.8.8.8';
const CVE = 'CVE-2021-44228';

/** A scanner, as the v3 IP lookup documents it. */
const SCANNER = {
  ip: SCANNER_IP,
  business_service_intelligence: { found: false, category: '', name: '', description: '', explanation: '', last_updated: '', reference: '', trust_level: '' },
  internet_scanner_intelligence: {
    first_seen: '2017-09-20',
    last_seen: '2024-01-18',
    found: true,
    tags: [
      { id: 'a1b2', slug: 'shodan-io', name: 'Shodan.io', description: 'IP addresses belonging to Shodan.io.', category: 'actor', intention: 'benign', references: [], cves: [], recommend_block: false, created: '2020-04-07', updated_at: '2024-01-18T00:00:00Z' },
      { id: 'c3d4', slug: 'web-crawler', name: 'Web Crawler', description: 'Crawls the web.', category: 'activity', intention: 'unknown', references: [], cves: [], recommend_block: false, created: '2020-04-07', updated_at: '2024-01-18T00:00:00Z' },
    ],
    actor: 'Shodan.io',
    spoofable: false,
    classification: 'benign',
    cves: ['CVE-2019-0708'],
    bot: false,
    vpn: false,
    vpn_service: '',
    tor: false,
    metadata: {
      asn: 'AS10439',
      source_country: 'United States',
      source_country_code: 'US',
      source_city: 'San Diego',
      domain: 'shodan.io',
      rdns_parent: 'shodan.io',
      rdns_validated: true,
      organization: 'CariNet, Inc.',
      category: 'hosting',
      rdns: 'census6.shodan.io',
      os: 'Linux 2.2-3.x',
      sensor_count: 412,
      sensor_hits: 8620,
      region: 'California',
      mobile: false,
      single_destination: false,
      destination_countries: ['Germany', 'Japan'],
      destination_country_codes: ['DE', 'JP'],
      destination_asns: [],
      destination_cities: [],
      carrier: '',
      datacenter: '',
      longitude: -117.1573,
      latitude: 32.7157,
    },
    raw_data: { scan: [{ port: 80, protocol: 'TCP' }], ja3: [], hassh: [], http: { md5: [], cookie_keys: [], request_authorization: [], request_cookies: [], request_header: [], method: [], path: [], request_origin: [], useragent: [] }, source: { bytes: 0 }, tls: { cipher: [], ja4: [] }, ssh: { key: [] } },
    last_seen_timestamp: '2024-01-18 21:14:11',
  },
  request_metadata: { restricted_fields: [] },
};

/** A known business service (RIOT). */
const BUSINESS = {
  ip: BUSINESS_IP,
  business_service_intelligence: {
    found: true,
    category: 'public_dns',
    name: 'Google Public DNS',
    description: "Google's global domain name system (DNS) resolution service.",
    explanation: 'Public DNS services are used as alternatives to ISP\'s name servers.',
    last_updated: '2024-01-18T13:10:11Z',
    reference: 'https://developers.google.com/speed/public-dns/docs/isp#alternative',
    trust_level: '1',
  },
  internet_scanner_intelligence: { first_seen: '', last_seen: '', found: false, tags: [], actor: '', spoofable: false, classification: '', cves: [], bot: false, vpn: false, vpn_service: '', tor: false, metadata: {}, raw_data: {}, last_seen_timestamp: '' },
  request_metadata: { restricted_fields: [] },
};

/** GNQL stats for `last_seen:1w cve:CVE-2021-44228`. */
const STATS = {
  count: 1083,
  query: `last_seen:1w cve:${CVE}`,
  adjusted_query: `last_seen:1w cve:${CVE}`,
  stats: {
    classifications: [
      { classification: 'malicious', count: 979 },
      { classification: 'unknown', count: 88 },
      { classification: 'benign', count: 16 },
    ],
    spoofable: [{ spoofable: false, count: 1083 }],
    organizations: [{ organization: 'DigitalOcean, LLC', count: 211 }],
    actors: [{ actor: 'Censys', count: 9 }],
    countries: [{ country: 'United States', count: 390 }],
    source_countries: [{ country: 'United States', count: 390 }],
    destination_countries: [{ country: 'Germany', count: 700 }],
    tags: [{ tag: 'Apache Log4j RCE Attempt', id: 'e5f6', count: 1083 }],
    operating_systems: [{ operating_system: 'Linux 2.2-3.x', count: 500 }],
    categories: [{ category: 'hosting', count: 800 }],
    asns: [{ asn: 'AS14061', count: 211 }],
  },
};

const GREYNOISE: Routes = {
  'GET /v3/ip/:ip': (req: FakeRequest) => {
    if (req.headers['key'] !== KEY) return { status: 401, json: { message: 'Unauthorized' } };
    if (req.params['ip'] === SCANNER_IP) return { json: SCANNER };
    if (req.params['ip'] === BUSINESS_IP) return { json: BUSINESS };
    return { status: 404, json: { ip: req.params['ip'], business_service_intelligence: { found: false }, internet_scanner_intelligence: { found: false }, request_metadata: { message: 'IP not observed scanning the internet or contained in RIOT data set.' } } };
  },
  'GET /v2/experimental/gnql/stats': (req: FakeRequest) => {
    if (req.headers['key'] !== KEY) return { status: 401, json: { message: 'Unauthorized' } };
    if (req.query['query'] === `last_seen:1w cve:${CVE}`) return { json: STATS };
    return { json: { count: 0, query: req.query['query'], adjusted_query: req.query['query'], stats: { classifications: null, spoofable: null, organizations: null, actors: null, countries: null, tags: null, operating_systems: null, categories: null, asns: null } } };
  },
};

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

type Obj = { name: string; Attribute: Array<{ object_relation: string; value: string }>; ObjectReference: Array<{ relationship_type: string; referenced_uuid: string }> };
const results = (answer: Answer) => answer['results'] as { Object?: Obj[]; Attribute: Array<{ type: string; value: string; comment?: string }> };
const onlyObject = (answer: Answer, name: string) => {
  const objects = results(answer).Object ?? [];
  assert.deepEqual(objects.map((o) => o.name), [name]);
  assert.deepEqual(objects[0]!.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['describes', UUID]]);
  return Object.fromEntries(objects[0]!.Attribute.map((a) => [a.object_relation, a.value]));
};

testModule({
  module: greynoise,
  vendors: { 'api.greynoise.io': GREYNOISE },
  config: { api_key: KEY },
  rows: [
    {
      name: 'a scanner (expansion): the greynoise-ip object',
      query: attribute('ip-src', SCANNER_IP),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), [`GET /v3/ip/${SCANNER_IP}`]);
        assert.match(String(requests[0]!.headers['user-agent']), /greynoise-misp-module-2\.0/);
      },
      check: (answer) => {
        assert.deepEqual(onlyObject(answer, 'greynoise-ip'), {
          'ip-src': SCANNER_IP,
          noise: 'True',
          classification: 'benign',
          actor: 'Shodan.io',
          'first-seen': '2017-09-20T00:00:00',
          'last-seen': '2024-01-18T21:14:11',
          link: `https://viz.greynoise.io/ip/${SCANNER_IP}`,
        });
        assert.deepEqual(results(answer).Attribute.map((a) => a.value), [SCANNER_IP]);
      },
    },
    {
      name: 'a scanner (hover, "persistent"): the template\'s extra fields and the rest as commented text',
      query: { ...attribute('ip-dst', SCANNER_IP), persistent: 1 },
      inputUuids: [UUID],
      check: (answer) => {
        const object = onlyObject(answer, 'greynoise-ip');
        assert.equal(object['asn'], 'AS10439');
        assert.equal(object['rdns'], 'census6.shodan.io');
        assert.equal(object['source_country'], 'United States');
        assert.equal(object['tor'], undefined);
        const extras = results(answer).Attribute.slice(1).map((a) => [a.comment, a.value]);
        assert.deepEqual(extras, [
          ['GreyNoise tags', 'Shodan.io, Web Crawler'],
          ['GreyNoise cve', 'CVE-2019-0708'],
          ['GreyNoise city', 'San Diego'],
          ['GreyNoise country-code', 'US'],
          ['GreyNoise organization', 'CariNet, Inc.'],
          ['GreyNoise destination-country-codes', 'DE, JP'],
          ['GreyNoise destination-countries', 'Germany, Japan'],
          ['GreyNoise metadata category', 'hosting'],
        ]);
      },
    },
    {
      name: 'a business service: riot, provider and the trust level in words',
      query: attribute('ip-dst', BUSINESS_IP),
      inputUuids: [UUID],
      check: (answer) =>
        assert.deepEqual(onlyObject(answer, 'greynoise-ip'), {
          'ip-src': BUSINESS_IP,
          riot: 'True',
          'trust-level': '1 - Reasonably Ignore',
          provider: 'Google Public DNS',
          'last-seen': '2024-01-18T13:10:11+00:00',
          link: `https://viz.greynoise.io/ip/${BUSINESS_IP}`,
        }),
    },
    {
      name: 'an address GreyNoise has not seen (404): the address and its link, nothing else',
      query: attribute('ip-dst', '192.0.2.44'),
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(onlyObject(answer, 'greynoise-ip'), { 'ip-src': '192.0.2.44', link: 'https://viz.greynoise.io/ip/192.0.2.44' }),
    },
    {
      name: 'a CVE: GNQL stats as a vulnerability object with the counts',
      query: attribute('vulnerability', CVE),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => [r.path, r.query['query']]), [['/v2/experimental/gnql/stats', `last_seen:1w cve:${CVE}`]]),
      check: (answer) =>
        assert.deepEqual(onlyObject(answer, 'vulnerability'), {
          id: CVE,
          description: 'The IP count below reflects the number of IPs seen by GreyNoise in the last 7 days scanning for this CVE.',
          summary: 'total-count: 1083, benign-count: 16, malicious-count: 979, unknown-count: 88',
        }),
    },
    {
      name: 'a CVE nobody scans for: the object without counts',
      query: attribute('vulnerability', 'CVE-1999-0001'),
      inputUuids: [UUID],
      check: (answer) => assert.equal(onlyObject(answer, 'vulnerability')['summary'], undefined),
    },
    {
      name: 'a 200 carrying an error: upstream\'s message with GreyNoise\'s words',
      query: attribute('ip-src', SCANNER_IP),
      routes: { 'GET /v3/ip/:ip': { json: { error: 'IP lookups are not allowed for this key' } } },
      messageId: 'vendorError',
      data: { error: 'IP lookups are not allowed for this key' },
    },
    { name: 'an IPv6 address: upstream\'s message, no request', query: attribute('ip-src', '2001:db8::1'), messageId: 'notIpv4', requests: (r) => assert.equal(r.length, 0) },
    { name: 'not an address at all', query: attribute('ip-src', '300.1.2.3'), messageId: 'notIpv4' },
    { name: 'no key: upstream\'s exact message', query: attribute('ip-src', SCANNER_IP), config: null, error: 'GreyNoise API Key required, but missing' },
    { name: 'an empty key: the same message, no request', query: attribute('ip-src', SCANNER_IP), config: { api_key: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a wrong key on the IP lookup', query: attribute('ip-src', SCANNER_IP), config: { api_key: 'nope' }, error: 'GreyNoise refused the key (setting api_key, HTTP 401 Unauthorized).' },
    { name: 'a community key on GNQL stats (refused)', query: attribute('vulnerability', CVE), config: { api_key: 'community' }, error: /^GreyNoise refused the key \(setting api_key/ },
    { name: 'a type it does not take', query: attribute('domain', 'example.com'), error: /does not accept attributes of type 'domain'/ },
    ...vendorFailureRows({ query: attribute('ip-src', SCANNER_IP), vendorMessage: 'Internal error' }),
    ...vendorFailureRows({ query: attribute('vulnerability', CVE), vendorMessage: 'Internal error', skip: ['unauthorized', 'timeout'] }).map((row) => ({ ...row, name: `GNQL stats: ${row.name}` })),
  ],
});
