/**
 * yeti against a loopback Yeti v1 API (X-Api-Key checked): observablesearch
 * answers the matching observables, neighbors/tuples the links and the
 * neighbouring observables, shaped like Yeti's (ids, types Ip/Hostname/Url/
 * File, tags with name/first_seen/last_seen), trimmed.
 */
import assert from 'node:assert/strict';
import yeti from '../../../src/modules/expansion/yeti.js';
import type { FakeRequest, FakeResponse } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = '5e8f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f';
const UUID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const ID = '5e6b4f1e8f2a4c0012345678';

const obs = (id: string, type: string, value: string, tags: string[] = []) => ({
  id,
  type,
  value,
  context: [],
  created: '2024-01-10T10:00:00.000Z',
  description: null,
  last_tagged: '2024-01-10T10:00:00.000Z',
  sources: ['API'],
  tags: tags.map((name) => ({ name, fresh: true, first_seen: '2024-01-10T10:00:00.000Z', last_seen: '2024-05-02T10:00:00.000Z' })),
  url: `/api/observable/${id}`,
});

const DOMAIN = obs(ID, 'Hostname', 'evil.example.com', ['c2']);
const NEIGHBOURS = {
  links: [
    { id: 'l1', description: 'A record', src: { id: ID }, dst: { id: 'ip1' } },
    { id: 'l2', description: 'Hosts', src: { id: ID }, dst: { id: 'url1' } },
    { id: 'l3', description: 'NS record', src: { id: ID }, dst: { id: 'ns1' } },
    { id: 'l4', description: 'Downloaded', src: { id: 'file1' }, dst: { id: ID } },
  ],
  objs: [
    obs('ip1', 'Ip', '198.51.100.7'),
    obs('url1', 'Url', 'http://evil.example.com/gate.php'),
    obs('ns1', 'Hostname', 'ns1.bad-dns.example'),
    obs('file1', 'File', 'FILE:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', ['emotet', 'malware']),
    obs('lonely', 'Ip', '203.0.113.9'),
  ],
};

const withKey = (handler: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse =>
  req.headers['x-api-key'] === KEY ? handler(req) : { status: 401, json: { message: 'Invalid API key' } };

const YETI = {
  'POST /api/observablesearch/': withKey((req) => {
    const value = req.json<{ filter: { value: string } }>().filter.value;
    return { json: value === DOMAIN.value ? [DOMAIN] : [] };
  }),
  'POST /api/neighbors/tuples/Observable/:id/Observable': withKey((req) => ({ json: req.params['id'] === ID ? NEIGHBOURS : { links: [], objs: [] } })),
};

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

interface Obj {
  name: string;
  Attribute: Array<{ object_relation: string; value: string }>;
  ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }>;
}
const results = (answer: Answer) => answer['results'] as { Attribute: Array<{ type: string; value: string; comment?: string; Tag?: Array<{ name: string }> }>; Object: Obj[] };

testModule({
  module: yeti,
  vendors: { 'yeti.example.org': YETI },
  config: { apikey: KEY, url: 'https://yeti.example.org/api/' },
  rows: [
    {
      name: 'a hostname: domain-ip, url and dns-record objects and a file hash, as upstream maps them',
      query: attribute('hostname', 'evil.example.com'),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['POST /api/observablesearch/', `POST /api/neighbors/tuples/Observable/${ID}/Observable`]);
        assert.deepEqual(JSON.parse(requests[0]!.body), { filter: { value: 'evil.example.com' }, params: { page: 1, range: 50, regex: false } });
      },
      check: (answer) => {
        const { Attribute, Object: objects } = results(answer);
        assert.deepEqual(objects.map((o) => [o.name, o.Attribute.map((a) => [a.object_relation, a.value])]), [
          ['domain-ip', [['ip', '198.51.100.7'], ['domain', 'evil.example.com']]],
          ['url', [['url', 'http://evil.example.com/gate.php'], ['domain', 'evil.example.com']]],
          ['dns-record', [['queried-domain', 'evil.example.com'], ['ns-record', 'ns1.bad-dns.example']]],
        ]);
        assert.ok(objects.every((o) => o.ObjectReference[0]!.referenced_uuid === UUID && o.ObjectReference[0]!.relationship_type === 'related_to'));
        assert.deepEqual(Attribute.map((a) => [a.type, a.value, a.comment, (a.Tag ?? []).map((t) => t.name)]), [
          ['hostname', 'evil.example.com', undefined, []],
          ['sha256', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'Downloaded: evil.example.com', ['emotet', 'malware']],
        ]);
      },
    },
    {
      name: 'an IP whose neighbours are a hostname (domain-ip) and a URL (url object)',
      query: attribute('ip-dst', '198.51.100.7'),
      inputUuids: [UUID],
      routes: {
        'POST /api/observablesearch/': { json: [obs('ip1', 'Ip', '198.51.100.7')] },
        'POST /api/neighbors/tuples/Observable/:id/Observable': {
          json: {
            links: [
              { id: 'l1', description: 'A record', src: { id: ID }, dst: { id: 'ip1' } },
              { id: 'l2', description: 'Hosted on', src: { id: 'url1' }, dst: { id: 'ip1' } },
            ],
            objs: [DOMAIN, obs('url1', 'Url', 'http://evil.example.com/gate.php')],
          },
        },
      },
      check: (answer) =>
        assert.deepEqual(results(answer).Object.map((o) => [o.name, o.Attribute.map((a) => [a.object_relation, a.value])]), [
          ['domain-ip', [['domain', 'evil.example.com'], ['ip', '198.51.100.7']]],
          ['url', [['url', 'http://evil.example.com/gate.php'], ['ip', '198.51.100.7']]],
        ]),
    },
    {
      name: 'an observable without neighbours: the input only, nothing invented',
      query: attribute('hostname', 'evil.example.com'),
      inputUuids: [UUID],
      routes: { 'POST /api/neighbors/tuples/Observable/:id/Observable': { json: { links: [], objs: [] } } },
      check: (answer) => {
        assert.deepEqual(results(answer).Attribute.map((a) => a.value), ['evil.example.com']);
        assert.equal(results(answer).Object, undefined);
      },
    },
    { name: 'a value Yeti does not know', query: attribute('domain', 'unknown.example'), messageId: 'notFound', data: { value: 'unknown.example' } },
    { name: 'a wrong key (the fake checks it)', query: attribute('domain', 'evil.example.com'), config: { apikey: 'wrong' }, error: 'Yeti refused the key (setting apikey, HTTP 401 Unauthorized): Invalid API key.' },
    { name: 'no key', query: attribute('domain', 'evil.example.com'), config: { apikey: '' }, messageId: 'noConfig', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no url', query: attribute('domain', 'evil.example.com'), config: { url: '' }, messageId: 'noConfig' },
    { name: 'a type it does not take', query: attribute('email', 'a@example.com'), error: /does not accept attributes of type 'email'/ },
    ...vendorFailureRows({ query: attribute('hostname', 'evil.example.com'), route: 'POST /api/observablesearch/', vendorMessage: 'Mongo unavailable' }),
  ],
});
