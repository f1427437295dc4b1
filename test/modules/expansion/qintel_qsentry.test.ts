/**
 * qintel_qsentry against a loopback QSentry: `GET /?q=<ip>` with the token in
 * `x-api-key` (401 otherwise), answering the IP reputation record Qintel
 * documents (tags, descriptions, last_seen, asn, asn_name; trimmed).
 */
import assert from 'node:assert/strict';
import qintel_qsentry from '../../../src/modules/expansion/qintel_qsentry.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const TOKEN = 'qintel-token';
const IP = '192.0.2.10';
const UUID = '6f0d1c2b-3a4e-4f5d-8c7b-9a0b1c2d3e4f';

const RECORD = {
  ip_address: IP,
  tags: ['criminal', 'proxy'],
  descriptions: ['This IP address has been associated with malicious proxy services.', 'Observed hosting criminal infrastructure.'],
  last_seen: '2021-07-19 00:00:00',
  first_seen: '2020-02-01 00:00:00',
  asn: 64511,
  asn_name: 'EXAMPLE-HOSTING LLC',
};

const QSENTRY: Routes = {
  'GET /': (req: FakeRequest) => {
    if (req.headers['x-api-key'] !== TOKEN) return { status: 401, json: { message: 'Unauthorized' } };
    return { json: req.query['q'] === IP ? RECORD : {} };
  },
};

const attribute = (type = 'ip-dst', value = IP) => ({ attribute: { type, value, uuid: UUID, to_ids: true } });

interface ObjectAttribute {
  object_relation: string;
  type: string;
  value: string;
  to_ids: boolean;
  distribution: string;
  comment?: string;
  Tag?: Array<{ name: string }>;
}
interface ResultObject {
  name: string;
  comment?: string;
  Attribute: ObjectAttribute[];
  ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }>;
}

const objects = (answer: Answer) => (answer['results'] as { Object: ResultObject[] }).Object;

testModule({
  module: qintel_qsentry,
  vendors: { 'api.qsentry.qintel.com': QSENTRY, 'qsentry.internal.example': QSENTRY },
  config: { token: TOKEN },
  rows: [
    {
      name: 'a known IP (hover): the tagged IP with descriptions, last-seen and the Tags text; the asn object',
      query: attribute(),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), [`GET /?q=${IP}`]);
        assert.equal(requests[0]!.headers['user-agent'], 'integrations-helper/1.0.1');
      },
      check: (answer) => {
        const [enriched, asn] = objects(answer);
        assert.equal(enriched!.name, 'ip-port');
        assert.equal(enriched!.comment, 'Qintel Threat Enrichment');
        assert.deepEqual(enriched!.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['related-to', UUID]]);
        assert.deepEqual(
          enriched!.Attribute.map((a) => [a.object_relation, a.type, a.value, a.distribution, (a.Tag ?? []).map((t) => t.name).join(' ')]),
          [
            ['ip-dst', 'ip-dst', IP, '0', 'qintel:tag="criminal" qintel:tag="proxy"'],
            ['text', 'text', RECORD.descriptions.join('\n'), '0', ''],
            ['last-seen', 'datetime', '2021-07-19T00:00:00', '0', ''],
            ['text', 'text', 'criminal, proxy', undefined, ''],
          ],
        );
        assert.equal(enriched!.Attribute[0]!.to_ids, true);
        assert.equal(asn!.name, 'asn');
        assert.deepEqual(asn!.Attribute.map((a) => [a.object_relation, a.type, a.value]), [['asn', 'AS', '64511'], ['description', 'text', 'Example-Hosting Llc']]);
        const echoed = (answer['results'] as { Attribute: Array<{ uuid: string; value: string }> }).Attribute;
        assert.deepEqual(echoed.map((a) => [a.uuid, a.value]), [[UUID, IP]]);
      },
    },
    {
      name: 'an expansion (event_id given): no Tags text; ip-src stays ip-src',
      query: { ...attribute('ip-src'), event_id: '42' },
      inputUuids: [UUID],
      check: (answer) => {
        const relations = objects(answer)[0]!.Attribute.map((a) => a.object_relation);
        assert.deepEqual(relations, ['ip-src', 'text', 'last-seen']);
      },
    },
    {
      name: 'remote sends the query to the admin\'s QSentry (trailing slash or not)',
      query: attribute(),
      config: { remote: 'https://qsentry.internal.example/' },
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.target}`), [`qsentry.internal.example /?q=${IP}`]),
    },
    { name: 'an IP QSentry knows nothing of: an empty result, nothing invented', query: attribute('ip-dst', '198.51.100.200'), results: {} },
    {
      name: 'an answer without an ASN gets no asn object',
      query: attribute(),
      inputUuids: [UUID],
      routes: { 'GET /': { json: { tags: ['tor'], descriptions: [], last_seen: '2021-01-01 00:00:00' } } },
      check: (answer) => assert.deepEqual(objects(answer).map((o) => o.name), ['ip-port']),
    },
    { name: 'no token: upstream\'s message, before the attribute is even read', query: { attributes: {} }, config: { token: '' }, error: 'Missing Qintel token' },
    { name: 'no config at all', query: attribute(), config: null, error: 'Missing Qintel token', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute', query: {}, messageId: 'noAttribute' },
    { name: 'an attribute without a value', query: { attribute: { type: 'ip-src', value: '' } }, messageId: 'noAttribute' },
    { name: 'a type it does not take', query: attribute('domain', 'example.org'), messageId: 'unsupported', requests: (r) => assert.equal(r.length, 0) },
    { name: 'JSON that is not an object', query: attribute(), routes: { 'GET /': { json: [RECORD] } }, messageId: 'notObject' },
    { name: 'a wrong token (the fake checks x-api-key)', query: attribute(), config: { token: 'bad' }, error: 'Qintel QSentry refused the key (setting token, HTTP 401 Unauthorized).' },
    ...vendorFailureRows({ query: attribute(), route: 'GET /', vendorMessage: 'Gateway trouble' }),
  ],
});
