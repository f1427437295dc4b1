/**
 * circl_passivedns against a loopback CIRCL Passive DNS: `GET /pdns/query/{q}`
 * behind HTTP Basic auth, answering JSON lines in the Passive DNS Common
 * Output Format (draft-dulaunoy-dnsop-passive-dns-cof), as pypdns reads them;
 * an empty 200 when nothing is known; 401 for wrong credentials.
 */
import assert from 'node:assert/strict';
import circl_passivedns from '../../../src/modules/expansion/circl_passivedns.js';
import { withBasicAuth, type FakeRequest, type Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '4b2b9c1e-7f3a-4d8e-9a61-0c5d2e8f1a37';
const CONFIG = { username: 'analyst', password: 'pdns-secret' };

/** COF records for www.circl.lu (deliberately not sorted by time_last, as the service may send them). */
const HOST_LINES = [
  { count: 1451, origin: 'https://www.circl.lu/pdns/', rrtype: 'AAAA', rrname: 'www.circl.lu', rdata: '2a00:5980:93::67', time_first: 1489742400, time_last: 1701302400 },
  { count: 37, origin: 'https://www.circl.lu/pdns/', rrtype: 'A', rrname: 'www.circl.lu', rdata: '149.13.33.14', time_first: 1317288045, time_last: 1488542400 },
  { count: 2, origin: 'https://www.circl.lu/pdns/', rrtype: 'TXT', rrname: 'www.circl.lu', rdata: ['v=spf1 mx -all', 'google-site-verification=abc'], time_first: 1600000000, time_last: 1600086400 },
];
const IP_LINES = [{ count: 12, origin: 'https://www.circl.lu/pdns/', rrtype: 'A', rrname: 'cpab.circl.lu', rdata: '149.13.33.14', time_first: 1343902110, time_last: 1395157398 }];

const ndjson = (lines: unknown[]) => ({ headers: { 'content-type': 'application/x-ndjson' }, body: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' });

const PDNS = {
  'GET /pdns/query/:q': withBasicAuth(
    CONFIG.username,
    CONFIG.password,
    (req: FakeRequest) => {
      if (req.params['q'] === 'www.circl.lu') return ndjson(HOST_LINES);
      if (req.params['q'] === '149.13.33.14') return ndjson(IP_LINES);
      return { body: '' };
    },
    { status: 401, headers: { 'content-type': 'text/plain' }, body: 'Unauthorized' },
  ),
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

type ResultObject = { name: string; first_seen?: string; last_seen?: string; Attribute: Array<{ object_relation: string; type: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> };
const objects = (answer: Answer) => (answer['results'] as { Object: ResultObject[] }).Object;
const relations = (object: ResultObject) => object.Attribute.map((a) => [a.object_relation, a.type, a.value]);

testModule({
  module: circl_passivedns,
  vendors: { 'www.circl.lu': PDNS },
  config: CONFIG,
  rows: [
    {
      name: 'a hostname gives one passive-dns object per record, oldest time_last first',
      query: attribute('hostname', 'www.circl.lu'),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), ['GET /pdns/query/www.circl.lu']);
        assert.equal(requests[0]!.headers.authorization, `Basic ${Buffer.from('analyst:pdns-secret').toString('base64')}`);
      },
      check: (answer) => {
        const found = objects(answer);
        assert.deepEqual(found.map((o) => o.name), ['passive-dns', 'passive-dns', 'passive-dns']);
        assert.deepEqual(relations(found[0]!), [
          ['count', 'counter', '37'],
          ['origin', 'text', 'https://www.circl.lu/pdns/'],
          ['rrtype', 'text', 'A'],
          ['rrname', 'text', 'www.circl.lu'],
          ['rdata', 'text', '149.13.33.14'],
          ['time_first', 'datetime', '2011-09-29T09:20:45+00:00'],
          ['time_last', 'datetime', '2017-03-03T12:00:00+00:00'],
        ]);
        assert.equal(found[0]!.first_seen, '2011-09-29T09:20:45+00:00');
        assert.equal(found[0]!.last_seen, '2017-03-03T12:00:00+00:00');
        // A TXT record with two strings keeps both.
        assert.deepEqual(found[1]!.Attribute.filter((a) => a.object_relation === 'rdata').map((a) => a.value), ['v=spf1 mx -all', 'google-site-verification=abc']);
        assert.equal(found[2]!.Attribute.find((a) => a.object_relation === 'rdata')?.value, '2a00:5980:93::67');
        for (const object of found) assert.deepEqual(object.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['associated-to', UUID]]);
        const echoed = (answer['results'] as { Attribute: Array<{ uuid: string; value: string }> }).Attribute;
        assert.deepEqual(echoed.map((a) => [a.uuid, a.value]), [[UUID, 'www.circl.lu']]);
      },
    },
    {
      name: 'an ip-dst|port is asked without its port',
      query: attribute('ip-dst|port', '149.13.33.14|443'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/pdns/query/149.13.33.14']),
      check: (answer) => assert.deepEqual(objects(answer).map((o) => o.Attribute.find((a) => a.object_relation === 'rrname')?.value), ['cpab.circl.lu']),
    },
    {
      name: 'an IPv6 address keeps its colons in the path',
      query: attribute('ip-src', '2a00:5980:93::67'),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), ['/pdns/query/2a00:5980:93::67']),
      messageId: 'notFound',
    },
    { name: 'nothing known (an empty answer) is "Not found", nothing invented', query: attribute('domain', 'unknown.example'), messageId: 'notFound' },
    { name: 'a 404 is "Not found" too', query: attribute('domain', 'circl.lu'), routes: { 'GET /pdns/query/:q': { status: 404, body: '' } }, messageId: 'notFound' },
    {
      name: 'a record without rrname/rrtype/rdata is left out; one missing count or times keeps what it has',
      query: attribute('hostname', 'www.circl.lu'),
      inputUuids: [UUID],
      routes: { 'GET /pdns/query/:q': ndjson([{ rrtype: 'A', rdata: '192.0.2.1', time_last: 1 }, { rrname: 'www.circl.lu', rrtype: 'A', rdata: '192.0.2.2' }]) },
      check: (answer) => assert.deepEqual(objects(answer).map(relations), [[['rrtype', 'text', 'A'], ['rrname', 'text', 'www.circl.lu'], ['rdata', 'text', '192.0.2.2']]]),
    },
    { name: 'no config at all: upstream\'s exact message', query: attribute('hostname', 'www.circl.lu'), config: null, error: 'CIRCL Passive DNS authentication is missing.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty config object (PHP sends []): the same message', query: { ...attribute('hostname', 'www.circl.lu'), config: [] }, config: null, error: 'CIRCL Passive DNS authentication is missing.' },
    { name: 'an empty password: "incomplete"', query: attribute('hostname', 'www.circl.lu'), config: { password: '' }, messageId: 'incomplete', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a wrong password: CIRCL refuses it (401), named', query: attribute('hostname', 'www.circl.lu'), config: { password: 'wrong' }, error: 'CIRCL Passive DNS refused the key (setting username/password, HTTP 401 Unauthorized).' },
    { name: 'incomplete credentials are reported before the attribute (here without uuid) is checked, as upstream', query: { attribute: { type: 'hostname', value: 'www.circl.lu' } }, config: { password: '' }, messageId: 'incomplete' },
    { name: 'a value of ".." (another API path) is not sent: "Not found"', query: attribute('domain', '..'), messageId: 'notFound', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a type it does not take is refused before any request', query: attribute('url', 'https://www.circl.lu/'), error: /does not accept attributes of type 'url'/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute at all', query: { hostname: 'www.circl.lu' }, error: /requires an "attribute" field/ },
    ...vendorFailureRows({ query: attribute('hostname', 'www.circl.lu'), vendorMessage: 'Quota exhausted', skip: ['malformed'] }),
    { name: 'a line that is not JSON', query: attribute('hostname', 'www.circl.lu'), routes: { 'GET /pdns/query/:q': { body: '{"rrname": "www.circl.lu"}\n{"rrname": tru\n' } }, error: 'CIRCL Passive DNS answered with invalid JSON lines (HTTP 200).' },
  ],
});
