/**
 * threatfox against a loopback ThreatFox API: `POST /api/v1/` with a JSON
 * body `{"query": "search_ioc", "search_term": …}` and the `Auth-Key` header,
 * answers shaped like https://threatfox.abuse.ch/api/ documents them
 * (`query_status` "ok" with `data[]`, "no_result" with a sentence in `data`);
 * a wrong key is HTTP 401 `{"query_status": "unknown_auth_key"}`.
 */
import assert from 'node:assert/strict';
import threatfox from '../../../src/modules/expansion/threatfox.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const KEY = 'abusech-test-key';

/** One IOC as ThreatFox's search_ioc documents it. */
function ioc(fields: Record<string, unknown>) {
  return {
    id: '41',
    ioc: 'gaga.com',
    threat_type: 'botnet_cc',
    threat_type_desc: 'Indicator that identifies a botnet command&control server (C&C)',
    ioc_type: 'domain',
    ioc_type_desc: 'Domain that is used for botnet Command&control (C&C)',
    malware: 'win.dridex',
    malware_printable: 'Dridex',
    malware_alias: null,
    malware_malpedia: 'https://malpedia.caad.fkie.fraunhofer.de/details/win.dridex',
    confidence_level: 50,
    first_seen: '2020-12-08 13:36:27 UTC',
    last_seen: null,
    reporter: 'abuse_ch',
    reference: 'https://twitter.com/JAMESWT_MHT/status/1336229725082177536',
    tags: ['exe', 'test'],
    malware_samples: [
      { time_stamp: '2021-03-23 08:18:06 UTC', md5_hash: '5b7e82e051ade4b14d163eea2a17bf8b', sha256_hash: 'b325c92fa540edeb89b95dbfd4400c1cb33599c66859a87aead820e568a2ebe7', malware_bazaar: 'https://bazaar.abuse.ch/sample/b325c92fa540edeb89b95dbfd4400c1cb33599c66859a87aead820e568a2ebe7/' },
    ],
    ...fields,
  };
}

const KNOWN: Record<string, unknown> = {
  'gaga.com': ioc({}),
  '139.180.203.104:443': ioc({
    id: '1105537',
    ioc: '139.180.203.104:443',
    ioc_type: 'ip:port',
    ioc_type_desc: 'ip:port combination that is used for botnet Command&control (C&C)',
    malware: 'win.cobalt_strike',
    malware_printable: 'Cobalt Strike',
    confidence_level: 100,
  }),
};

const NO_RESULT = { query_status: 'no_result', data: 'Your search did not yield any results' };

const search = (req: FakeRequest): FakeResponse => {
  if (req.headers['auth-key'] !== KEY) return { status: 401, json: { query_status: 'unknown_auth_key' } };
  const body = req.json<{ query?: string; search_term?: string }>();
  if (body.query !== 'search_ioc') return { json: { query_status: 'unknown_query' } };
  const hit = KNOWN[body.search_term ?? ''];
  return { json: hit ? { query_status: 'ok', data: [hit] } : NO_RESULT };
};

const THREATFOX: Routes = { 'POST /api/v1/': search };

const DRIDEX = {
  types: ['text'],
  values: ['Indicator that identifies a botnet command&control server (C&C)'],
  tags: ['win.dridex', 'Dridex', 'misp:confidence-level="fairly-confident"'],
};

testModule({
  module: threatfox,
  vendors: { 'threatfox-api.abuse.ch': THREATFOX },
  config: { auth_key: KEY },
  rows: [
    {
      name: 'a known domain gives the threat type as text, tagged with the malware and the confidence level',
      query: { domain: 'gaga.com' },
      results: [DRIDEX],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), ['POST /api/v1/']);
        assert.deepEqual(JSON.parse(requests[0]!.body), { query: 'search_ioc', search_term: 'gaga.com' });
        assert.equal(requests[0]!.headers['auth-key'], KEY);
      },
    },
    {
      name: 'an ip-dst|port is searched as ThreatFox writes it (ip:port)',
      query: { 'ip-dst|port': '139.180.203.104|443' },
      results: [{ types: ['text'], values: [DRIDEX.values[0]], tags: ['win.cobalt_strike', 'Cobalt Strike', 'misp:confidence-level="completely-confident"'] }],
      requests: (requests) => assert.equal(JSON.parse(requests[0]!.body).search_term, '139.180.203.104:443'),
    },
    ...([
      [0, 'unconfident'],
      [10, 'rarely-confident'],
      [36, 'rarely-confident'],
      [37, 'fairly-confident'],
      [63, 'usually-confident'],
      [89, 'usually-confident'],
      [90, 'completely-confident'],
    ] as const).map(([level, tag]) => ({
      name: `confidence ${level} is tagged ${tag}`,
      query: { md5: '5b7e82e051ade4b14d163eea2a17bf8b' },
      routes: { 'POST /api/v1/': { json: { query_status: 'ok', data: [ioc({ confidence_level: level })] } } },
      results: [{ ...DRIDEX, tags: ['win.dridex', 'Dridex', `misp:confidence-level="${tag}"`] }],
    })),
    {
      name: 'only the first hit is read, as upstream',
      query: { url: 'http://gaga.com/x' },
      routes: { 'POST /api/v1/': { json: { query_status: 'ok', data: [ioc({}), ioc({ threat_type_desc: 'Payload delivery URL', malware: 'win.emotet' })] } } },
      results: [DRIDEX],
    },
    {
      name: 'a hit without confidence level or malware keeps the tags it has (upstream crashes)',
      query: { sha256: 'b325c92fa540edeb89b95dbfd4400c1cb33599c66859a87aead820e568a2ebe7' },
      routes: { 'POST /api/v1/': { json: { query_status: 'ok', data: [ioc({ confidence_level: null, malware: null })] } } },
      results: [{ ...DRIDEX, tags: ['Dridex'] }],
    },
    { name: 'an unknown value gives no results, nothing invented', query: { 'email-src': 'nobody@example.org' }, results: [] },
    {
      name: 'another query_status is an error naming ThreatFox and the status',
      query: { url: 'not a url' },
      routes: { 'POST /api/v1/': { json: { query_status: 'illegal_search_term', data: 'The search term is not valid' } } },
      error: 'ThreatFox could not search for this value: illegal_search_term.',
    },
    { name: 'no auth_key: upstream\'s exact message, nothing sent', query: { domain: 'gaga.com' }, config: { auth_key: '' }, error: 'A auth key is required to access all abuse.ch API services.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all: the same message', query: { domain: 'gaga.com' }, config: null, messageId: 'noKey' },
    { name: 'an input that is not text is unsupported, as upstream says', query: { domain: { value: 'gaga.com' } }, messageId: 'unsupported' },
    { name: 'none of its input types', query: { hostname: 'gaga.com' }, error: /needs one of these attribute types/ },
    { name: 'a wrong key is refused by ThreatFox with its query_status', query: { domain: 'gaga.com' }, config: { auth_key: 'wrong' }, error: 'ThreatFox refused the key (setting auth_key, HTTP 401 Unauthorized): unknown_auth_key.' },
    { name: 'a 404 (the endpoint moved) names ThreatFox and the status', query: { domain: 'gaga.com' }, routes: { 'POST /api/v1/': { status: 404, body: '<html><head><title>404 Not Found</title></head></html>', headers: { 'content-type': 'text/html' } } }, error: 'ThreatFox answered HTTP 404 Not Found: 404 Not Found.' },
    ...vendorFailureRows({ query: { domain: 'gaga.com' }, route: 'POST /api/v1/', vendorMessage: 'Service temporarily unavailable' }).map((row) =>
      row.name.includes('500') ? { ...row, error: 'ThreatFox answered HTTP 500 Internal Server Error: Service temporarily unavailable.' } : row,
    ),
  ],
});
