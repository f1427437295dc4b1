/**
 * farsight_passivedns against a loopback api.dnsdb.info answering like DNSDB
 * API v2: SAF streams of JSON lines (`{"cond":"begin"}`, `{"obj":{…}}`…,
 * `{"cond":"succeeded"}`, or `limited` / `failed` with a `msg`) for
 * `/dnsdb/v2/lookup/rrset/name/{name}`, `lookup/rdata/name/{name}`,
 * `lookup/rdata/ip/{ip}` and the Flex `regex/{rdata|rrnames}/{re}`,
 * refusing a request without the right `X-API-Key` header with 403 and
 * DNSDB's plain-text error.
 */
import assert from 'node:assert/strict';
import farsight_passivedns from '../../../src/modules/expansion/farsight_passivedns.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'dnsdb-test-key-0123456789';
const UUID = '9b3c2f4e-1d2a-4e7f-8c6b-5a4d3e2f1a0b';
const DOMAIN = 'farsightsecurity.com';
const IP = '104.244.13.104';
const attribute = (type: string, value: string, extra: Record<string, unknown> = {}) => ({ type, value, uuid: UUID, category: 'Network activity', ...extra });

const saf = (objects: unknown[], end: Record<string, unknown> = { cond: 'succeeded' }): FakeResponse => ({
  headers: { 'content-type': 'application/x-ndjson' },
  body: [{ cond: 'begin' }, ...objects.map((obj) => ({ obj })), end].map((line) => JSON.stringify(line)).join('\n') + '\n',
});
const keyed = (answer: (req: FakeRequest) => FakeResponse) => (req: FakeRequest) =>
  req.headers['x-api-key'] === KEY ? answer(req) : { status: 403, headers: { 'content-type': 'text/plain' }, body: 'Error: API key not valid\n' };

const RRSET = [
  { count: 5059, time_first: '2013-09-25T15:37:03Z', time_last: '2024-05-31T17:25:34Z', rrname: `${DOMAIN}.`, rrtype: 'A', bailiwick: `${DOMAIN}.`, rdata: ['104.244.13.104'] },
  { count: 2421, zone_time_first: '2010-06-24T19:41:52Z', zone_time_last: '2010-07-11T14:59:18Z', rrname: `${DOMAIN}.`, rrtype: 'NS', bailiwick: 'com.', rdata: ['ns.lah1.vix.com.', 'ns1.isc-sns.net.'] },
];
const RDATA_NAME = [{ count: 19, time_first: '2015-01-12T18:05:44Z', time_last: '2023-02-06T21:41:35Z', rrname: `www.${DOMAIN}.`, rrtype: 'CNAME', rdata: `${DOMAIN}.` }];
const RDATA_IP = [{ count: 812, time_first: '2019-11-12T22:54:38Z', time_last: '2024-05-31T17:25:34Z', rrname: `${DOMAIN}.`, rrtype: 'A', rdata: IP }];

const ROUTES: Routes = {
  'GET /dnsdb/v2/lookup/rrset/name/:name': keyed((req) => (req.params['name'] === DOMAIN ? saf(RRSET) : saf([]))),
  'GET /dnsdb/v2/lookup/rdata/name/:name': keyed((req) => (req.params['name'] === DOMAIN ? saf(RDATA_NAME) : saf([]))),
  'GET /dnsdb/v2/lookup/rdata/ip/:ip': keyed((req) => (req.params['ip'] === IP ? saf(RDATA_IP) : saf([]))),
  'GET /dnsdb/v2/regex/rrnames/:re': keyed((req) =>
    saf(req.params['re']!.includes('circl') ? [{ rrname: 'info.circl.lu.', rrtype: 'A', count: 3, time_first: '2020-01-01T00:00:00Z', time_last: '2024-01-01T00:00:00Z' }] : []),
  ),
  'GET /dnsdb/v2/regex/rdata/:re': keyed((req) => saf(req.params['re']!.includes('circl') ? [{ rdata: '"v=spf1 include:info.circl.lu -all"', rrtype: 'TXT', raw_rdata: '22763D737066', count: 7 }] : [])),
};

interface Attr {
  object_relation?: string;
  type: string;
  value: string;
  comment?: string;
  distribution?: string;
}
interface Obj {
  name: string;
  distribution: string;
  first_seen?: string;
  Attribute: Attr[];
  ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }>;
}
const results = (answer: Answer) => answer['results'] as { Attribute: Attr[]; Object?: Obj[] };
const relations = (object: Obj) => object.Attribute.map((a) => [a.object_relation, a.value]);

testModule({
  module: farsight_passivedns,
  vendors: { 'api.dnsdb.info': ROUTES, 'dnsdb.mirror.example': ROUTES },
  config: { apikey: KEY },
  rows: [
    {
      name: 'a domain: rrset then rdata lookups, one passive-dns object per result (key in X-API-Key, SAF lines)',
      query: { attribute: attribute('domain', DOMAIN) },
      inputUuids: [UUID],
      check: (answer) => {
        const { Attribute, Object: objects = [] } = results(answer);
        assert.equal(Attribute[0]!.value, DOMAIN);
        assert.equal(objects.length, 3);
        assert.deepEqual(relations(objects[0]!), [
          ['rdata', '104.244.13.104'],
          ['bailiwick', `${DOMAIN}.`],
          ['count', '5059'],
          ['rrname', `${DOMAIN}.`],
          ['rrtype', 'A'],
          ['time_first', '2013-09-25T15:37:03+00:00'],
          ['time_last', '2024-05-31T17:25:34+00:00'],
        ]);
        assert.deepEqual(relations(objects[1]!).filter(([r]) => r === 'rdata' || r === 'zone_time_first'), [
          ['rdata', 'ns.lah1.vix.com.'],
          ['rdata', 'ns1.isc-sns.net.'],
          ['zone_time_first', '2010-06-24T19:41:52+00:00'],
        ]);
        assert.deepEqual(relations(objects[2]!).slice(0, 1), [['rdata', `${DOMAIN}.`]]);
        assert.equal(objects[0]!.distribution, '0');
        assert.equal(objects[0]!.first_seen, '2013-09-25T15:37:03+00:00');
        assert.equal(objects[0]!.Attribute[0]!.comment, `Result from a rrset lookup on DNSDB about the domain name: ${DOMAIN}`);
        assert.equal(objects[2]!.Attribute[0]!.comment, `Result from a rdata lookup on DNSDB about the domain name: ${DOMAIN}`);
        for (const object of objects) assert.deepEqual(object.ObjectReference.map((r) => [r.referenced_uuid, r.relationship_type]), [[UUID, 'related-to']]);
      },
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.path), [`/dnsdb/v2/lookup/rrset/name/${DOMAIN}`, `/dnsdb/v2/lookup/rdata/name/${DOMAIN}`]);
        for (const request of requests) {
          assert.equal(request.headers['x-api-key'], KEY);
          assert.equal(request.headers['accept'], 'application/x-ndjson');
          assert.equal(request.query['limit'], '10');
          assert.equal(request.query['offset'], '0');
          assert.equal(request.query['humantime'], 'true');
        }
      },
    },
    {
      name: 'an ip: the rdata ip lookup, with the limit setting and the attribute\'s first_seen as time_first_after',
      query: { attribute: attribute('ip-dst', IP, { first_seen: '2020-01-01T00:00:00.000000+00:00' }) },
      config: { limit: '3' },
      inputUuids: [UUID],
      check: (answer) => {
        const objects = results(answer).Object ?? [];
        assert.equal(objects.length, 1);
        assert.deepEqual(relations(objects[0]!).slice(0, 3), [['rdata', IP], ['count', '812'], ['rrname', `${DOMAIN}.`]]);
        assert.equal(objects[0]!.Attribute[0]!.comment, `Result from a rdata lookup on DNSDB about the IP address: ${IP}`);
      },
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.path), [`/dnsdb/v2/lookup/rdata/ip/${IP}`]);
        assert.equal(requests[0]!.query['limit'], '3');
        assert.equal(requests[0]!.query['time_first_after'], '1577836800');
      },
    },
    {
      name: 'an email: Flex regex searches on rdata and rrnames, as given and dots escaped, merged; results as attributes',
      query: { attribute: attribute('email-src', 'info@circl.lu') },
      inputUuids: [UUID],
      check: (answer) => {
        const { Attribute, Object: objects } = results(answer);
        assert.equal(objects, undefined);
        assert.deepEqual(Attribute.slice(1).map((a) => [a.type, a.value]), [
          ['text', '"v=spf1 include:info.circl.lu -all"'],
          ['hostname', 'info.circl.lu'],
        ]);
        assert.equal(Attribute[2]!.comment, 'Result from a flex_rrnames lookup on DNSDB about the email address: info@circl.lu (rrtype A, count 3, time_first 2020-01-01T00:00:00Z, time_last 2024-01-01T00:00:00Z)');
      },
      requests: (requests) =>
        assert.deepEqual(requests.map((r) => decodeURIComponent(r.path)), [
          '/dnsdb/v2/regex/rdata/info.circl.lu',
          '/dnsdb/v2/regex/rdata/info\\.circl\\.lu',
          '/dnsdb/v2/regex/rrnames/info.circl.lu',
          '/dnsdb/v2/regex/rrnames/info\\.circl\\.lu',
        ]),
    },
    {
      name: 'flex_queries true adds the Flex searches to a domain lookup',
      query: { attribute: attribute('domain', DOMAIN) },
      config: { flex_queries: 'true' },
      inputUuids: [UUID],
      requests: (requests) => assert.equal(requests.length, 6),
    },
    {
      name: 'a stream cut by the limit keeps its results',
      query: { attribute: attribute('ip-src', IP) },
      routes: { 'GET /dnsdb/v2/lookup/rdata/ip/:ip': keyed(() => saf(RDATA_IP, { cond: 'limited', msg: 'Result limit reached' })) },
      inputUuids: [UUID],
      check: (answer) => assert.equal(results(answer).Object?.length, 1),
    },
    { name: 'nothing known: upstream\'s empty-result message, nothing invented', query: { attribute: attribute('hostname', 'unknown.example') }, messageId: 'empty', data: { feature: 'hostname', value: 'unknown.example' } },
    {
      name: 'DNSDB\'s failed condition carries its message',
      query: { attribute: attribute('ip-src', IP) },
      routes: { 'GET /dnsdb/v2/lookup/rdata/ip/:ip': keyed(() => saf([], { cond: 'failed', msg: 'Query timed out.' })) },
      messageId: 'failed',
      data: { message: 'Query timed out' },
    },
    {
      name: 'a stream that stops without its end',
      query: { attribute: attribute('ip-src', IP) },
      routes: { 'GET /dnsdb/v2/lookup/rdata/ip/:ip': keyed(() => ({ body: '{"cond":"begin"}\n{"obj":{"rrname":"x.example.","rrtype":"A","rdata":"192.0.2.1"}}\n' })) },
      messageId: 'truncated',
    },
    { name: 'no config: upstream\'s exact string', query: { attribute: attribute('domain', DOMAIN) }, config: null, error: 'Farsight DNSDB apikey is missing' },
    { name: 'an empty apikey: nothing sent', query: { attribute: attribute('domain', DOMAIN) }, config: { apikey: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute', query: { domain: DOMAIN }, error: /requires an "attribute" field/ },
    { name: 'an unsupported type', query: { attribute: attribute('md5', '616eff3e9a7575ae73821b4668d2801c') }, messageId: 'unsupported' },
    {
      name: 'the server setting is where the lookups go',
      query: { attribute: attribute('ip-src', IP) },
      config: { server: 'https://dnsdb.mirror.example/' },
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), [`dnsdb.mirror.example /dnsdb/v2/lookup/rdata/ip/${IP}`]),
    },
    { name: 'a server that is not a URL', query: { attribute: attribute('ip-src', IP) }, config: { server: 'api.dnsdb.info' }, messageId: 'badServer', data: { default: 'https://api.dnsdb.info', server: 'api.dnsdb.info' } },
    { name: 'a limit that is not a number', query: { attribute: attribute('domain', DOMAIN) }, config: { limit: 'ten' }, messageId: 'badLimit', data: { limit: 'ten' } },
    { name: 'a wrong key is refused with DNSDB\'s text', query: { attribute: attribute('domain', DOMAIN) }, config: { apikey: 'wrong' }, error: 'Farsight DNSDB refused the key (setting apikey, HTTP 403 Forbidden): Error: API key not valid.' },
    {
      name: 'the concurrency limit (503)',
      query: { attribute: attribute('domain', DOMAIN) },
      routes: { 'GET /dnsdb/v2/lookup/rrset/name/:name': { status: 503, headers: { 'content-type': 'text/plain' }, body: 'Error: concurrent connection limit exceeded' } },
      error: /Farsight DNSDB answered HTTP 503 Service Unavailable: Error: concurrent connection limit exceeded/,
    },
    ...vendorFailureRows({ query: { attribute: attribute('ip-dst', IP) }, route: 'GET /dnsdb/v2/lookup/rdata/ip/:ip', vendorMessage: 'Error: quota exceeded' }),
  ],
});
