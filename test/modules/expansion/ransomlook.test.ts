/**
 * ransomlook against a loopback RansomLook: `GET /api/search?q=…` answering the
 * posts that mention the value, shaped like RansomLook's posts (group_name,
 * post_title, discovered, description, link, screen…, and the enriched
 * fields upstream's own test uses: post_url, country, sector, website).
 * Rows follow upstream's tests/test_ransomlook.py (the exact request, the
 * object's relations, "RansomLook API returned HTTP status 401.").
 */
import assert from 'node:assert/strict';
import ransomlook from '../../../src/modules/expansion/ransomlook.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '5b582d80-7a7e-4b6a-9f22-77656e72bb3b';

/** Posts as RansomLook stores them. */
const POSTS = [
  {
    group_name: 'lockbit',
    post_title: 'Acme Corporation',
    discovered: '2026-05-30T12:34:56',
    post_url: 'http://exampleonion.onion/acme',
    description: 'Victim leak post',
    country: 'US',
    sector: 'Manufacturing',
    website: 'https://acme.example',
    screen: 'screenshots/lockbit/acme.png',
    magnet: null,
  },
  {
    group_name: 'akira',
    post_title: 'Acme Logistics GmbH',
    discovered: '2026-04-02 08:15:00.123456',
    description: 'Akira claims 120 GB of Acme Logistics data: contracts, HR files.',
    link: null,
    screen: null,
    magnet: null,
  },
  { group_name: 'play', post_title: 'Northwind Traders', discovered: '2025-11-20 10:00:00.000000', description: '', link: null },
];

const search = (req: FakeRequest): FakeResponse => {
  if (req.headers['user-agent'] !== 'misp-modules') return { status: 403, json: { message: 'Forbidden' } };
  const q = (req.query['q'] ?? '').toLowerCase();
  if (q === '') return { status: 400, json: { message: 'Missing q parameter' } };
  return { json: POSTS.filter((post) => `${post.post_title} ${post.description}`.toLowerCase().includes(q)) };
};

const RANSOMLOOK: Routes = { 'GET /api/search': search };

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID } });

type Obj = { name: string; Attribute: Array<{ object_relation: string; type: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> };
const objects = (answer: Answer) => (answer['results'] as { Object: Obj[] }).Object;
const relations = (object: Obj) => Object.fromEntries(object.Attribute.map((a) => [a.object_relation, a.value]));

testModule({
  module: ransomlook,
  vendors: { 'www.ransomlook.io': RANSOMLOOK },
  rows: [
    {
      name: "upstream's case: a victim name gives its ransomware-group-post, related to the input",
      query: attribute('text', 'Acme Corporation'),
      config: null,
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path} ${r.query['q']}`), ['GET /api/search Acme Corporation']);
        assert.equal(requests[0]!.headers['user-agent'], 'misp-modules');
      },
      check: (answer) => {
        assert.deepEqual(Object.keys(answer['results'] as object), ['Object']);
        const [post] = objects(answer);
        assert.equal(post!.name, 'ransomware-group-post');
        assert.deepEqual(relations(post!), {
          title: 'Acme Corporation',
          'entity-name': 'Acme Corporation',
          'ransomware-group': 'lockbit',
          description: 'Victim leak post',
          'date-published': '2026-05-30T12:34:56',
          geo: 'US',
          sector: 'Manufacturing',
          website: 'https://acme.example',
          link: 'http://exampleonion.onion/acme',
          'leak-site-url': 'http://exampleonion.onion/acme',
        });
        assert.deepEqual(post!.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['related-to', UUID]]);
      },
    },
    {
      name: 'every matching post is an object; types come from the template',
      query: attribute('freetext', 'acme'),
      inputUuids: [UUID],
      check: (answer) => {
        assert.deepEqual(objects(answer).map((o) => relations(o)['ransomware-group']), ['lockbit', 'akira']);
        const akira = objects(answer)[1]!;
        assert.deepEqual(akira.Attribute.map((a) => [a.object_relation, a.type]), [
          ['title', 'text'],
          ['entity-name', 'text'],
          ['ransomware-group', 'text'],
          ['description', 'text'],
          ['date-published', 'datetime'],
        ]);
        assert.equal(relations(akira)['date-published'], '2026-04-02T08:15:00.123456');
      },
    },
    {
      name: 'the answer as {"posts": […]}, lists joined and records written as sorted JSON',
      query: attribute('domain', 'acme.example'),
      inputUuids: [UUID],
      routes: {
        'GET /api/search': {
          json: { total: 1, posts: [{ title: 'Acme', group: 'lockbit', sector: ['Manufacturing', 'Retail', ''], geo: { region: 'NA', country: 'US' }, updated: 1717000000, severity: true }, 'junk'] },
        },
      },
      check: (answer) => {
        assert.deepEqual(relations(objects(answer)[0]!), {
          title: 'Acme',
          'entity-name': 'Acme',
          'ransomware-group': 'lockbit',
          date: '1717000000',
          geo: '{"country": "US", "region": "NA"}',
          sector: 'Manufacturing, Retail',
          severity: 'True',
        });
      },
    },
    {
      name: 'a post with none of title, description, link, website or leak-site-url is skipped: no results',
      query: attribute('text', 'Acme'),
      routes: { 'GET /api/search': { json: { results: [{ group_name: 'lockbit', country: 'US', discovered: '2026-05-30' }] } } },
      error: 'No results found on RansomLook for this text attribute.',
    },
    { name: 'no post mentions the value: upstream\'s no-results message', query: attribute('ip-dst', '198.51.100.7'), messageId: 'noResults', data: { type: 'ip-dst' } },
    { name: 'an answer that is no list of posts gives no results', query: attribute('text', 'Acme'), routes: { 'GET /api/search': { json: { message: 'ok' } } }, messageId: 'noResults', data: { type: 'text' } },
    { name: "upstream's 401 message, exactly", query: attribute('text', 'Acme'), routes: { 'GET /api/search': { status: 401, body: '' } }, error: 'RansomLook API returned HTTP status 401.' },
    { name: 'a 404 is an HTTP status error', query: attribute('text', 'Acme'), routes: { 'GET /api/search': { status: 404, body: '' } }, messageId: 'httpStatus', data: { status: 404 } },
    { name: 'an attribute without uuid: upstream\'s message', query: { attribute: { type: 'text', value: 'Acme' } }, error: 'This module requires an "attribute" field as input, which should contain at least a type, a value and an UUID.' },
    ...vendorFailureRows({
      query: attribute('text', 'Acme'),
      route: 'GET /api/search',
      vendorMessage: 'Too many requests, slow down',
      skip: ['serverError'],
      expect: {
        unauthorized: 'RansomLook API returned HTTP status 401: Too many requests, slow down.',
        rateLimited: 'RansomLook API returned HTTP status 429: Too many requests, slow down.',
        malformed: 'RansomLook API returned an invalid JSON response.',
      },
    }),
    { name: 'a 500 carries what RansomLook said', query: attribute('text', 'Acme'), routes: { 'GET /api/search': { status: 500, json: { message: 'Internal error' } } }, messageId: 'httpStatusSaid', data: { status: 500, detail: 'Internal error' } },
    {
      name: 'a connection reset is upstream\'s "request failed"',
      query: attribute('text', 'Acme'),
      routes: { 'GET /api/search': { resetAfter: '' } },
      error: 'RansomLook API request failed: RansomLook closed the connection before the end of its answer.',
    },
  ],
});
