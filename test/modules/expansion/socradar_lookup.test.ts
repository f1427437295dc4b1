/**
 * socradar_lookup against a loopback SOCRadar IoC Enrichment API
 * (platform.socradar.com/api/ioc_enrichment/get/indicator_details[_stix]):
 * the API-Key header checked, the JSON body read, answers shaped like the
 * fields upstream reads (details, categorization, classifications, summary,
 * history, ai_insight; a STIX 2.1 bundle with SOCRadar's extra-info-ext).
 */
import assert from 'node:assert/strict';
import socradar from '../../../src/modules/expansion/socradar_lookup.js';
import { withHeader, type FakeRequest, type Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const KEY = 'socradar-test-key';
const IP = '185.220.101.42';

const FULL = {
  details: { score: 87, first_seen_date: '2023-01-05 10:00:00', last_seen_date: '2024-02-28 08:30:00' },
  cross_source_confidence: 'High',
  ioc_signal_strength: 'Very Strong',
  categorization: { is_malware: true, is_botnet: false, is_tor: true, is_scanner: true },
  classifications: { malwares: ['Cobalt Strike'], threat_actors: ['APT29'], industries: ['Finance'], campaign: null, target_country_list: ['US', 'DE'], country: 'DE' },
  summary: { city: 'Frankfurt', region: 'Hesse', country: 'Germany', asn_name: 'Example Hosting GmbH', asn_code: 64500 },
  history: {
    indicator_history: Array.from({ length: 12 }, (_, i) => ({ event: `Seen in C2 feed batch ${i}`, feed_source: i % 2 ? 'abuse.ch' : 'SOCRadar Honeypot', insert_date: `2024-02-${String(i + 1).padStart(2, '0')}` })),
  },
};
const INSIGHT = { insight: 'x'.repeat(520) };

const STIX = {
  type: 'bundle',
  id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
  objects: [
    {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      name: IP,
      pattern: `[ipv4-addr:value = '${IP}']`,
      pattern_type: 'stix',
      labels: ['malicious-activity', 'T1071.001 Web Protocols'],
      extensions: {
        'extra-info-ext': {
          score: 87,
          tags: [
            { type: 'MITRE_ATTCK', tag: 't1090', description: 'Proxy' },
            { type: 'TAG', tag: 'tor-exit' },
            { type: 'COUNTRY', tag: 'DE' },
          ],
          feed_source_list: [{ source_name: 'abuse.ch', seen_count: 4, first_seen_date: '2023-01-05' }],
        },
      },
    },
    { type: 'identity', spec_version: '2.1', id: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff', name: 'SOCRadar', identity_class: 'organization' },
  ],
};

const keyed = (answer: (req: FakeRequest) => unknown) =>
  withHeader('api-key', KEY, (req) => ({ json: answer(req) }), { status: 401, json: { is_success: false, message: 'Invalid API key', response_code: 401 } });

const SOCRADAR = {
  'POST /api/ioc_enrichment/get/indicator_details': keyed((req) => {
    const asked = req.json<{ indicator: string; fields: string[] }>();
    const data = asked.indicator === IP ? { ...FULL, ...(asked.fields.includes('indicator_ai_insight') && { ai_insight: INSIGHT }) } : {};
    return { is_success: true, response_code: 200, message: 'Success', data };
  }),
  'POST /api/ioc_enrichment/get/indicator_details_stix': keyed(() => STIX),
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });
const report = (answer: Answer) => {
  const [attr, ...rest] = (answer['results'] as { Attribute: Array<{ type: string; value: string; category: string; Tag?: Array<{ name: string }> }> }).Attribute;
  assert.equal(rest.length, 0);
  assert.equal(attr!.type, 'text');
  return { lines: attr!.value.split('\n'), tags: (attr!.Tag ?? []).map((t) => t.name) };
};

testModule({
  module: socradar,
  vendors: { 'platform.socradar.com': SOCRADAR, 'socradar.internal.example': SOCRADAR },
  config: { socradar_api_key: KEY },
  rows: [
    {
      name: 'full mode (default): the report and tags, from inside the data envelope',
      query: attribute('ip-src', IP),
      requests: (requests) => {
        assert.equal(requests.length, 1);
        assert.equal(requests[0]!.path, '/api/ioc_enrichment/get/indicator_details');
        assert.deepEqual(JSON.parse(requests[0]!.body), { indicator: IP, fields: ['indicator_details', 'indicator_history', 'indicator_relations'] });
      },
      check: (answer) => {
        const { lines, tags } = report(answer);
        assert.deepEqual(lines.slice(0, 19), [
          '══════ SOCRadar Threat Intelligence ══════',
          `Indicator: ${IP}`,
          '',
          'SOCRadar Score: 87/100',
          'Cross-Source Confidence: High',
          'IoC Signal Strength: Very Strong',
          '',
          'Categorization: is_malware, is_tor, is_scanner',
          '',
          'Malware Families: Cobalt Strike',
          'Threat Actors: APT29',
          'Targeted Industries: Finance',
          'Target Countries: US, DE',
          'Origin Country: DE',
          '',
          'Location: Frankfurt, Hesse, Germany',
          'ASN: Example Hosting GmbH (AS64500)',
          '',
          'First Seen: 2023-01-05 10:00:00',
        ]);
        assert.ok(lines.includes('Feed History (12 records):'));
        assert.ok(lines.includes('  [2024-02-01] SOCRadar Honeypot: Seen in C2 feed batch 0'));
        assert.ok(lines.includes('  ... and 2 more'));
        assert.ok(!lines.includes('AI Insight:'));
        assert.deepEqual(tags, [
          'source:SOCRadar',
          'socradar:score=87',
          'confidence-level:confidence="usually-confident"',
          'socradar:signal=very-strong',
          'socradar:category=is_malware',
          'socradar:category=is_tor',
          'socradar:category=is_scanner',
          'malware:cobalt strike',
          'threat-actor:apt29',
          'country:de',
          'feed-source:SOCRadar Honeypot',
          'feed-source:abuse.ch',
        ]);
      },
    },
    {
      name: 'socradar_ai_insight asks for the insight field; the insight is cut at 500 characters',
      query: attribute('ip-src', IP),
      config: { socradar_ai_insight: 'yes' },
      requests: (requests) => assert.deepEqual(JSON.parse(requests[0]!.body).fields, ['indicator_details', 'indicator_history', 'indicator_relations', 'indicator_ai_insight']),
      check: (answer) => {
        const { lines } = report(answer);
        assert.deepEqual(lines.slice(-3), ['AI Insight:', `  ${'x'.repeat(500)}`, '  [truncated]']);
      },
    },
    {
      name: 'an answer not wrapped in an envelope is read at the top level',
      query: attribute('ip-src', IP),
      routes: { 'POST /api/ioc_enrichment/get/indicator_details': { json: { details: { score: 12 } } } },
      check: (answer) => assert.ok(report(answer).lines.includes('SOCRadar Score: 12/100')),
    },
    {
      name: 'STIX mode: the STIX endpoint, MITRE techniques, feeds and identity',
      query: attribute('ip-dst', IP),
      config: { socradar_mode: 'STIX' },
      requests: (requests) => {
        assert.equal(requests[0]!.path, '/api/ioc_enrichment/get/indicator_details_stix');
        assert.deepEqual(JSON.parse(requests[0]!.body), { indicator: IP, show_credit_details: false });
      },
      check: (answer) => {
        const { lines, tags } = report(answer);
        assert.deepEqual(lines, [
          '══════ SOCRadar Threat Intelligence (STIX) ══════',
          `Indicator: ${IP}`,
          '',
          `Name: ${IP}`,
          `Pattern: [ipv4-addr:value = '${IP}']`,
          'Labels: malicious-activity, T1071.001 Web Protocols',
          'SOCRadar Score: 87',
          '',
          'MITRE ATT&CK:',
          '  T1090: Proxy',
          'Tags: tor-exit',
          'Country: DE',
          '',
          'Feed Sources:',
          '  abuse.ch (seen: 4, first: 2023-01-05)',
          'Source Identity: SOCRadar',
        ]);
        assert.deepEqual(tags, ['source:SOCRadar', 'mitre-attack:T1071.001', 'socradar:score=87', 'mitre-attack:T1090', 'country:de', 'feed-source:abuse.ch']);
      },
    },
    {
      name: 'socradar_api_url sends the query to the admin\'s endpoint',
      query: attribute('domain', 'example.com'),
      config: { socradar_api_url: 'https://socradar.internal.example/api/' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), ['socradar.internal.example /api/ioc_enrichment/get/indicator_details']),
      check: (answer) => assert.deepEqual(report(answer).lines, ['══════ SOCRadar Threat Intelligence ══════', 'Indicator: example.com']),
    },
    { name: 'no attribute', query: { md5: 'd41d8cd98f00b204e9800998ecf8427e' }, error: /requires an "attribute" field/ },
    { name: 'no key: upstream message', query: attribute('ip-src', IP), config: { socradar_api_key: null }, error: 'SOCRadar API key is required. Get your Advanced Threat Intelligence API key at https://platform.socradar.com → API Management' },
    { name: 'an empty value: upstream message', query: attribute('ip-src', ' '), error: 'No attribute value provided for enrichment' },
    { name: 'a wrong key: upstream message', query: attribute('ip-src', IP), config: { socradar_api_key: 'wrong' }, messageId: 'refused' },
    { name: 'a 400: upstream message', query: attribute('ip-src', IP), routes: { 'POST /api/ioc_enrichment/get/indicator_details': { status: 400, json: { is_success: false, message: 'Invalid indicator' } } }, error: `SOCRadar API bad request for indicator: ${IP}` },
    ...vendorFailureRows({ query: attribute('ip-src', IP), route: 'POST /api/ioc_enrichment/get/indicator_details', skip: ['unauthorized'], vendorMessage: 'Upstream timeout' }).map((row) =>
      row.name.includes('malformed') ? { ...row, error: 'SOCRadar answered with invalid JSON (HTTP 200).' } : row,
    ),
    { name: 'a 403 names SOCRadar and its message', query: attribute('ip-src', IP), routes: { 'POST /api/ioc_enrichment/get/indicator_details': { status: 403, json: { message: 'Plan does not include IoC enrichment' } } }, error: /SOCRadar refused the key \(setting socradar_api_key, HTTP 403.*\): Plan does not include IoC enrichment\./ },
  ],
});
