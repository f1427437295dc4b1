/**
 * ipasn against a loopback IPASN-History (D4-project/IPASN-History): `POST /ip`
 * with `{ip, address_family}` answers `{meta: {source, ip_version, ip},
 * response: {"<date>": {asn, prefix}}}`, or the same with `error` and an empty
 * response when it has no data for the date.
 */
import assert from 'node:assert/strict';
import ipasn from '../../../src/modules/expansion/ipasn.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968';

const HISTORY: Record<string, Record<string, { asn: string; prefix: string }>> = {
  '149.13.33.14': {
    '2023-11-27T00:00:00': { asn: '5577', prefix: '149.13.0.0/16' },
    '2023-11-28T00:00:00': { asn: '5577', prefix: '149.13.32.0/21' },
  },
  '2a00:5980:93::67': { '2023-11-28T00:00:00': { asn: '197869', prefix: '2a00:5980::/32' } },
  '185.194.93.0': { '2023-11-28T00:00:00': { asn: '197869', prefix: '185.194.92.0/22' } },
};

const IPASN = {
  'POST /ip': (req: FakeRequest) => {
    const { ip, address_family: family } = req.json<{ ip: string; address_family: string }>();
    return { json: { meta: { source: 'caida', ip_version: family, ip }, response: HISTORY[ip] ?? {} } };
  },
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

type ResultObject = { name: string; Attribute: Array<{ object_relation: string; type: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> };
function asnObjects(answer: Answer): Array<Array<[string, string, string]>> {
  const found = (answer['results'] as { Object: ResultObject[] }).Object;
  for (const object of found) {
    assert.equal(object.name, 'asn');
    assert.deepEqual(object.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['related-to', UUID]]);
  }
  return found.map((object) => object.Attribute.map((a) => [a.object_relation, a.type, a.value]));
}

testModule({
  module: ipasn,
  vendors: { 'ipasnhistory.circl.lu': IPASN, 'ipasn.internal.example': IPASN },
  config: {},
  rows: [
    {
      name: 'an IPv4 address gives one asn object per date',
      query: attribute('ip-dst', '149.13.33.14'),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), ['POST /ip']);
        assert.deepEqual(JSON.parse(requests[0]!.body), { ip: '149.13.33.14', address_family: 'v4' });
      },
      check: (answer) => {
        assert.deepEqual(asnObjects(answer), [
          [['last-seen', 'datetime', '2023-11-27T00:00:00'], ['asn', 'AS', '5577'], ['subnet-announced', 'ip-src', '149.13.0.0/16']],
          [['last-seen', 'datetime', '2023-11-28T00:00:00'], ['asn', 'AS', '5577'], ['subnet-announced', 'ip-src', '149.13.32.0/21']],
        ]);
        const echoed = (answer['results'] as { Attribute: Array<{ uuid: string; type: string }> }).Attribute;
        assert.deepEqual(echoed.map((a) => [a.uuid, a.type]), [[UUID, 'ip-dst']]);
      },
    },
    {
      name: 'an IPv6 address is asked as v6',
      query: attribute('ip-src', '2a00:5980:93::67'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(JSON.parse(requests[0]!.body), { ip: '2a00:5980:93::67', address_family: 'v6' }),
      check: (answer) => assert.deepEqual(asnObjects(answer)[0]![1], ['asn', 'AS', '197869']),
    },
    {
      name: 'an `ip` attribute is answered as ip-src, and a CIDR is asked for its first address',
      query: attribute('ip', '185.194.93.14/24'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(JSON.parse(requests[0]!.body), { ip: '185.194.93.0', address_family: 'v4' }),
      check: (answer) => {
        const echoed = (answer['results'] as { Attribute: Array<{ type: string; value: string }> }).Attribute;
        assert.deepEqual(echoed.map((a) => [a.type, a.value]), [['ip-src', '185.194.93.14/24']]);
        assert.equal(asnObjects(answer).length, 1);
      },
    },
    {
      name: 'custom_api sends the query to that instance',
      query: attribute('ip-dst', '149.13.33.14'),
      config: { custom_api: 'https://ipasn.internal.example/' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), ['ipasn.internal.example /ip']),
      check: (answer) => assert.equal(asnObjects(answer).length, 2),
    },
    { name: 'no history for the address is upstream\'s message, nothing invented', query: attribute('ip-dst', '192.0.2.1'), messageId: 'notFound' },
    {
      name: 'the service\'s own error (no data for the date) is carried',
      query: attribute('ip-dst', '149.13.33.14'),
      routes: { 'POST /ip': { json: { meta: { source: 'caida', ip_version: 'v4', ip: '149.13.33.14' }, response: {}, error: 'No route views have been loaded for caida / v4 yet.' } } },
      error: 'IPASN-History: No route views have been loaded for caida / v4 yet.',
    },
    { name: 'a value that is no IP address is refused before any request', query: attribute('ip-dst', 'not-an-ip'), error: 'The IP address is invalid: "not-an-ip"', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a bad prefix length too', query: attribute('ip-dst', '10.0.0.0/33'), messageId: 'invalidIp', data: { ip: '10.0.0.0/33' } },
    { name: 'a 404 (no such API on that server) is the vendor\'s error, named', query: attribute('ip-dst', '149.13.33.14'), routes: { 'POST /ip': { status: 404, body: 'Not Found' } }, error: 'IPASN-History answered HTTP 404 Not Found.' },
    { name: 'a type it does not take is refused before any request', query: attribute('domain', 'circl.lu'), error: /does not accept attributes of type 'domain'/, requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({ query: attribute('ip-dst', '149.13.33.14'), skip: ['unauthorized'], vendorMessage: 'Service unavailable' }),
  ],
});
