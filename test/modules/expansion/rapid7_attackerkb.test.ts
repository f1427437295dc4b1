/**
 * rapid7_attackerkb against a loopback AttackerKB API: answers shaped like
 * api.attackerkb.com/v1 (topics, topic detail with references, assessments,
 * contributors; `{"data": …, "links": …}` envelopes), the Bearer key checked.
 */
import assert from 'node:assert/strict';
import attackerkb from '../../../src/modules/expansion/rapid7_attackerkb.js';
import { withHeader, type FakeRequest, type Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '5b0f1e9a-7c1d-4b7e-9a55-3c2f7e0d1a11';
const KEY = 'akb-test-key';
const TOPIC = '9b5b3f8c-2c1e-4e5a-8b8a-0b6c7a9d1e2f';
const EDITOR = 'c2a9b6d4-3e1f-4a7b-9c8d-1e2f3a4b5c6d';

const TOPIC_DETAIL = {
  id: TOPIC,
  editorId: EDITOR,
  name: 'CVE-2021-44228',
  created: '2021-12-10T00:00:00.000000Z',
  revisionDate: '2021-12-14T17:41:25.367284Z',
  document: 'Apache Log4j2 2.0-beta9 through 2.15.0 JNDI features used in configuration, log messages, and parameters do not protect against attacker controlled LDAP.',
  metadata: { cvssMetricV31: { cvssData: { baseScore: 10, baseSeverity: 'CRITICAL', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' } } },
  score: { attackerValue: 5, exploitability: 4.6 },
  tags: [{ id: 't1', name: 'Common in enterprise', type: 'common' }],
  references: [
    { id: 'r1', url: 'https://logging.apache.org/log4j/2.x/security.html', name: 'Apache', type: 'advisory' },
    { id: 'r2', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228', name: 'NVD', type: 'nvd' },
  ],
  rapid7Analysis: '## Description\nA **critical** JNDI injection.',
  rapid7AnalysisCreated: '2021-12-10T12:00:00Z',
};

const ASSESSMENTS = [
  { id: 'a1', editorId: EDITOR, topicId: TOPIC, created: '2021-12-10T05:00:00Z', document: 'Trivially exploitable.', score: 5, metadata: { exploitability: 5 }, tags: [] },
  { id: 'a2', editorId: EDITOR, topicId: TOPIC, created: '2021-12-11T05:00:00Z', document: '', score: 2, metadata: { exploitability: 3 }, tags: [] },
];

const auth = (handler: (req: FakeRequest) => unknown) =>
  withHeader('authorization', `Bearer ${KEY}`, (req) => ({ json: handler(req) }), { status: 401, json: { message: 'Invalid API key' } });

const ATTACKERKB = {
  'GET /v1/topics': auth((req) => ({
    data: req.query['name'] === 'CVE-2021-44228' ? [{ ...TOPIC_DETAIL, references: undefined }] : [],
    links: { self: { href: `/v1/topics?name=${req.query['name']}` } },
  })),
  'GET /v1/topics/:id': auth(() => ({ data: TOPIC_DETAIL })),
  'GET /v1/assessments': auth((req) => ({ data: req.query['topicId'] === TOPIC ? ASSESSMENTS : [], links: {} })),
  'GET /v1/contributors/:id': auth(() => ({ data: { id: EDITOR, username: 'wvu-r7', created: '2020-01-01T00:00:00Z', score: 100 } })),
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'External analysis' } });

type Obj = { name: string; comment?: string; uuid: string; Attribute: Array<{ object_relation: string; type: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> };
const objects = (answer: Answer) => (answer['results'] as { Object: Obj[] }).Object;
const values = (object: Obj, relation: string) => object.Attribute.filter((a) => a.object_relation === relation).map((a) => a.value);

testModule({
  module: attackerkb,
  vendors: { 'api.attackerkb.com': ATTACKERKB },
  config: { api_key: KEY },
  rows: [
    {
      name: 'a known CVE gives a vulnerability object and annotations for the analysis and each assessment',
      query: attribute('vulnerability', 'CVE-2021-44228'),
      inputUuids: [UUID],
      requests: (requests) =>
        assert.deepEqual(requests.map((r) => r.target), [
          '/v1/topics?name=CVE-2021-44228',
          `/v1/topics/${TOPIC}?expand=tags%2Creferences`,
          `/v1/assessments?topicId=${TOPIC}`,
          `/v1/contributors/${EDITOR}`,
        ]),
      check: (answer) => {
        const [vulnerability, analysis, first, second, ...rest] = objects(answer);
        assert.equal(rest.length, 0);
        assert.equal(vulnerability?.name, 'vulnerability');
        assert.deepEqual(values(vulnerability, 'id'), ['CVE-2021-44228']);
        assert.deepEqual(values(vulnerability, 'cvss-score'), ['10']);
        assert.deepEqual(values(vulnerability, 'description'), [TOPIC_DETAIL.document]);
        assert.deepEqual(values(vulnerability, 'references'), [
          `https://attackerkb.com/topics/${TOPIC}`,
          'https://logging.apache.org/log4j/2.x/security.html',
          'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
        ]);
        assert.equal(vulnerability.comment, 'AttackerKB attacker value: Very High, exploitability: Very High');
        assert.deepEqual(vulnerability.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['related-to', UUID]]);
        assert.deepEqual(values(analysis!, 'text'), [TOPIC_DETAIL.rapid7Analysis]);
        assert.deepEqual(values(first!, 'text'), ['Assessment by wvu-r7: attacker value Very High, exploitability Very High\n\nTrivially exploitable.']);
        assert.deepEqual(values(second!, 'text'), ['Assessment by wvu-r7: attacker value Low, exploitability Medium']);
        for (const note of [analysis!, first!, second!]) {
          assert.equal(note.name, 'annotation');
          assert.deepEqual(note.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['annotates', vulnerability.uuid]]);
        }
      },
    },
    {
      name: 'a comment with several CVEs asks each once, lower case included; an unknown one adds nothing',
      query: attribute('comment', 'see cve-2021-44228 and CVE-2099-0001, again CVE-2021-44228'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.filter((r) => r.path === '/v1/topics').map((r) => r.query['name']), ['CVE-2021-44228', 'CVE-2099-0001']),
      check: (answer) => assert.deepEqual(objects(answer).filter((o) => o.name === 'vulnerability').map((o) => values(o, 'id')[0]), ['CVE-2021-44228']),
    },
    { name: 'an unknown CVE is said, nothing invented', query: attribute('vulnerability', 'CVE-2099-0001'), messageId: 'notFound', data: { cves: 'CVE-2099-0001' } },
    { name: 'no CVE in the value', query: attribute('comment', 'nothing here'), messageId: 'noCve', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no api_key: upstream message', query: attribute('vulnerability', 'CVE-2021-44228'), config: { api_key: null }, error: 'Missing CVE input or API key' },
    { name: 'an empty value: upstream message', query: attribute('vulnerability', ' '), error: 'Missing CVE input or API key' },
    { name: 'a type it does not take', query: attribute('ip-src', '1.2.3.4'), error: /does not accept attributes of type .ip-src.; it accepts: vulnerability, comment/ },
    { name: 'no attribute', query: { vulnerability: 'CVE-2021-44228' }, error: /requires an "attribute" field/ },
    {
      name: 'a contributor AttackerKB no longer has is "Unknown (<id>)"',
      query: attribute('vulnerability', 'CVE-2021-44228'),
      routes: { 'GET /v1/contributors/:id': { status: 404, json: { message: 'Not found' } } },
      inputUuids: [UUID],
      check: (answer) => assert.match(values(objects(answer)[2]!, 'text')[0]!, new RegExp(`^Assessment by Unknown \\(${EDITOR}\\)`)),
    },
    { name: 'a wrong key: the fake refuses it', query: attribute('vulnerability', 'CVE-2021-44228'), config: { api_key: 'wrong' }, error: /Rapid7 AttackerKB refused the key \(setting api_key, HTTP 401.*\): Invalid API key\./ },
    ...vendorFailureRows({ query: attribute('vulnerability', 'CVE-2021-44228'), route: 'GET /v1/topics', vendorMessage: 'Database unavailable' }),
  ],
});
