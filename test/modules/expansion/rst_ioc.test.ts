/**
 * rst_ioc against a loopback RST Cloud IoC Lookup (`GET /v1/ioc?value=…`,
 * key in X-Api-Key). Answers shaped like RST Cloud's: upstream's own mock
 * payload (tests/test_rst_ioc.py: score total "82", akira_ransomware) and the
 * IP / domain / URL / hash answers from RST Cloud's XSOAR integration test
 * data; a miss is HTTP 200 `{"error": "Not Found"}`.
 */
import assert from 'node:assert/strict';
import rst_ioc from '../../../src/modules/expansion/rst_ioc.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import {
  assertEchoed, assertOneGet, assertTextOnly, attribute, CONFIG, KEY, NO_KEY, onlyObject, results, RST_HOST, tagNames, UUID, withKey,
} from './rstcloud-fake.js';

/** Upstream's mocked hit (tests/test_rst_ioc.py). */
const UPSTREAM_HIT = {
  id: 'rst-123',
  ioc_type: 'domain',
  score: { total: '82', tags: '0.5', frequency: '0.3' },
  threat: ['akira_ransomware'],
  fp: { alarm: 'false' },
};

const IP_HIT = {
  ioc_value: '118.243.83.70', ioc_type: 'ipv4', fseen: 1600214400, lseen: 1604966400, collect: 1605052800,
  tags: { str: ['c2', 'generic'], codes: [0, 8] },
  asn: { num: 4685, firstip: { netv4: '118.243.0.0', num: '1995636736' }, lastip: { netv4: '118.243.255.255', num: '1995702271' }, cloud: '', domains: 12100, org: 'Asahi Net', isp: 'ASAHINET' },
  geo: { city: 'Shibuya', country: 'Japan', region: 'Tokyo' },
  related: { domains: [] },
  score: { total: 28, src: 70.71, tags: 0.89, frequency: 0.45 },
  fp: { alarm: 'false', descr: '' },
  threat: ['emotet'],
  id: '7b72e456-adb4-3555-b298-32b57807d0e8',
  title: 'RST Threat feed. IOC: 118.243.83.70',
  description: 'IOC with tags: c2, generic. Related threats: emotet',
};

const DOMAIN_HIT = {
  ioc_value: 'malicious-domain.local', ioc_type: 'domain', fseen: 1603584000, lseen: 1604966400, collect: 1605052800,
  tags: { str: ['c2'], codes: [8] },
  resolved: {
    ip: { a: ['1.2.3.4'], alias: [], cname: [] },
    whois: { created: '2016-12-28 05:12:55', updated: '2019-12-26 16:26:24', expires: '2020-12-28 05:12:55', age: 1414, registrar: 'NameCheap Inc', registrant: 'unknown', havedata: 'true' },
  },
  score: { total: 48, src: 71.3, tags: 0.89, frequency: 0.76 },
  fp: { alarm: 'possible', descr: 'shared hosting' },
  threat: ['njrat_rat'],
  id: 'a0966302-16b5-3f0d-a6b0-c77e6cba8164',
  title: 'RST Threat feed. IOC: malicious-domain.local',
  description: 'IOC with tags: c2. Related threats: njrat_rat',
};

const URL_VALUE = 'http://zpmagura.com/wp-content/nux5wem-08';
const URL_HIT = {
  ioc_value: URL_VALUE, ioc_type: 'url', fseen: 1597622400, lseen: 1604966400, collect: 1605052800,
  tags: { str: ['malware'], codes: [10] },
  score: { total: 22, src: 77.43, tags: 0.89, frequency: 0.33 },
  resolved: { status: 200 },
  parsed: { domain: 'zpmagura.com', path: '/wp-content/nux5wem-08', port: 'None', schema: 'http' },
  fp: { alarm: 'false', descr: '' },
  threat: ['emotet'],
  id: '32a93c79-2ff6-390c-9239-fa1cc8ae6da7',
  title: 'RST Threat feed. IOC: zpmagura.com/wp-content/nux5wem-08',
  description: 'IOC with tags: malware. Related threats: emotet',
};

const SHA256 = 'fe3d38316dc38a4ec63eac80e34cb157c9d896460f9b7b3bfbd2cec4e2cb8cdc';
const MD5 = '0b8a1f7a2c6e9b3b1f2d3c4e5f6a7b8c';
const HASH_HIT = {
  sha256: SHA256,
  src: { report: 'https://www.threatfabric.com/blogs/partners-in-crime-medusa-cabassous.html', name: ['threatfabric'] },
  ioc_value: SHA256, sha1: '', industry: ['banking'], fseen: '1620691200', ioc_type: 'sha256',
  score: { total: '6', src: '76.8', tags: '0.89', frequency: '0.1' },
  fp: { alarm: 'false', descr: '' },
  filename: ['medusa.apk', 'None'], cve: [], collect: '1644624000', lseen: '1644537600',
  description: 'IOC with tags: malware. Related threats: medusa, flubot',
  threat: ['medusa', 'flubot'],
  id: 'c86948e7-eb72-3fe1-96e9-429e885cea3b',
  tags: { str: ['malware'], codes: ['10'] },
  title: 'RST Threat feed. IOC: sha256:fe3d38316dc38a4e...',
  md5: MD5,
};

const BY_VALUE: Record<string, unknown> = {
  'evil.example': UPSTREAM_HIT,
  '118.243.83.70': IP_HIT,
  'malicious-domain.local': DOMAIN_HIT,
  [URL_VALUE]: URL_HIT,
  [SHA256]: HASH_HIT,
};

const RST = {
  'GET /v1/ioc': withKey((req) => ({ json: BY_VALUE[req.query['value'] ?? ''] ?? { error: 'Not Found', ioc_value: req.query['value'] } })),
};

testModule({
  module: rst_ioc,
  vendors: { [RST_HOST]: RST, 'rst.internal.example': RST },
  config: CONFIG,
  rows: [
    {
      name: "upstream's hit: an rst-ioc object whose score-total carries the score and threat tags",
      query: attribute('domain', 'evil.example'),
      inputUuids: [UUID],
      requests: (requests) => assertOneGet(requests, '/v1/ioc', { value: 'evil.example' }),
      check: (answer) => {
        assertEchoed(answer, 'evil.example');
        const { object, values } = onlyObject(answer, 'rst-ioc', 'characterizes');
        assert.equal(object.comment, 'RST IoC Lookup');
        assert.deepEqual(values, { 'score-total': ['82'], 'score-confidence': ['0.50'], 'score-relevance': ['0.30'], threat: ['akira_ransomware'] });
        const scoreTotal = object.Attribute.find((a) => a.object_relation === 'score-total');
        assert.deepEqual(tagNames(scoreTotal), ['misp-galaxy:ransomware="akira"', 'rstcloud:score-total="82"']);
        assert.ok(object.Attribute.every((a) => a.to_ids === false));
      },
    },
    {
      name: 'an IP (ip-dst|port composite) is looked up without its port: geo, ASN, seen dates, tags',
      query: attribute('ip-dst|port', '118.243.83.70|8080'),
      inputUuids: [UUID],
      requests: (requests) => assertOneGet(requests, '/v1/ioc', { value: '118.243.83.70' }),
      check: (answer) => {
        const { object, values } = onlyObject(answer, 'rst-ioc', 'characterizes');
        assert.deepEqual(values, {
          'score-total': ['28'], 'score-confidence': ['0.89'], 'score-relevance': ['0.45'],
          'first-seen': ['2020-09-16T00:00:00'], 'last-seen': ['2020-11-10T00:00:00'],
          threat: ['emotet'], tag: ['c2', 'generic'],
          geo: ['Japan, Tokyo, Shibuya'], asn: ['AS4685 ASAHINET / Asahi Net'],
          description: ['IOC with tags: c2, generic. Related threats: emotet'],
        });
        assert.deepEqual(tagNames(object.Attribute[0]), ['misp-galaxy:malware="emotet"', 'rstcloud:score-total="28"']);
        assert.equal(results(answer).Attribute.length, 1, 'only the input: no related attributes for an IP');
      },
    },
    {
      name: 'a domain: DNS and WHOIS summaries, the false-positive alarm, the resolved IP as an attribute',
      query: attribute('domain', 'malicious-domain.local'),
      inputUuids: [UUID],
      check: (answer) => {
        const { object, values } = onlyObject(answer, 'rst-ioc', 'characterizes');
        assert.deepEqual(values['dns'], ['A: 1.2.3.4']);
        assert.deepEqual(values['whois'], ['registrar: NameCheap Inc, registrant: unknown, created: 2016-12-28, expires: 2020-12-28, updated: 2019-12-26, age: 1414 days']);
        assert.deepEqual(values['false-positive'], ['possible - shared hosting']);
        assert.deepEqual(tagNames(object.Attribute[0]), ['misp-galaxy:rat="njrat"', 'rstcloud:score-total="48"', 'false-positive:risk="medium"']);
        const resolved = results(answer).Attribute.filter((a) => a.type === 'ip-dst');
        assert.deepEqual(resolved.map((a) => [a.value, a.to_ids, a.comment]), [['1.2.3.4', false, 'RST IoC Lookup - resolved IP']]);
      },
    },
    {
      name: 'a URL: the HTTP status it answered',
      query: attribute('url', URL_VALUE),
      inputUuids: [UUID],
      requests: (requests) => assertOneGet(requests, '/v1/ioc', { value: URL_VALUE }),
      check: (answer) => {
        const { values } = onlyObject(answer, 'rst-ioc', 'characterizes');
        assert.deepEqual(values['http-status'], ['200']);
        assert.equal(values['whois'], undefined);
      },
    },
    {
      name: 'a hash: file names, industry, source report, and the related md5 as a tagged IDS attribute',
      query: attribute('sha256', SHA256, { category: 'Payload delivery' }),
      inputUuids: [UUID],
      check: (answer) => {
        const { values } = onlyObject(answer, 'rst-ioc', 'characterizes');
        assert.deepEqual(values['filename'], ['medusa.apk']);
        assert.deepEqual(values['industry'], ['banking']);
        assert.deepEqual(values['ref'], ['https://www.threatfabric.com/blogs/partners-in-crime-medusa-cabassous.html']);
        assert.deepEqual(values['threat'], ['medusa', 'flubot']);
        const related = results(answer).Attribute.filter((a) => a.value !== SHA256);
        assert.deepEqual(related.map((a) => [a.type, a.value, a.to_ids, a.comment]), [['md5', MD5, true, 'RST IoC Lookup - related hash']]);
        assert.deepEqual(tagNames(related[0]), ['misp-galaxy:malware="medusa"', 'misp-galaxy:malware="flubot"', 'rstcloud:score-total="6"']);
      },
    },
    {
      name: 'a hit without a score is an annotation with the summary, tagged',
      query: attribute('domain', 'evil.example'),
      routes: { 'GET /v1/ioc': { json: { id: 'rst-9', ioc_type: 'domain', threat: ['lazarus_group'], description: 'Seen in a campaign' } } },
      inputUuids: [UUID],
      check: (answer) => {
        const { object, values } = onlyObject(answer, 'annotation', 'characterizes');
        assert.deepEqual(values, { type: ['RST IoC Lookup'], text: ['Threats: lazarus_group\nDescription: Seen in a campaign'] });
        assert.deepEqual(tagNames(object.Attribute[1]), ['misp-galaxy:threat-actor="lazarus"']);
      },
    },
    {
      name: "a miss (RST's 200 {\"error\": \"Not Found\"}) is upstream's text, nothing invented",
      query: attribute('ip-dst', '8.8.8.8'),
      check: (answer) => assertTextOnly(answer, '8.8.8.8: not found in RST Cloud', 'RST IoC Lookup'),
    },
    {
      name: 'a 404 is a miss too',
      query: attribute('ip-dst', '8.8.8.8'),
      routes: { 'GET /v1/ioc': { status: 404, json: { message: 'Not Found' } } },
      check: (answer) => assertTextOnly(answer, '8.8.8.8: not found in RST Cloud', 'RST IoC Lookup'),
    },
    {
      name: 'an answer that is not an object is a miss',
      query: attribute('ip-dst', '8.8.8.8'),
      routes: { 'GET /v1/ioc': { json: ['unexpected'] } },
      check: (answer) => assertTextOnly(answer, '8.8.8.8: not found in RST Cloud', 'RST IoC Lookup'),
    },
    {
      name: 'base_url sends the lookup to that API (trailing slash or not)',
      query: attribute('domain', 'evil.example'),
      config: { base_url: 'https://rst.internal.example/v1/' },
      inputUuids: [UUID],
      requests: (requests) => assertOneGet(requests, '/v1/ioc', { value: 'evil.example' }, 'rst.internal.example'),
      check: (answer) => assert.equal(onlyObject(answer, 'rst-ioc', 'characterizes').values['score-total']![0], '82'),
    },
    { name: "no api_key: upstream's exact message, nothing sent", query: attribute('domain', 'evil.example'), config: { api_key: null }, error: NO_KEY, requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all: the same', query: attribute('domain', 'evil.example'), config: null, error: NO_KEY },
    { name: 'an empty value', query: attribute('domain', ' '), messageId: 'noValue' },
    { name: 'a type it does not take is refused', query: attribute('email', 'a@b.example'), error: /does not accept attributes of type 'email'/ },
    {
      name: 'a wrong key: the gateway says Forbidden',
      query: attribute('domain', 'evil.example'),
      config: { api_key: `${KEY}-old` },
      error: 'RST Cloud refused the key (setting api_key, HTTP 403 Forbidden).',
    },
    ...vendorFailureRows({ query: attribute('domain', 'evil.example'), route: 'GET /v1/ioc', vendorMessage: 'Internal server error' }).map((row) =>
      row.name.includes('500') ? { ...row, error: 'RST Cloud answered HTTP 500 Internal Server Error.' } : row,
    ),
  ],
});
