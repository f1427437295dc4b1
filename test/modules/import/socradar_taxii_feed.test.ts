/**
 * socradar_taxii_feed against a loopback SOCRadar TAXII 2.1 server
 * (taxii2.socradar.com): collections and paged objects of an API root, with
 * the TAXII media type and Basic auth, answered from recorded fixtures.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import socradar from '../../../src/modules/import/socradar_taxii_feed.js';
import { withBasicAuth, type FakeRequest, type FakeResponse, type Routes } from '../../support/fake-http.js';
import { testModule, type Answer, type ModuleTestRow } from '../../support/module-tester.js';

const USER = 'acme-soc';
const PASSWORD = 'socradar-taxii-secret';
const COLLECTION = '9d4f2a1c-6b3e-4c8d-a5f7-0e1b2c3d4e5f';
const TAXII = 'application/taxii+json;version=2.1';
const NEXT = 'eyJwYWdlIjogMn0=';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`fixtures-net/socradar/${name}.json`, import.meta.url), 'utf8'));
}
const taxii = (name: string): FakeResponse => ({ headers: { 'content-type': TAXII }, json: fixture(name) });

const auth = (handler: (req: FakeRequest) => FakeResponse) =>
  withBasicAuth(USER, PASSWORD, handler, { status: 401, headers: { 'content-type': TAXII }, json: { title: 'Unauthorized' } });

const OBJECTS = 'GET /radar_alpha/collections/:id/objects';
const SOCRADAR: Routes = {
  'GET /radar_alpha/collections': auth(() => taxii('collections')),
  [OBJECTS]: auth((req) => (req.query.next === NEXT ? taxii('objects-page2') : taxii('objects-page1'))),
  'GET /radar_beta/collections': auth(() => ({ headers: { 'content-type': TAXII }, json: { collections: [] } })),
};
const objectsAnswer = (response: FakeResponse | ((req: FakeRequest) => FakeResponse)): Routes => ({ [OBJECTS]: response });

/** What MISP sends: the import form's data (any text) and the settings. */
const IMPORT = { data: Buffer.from('list').toString('base64') };
const IN_COLLECTION = { collection_id: COLLECTION };

type Attr = { type: string; value: string; category: string; comment?: string; to_ids: boolean; Tag?: Array<{ name: string }> };
const attributes = (answer: Answer) => (answer.results as { Attribute: Attr[] }).Attribute;
const COMMON = ['tlp:amber', 'source:SOCRadar', 'type:OSINT', 'socradar:feed'];

/** A failing objects endpoint while a collection is imported. */
const fetchFailure = (name: string, response: FakeResponse, error: string): ModuleTestRow => ({ name, query: IMPORT, config: IN_COLLECTION, routes: objectsAnswer(response), error });

/** An objects endpoint that always announces one more page, with a new token each time. */
function endlessPages(): (req: FakeRequest) => FakeResponse {
  let page = 0;
  return () => {
    page += 1;
    return { headers: { 'content-type': TAXII }, json: { more: true, next: `token-${page}`, objects: [] } };
  };
}

testModule({
  module: socradar,
  vendors: { 'taxii2.socradar.com': SOCRADAR },
  config: { socradar_username: USER, socradar_password: PASSWORD },
  rows: [
    // collections
    {
      name: 'without a collection id: the collections with their UUIDs, as one text',
      query: IMPORT,
      check: (answer, requests) => {
        assert.equal(requests.length, 1);
        assert.equal(requests[0]!.path, '/radar_alpha/collections/');
        assert.equal(requests[0]!.headers.accept, TAXII);
        assert.equal(requests[0]!.headers.authorization, `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
        const [list] = attributes(answer);
        assert.equal(list?.type, 'text');
        assert.equal(list?.category, 'External analysis');
        assert.equal(list?.comment, 'SOCRadar TAXII Collection List');
        assert.equal(
          list?.value,
          [
            'Found 3 SOCRadar TAXII collections.',
            '',
            "Copy the UUID of the collection you want and paste it into the 'collection_id' field, then run the import again.",
            '',
            '='.repeat(60),
            '',
            '[1] SOCRadar Recommended Block IPs',
            `    UUID: ${COLLECTION}`,
            '    Feeds: SOCRadar Botnet C2 Feed, SOCRadar Malware Distribution IP Feed',
            '    Readable: True',
            '',
            '[2] SOCRadar Phishing Domains',
            '    UUID: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
            '    Feeds: SOCRadar Phishing Domain Feed',
            '    Readable: True',
            '',
            '[3] Premium Hash Feed',
            '    UUID: 7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918',
            '    Readable: False',
            '',
            '='.repeat(60),
            'To import: go to Populate from → SOCRadar TAXII Feed → paste the UUID into collection_id field.',
          ].join('\n'),
        );

      },
    },
    {
      name: 'an API root without collections (admin settings for the URL and API root)',
      query: IMPORT,
      config: { socradar_taxii_url: 'https://taxii2.socradar.com/', socradar_api_root: '/radar_beta/' },
      requests: (requests) => assert.equal(requests[0]!.path, '/radar_beta/collections/'),
      check: (answer) => assert.deepEqual(attributes(answer).map((a) => a.value), ['No collections found on SOCRadar TAXII server.']),
    },

    // importing a collection
    {
      name: 'pages through the indicators; one tagged attribute per IOC, the summary first',
      query: IMPORT,
      config: { collection_id: ` ${COLLECTION} ` },
      check: (answer, requests) => {
        assert.deepEqual(requests.map((r) => r.target), [
          `/radar_alpha/collections/${COLLECTION}/objects/`,
          `/radar_alpha/collections/${COLLECTION}/objects/?next=${encodeURIComponent(NEXT)}`,
        ]);
        const list = attributes(answer);
        assert.deepEqual(list.map((a) => [a.type, a.value, a.to_ids]), [
          ['text', `SOCRadar TAXII Import: 6 indicators imported from collection ${COLLECTION}`, false],
          ['ip-dst', '185.215.113.66', true],
          ['domain', 'secure-login.example-paypai.com', true],
          ['sha256', 'e3b98a4da31a127d4bde6e43033f66ba274cab0eb7eb1c70ec41402bf6273dd8', true],
          // anomalous-activity is not flagged for IDS; no indicator_types is.
          ['url', 'http://198.51.100.14/bins/mozi.m', false],
          ['email-dst', 'invoice@example-shipping.net', true],
          ['md5', '44d88612fea8a8f36de82e1278abb02f', true],
        ]);
        assert.equal(list[0]!.comment, 'SOCRadar TAXII Feed Import Summary');
        const tags = (a: Attr) => (a.Tag ?? []).map((tag) => tag.name);
        assert.deepEqual(tags(list[1]!), [
          ...COMMON,
          'mitre-attack:T1041',
          'mitre-attack:T1071.001',
          'confidence-level:confidence="completely-confident"',
          'socradar:score=85.0',
          'malware:redline stealer',
          'country:russia',
          'feed-source:SOCRadar Botnet C2 Feed',
          'feed-source:Abuse.ch ThreatFox',
        ]);
        assert.equal(list[1]!.comment, 'RedLine Stealer command and control server | Sources: SOCRadar Botnet C2 Feed, Abuse.ch ThreatFox');
        assert.deepEqual(tags(list[2]!), [...COMMON, 'confidence-level:confidence="fairly-confident"', 'socradar:score=62.5', 'feed-source:SOCRadar Phishing Domain Feed']);
        assert.equal(list[2]!.comment, 'Sources: SOCRadar Phishing Domain Feed', 'a description of N/A is left out');
        assert.deepEqual(tags(list[3]!), [
          ...COMMON, 'mitre-attack:T1204.002', 'confidence-level:confidence="rarely-confident"', 'socradar:score=40.0', 'malware:lumma stealer',
        ]);
        assert.deepEqual(tags(list[4]!), [
          ...COMMON, 'confidence-level:confidence="unconfident"', 'malware:mozi', 'feed-source:SOCRadar Malware Distribution Feed',
        ]);
        assert.deepEqual(tags(list[5]!), [...COMMON, 'confidence-level:confidence="unknown"']);
        assert.equal(list[5]!.comment, 'Sender of DHL-themed phishing');
        assert.deepEqual(tags(list[6]!), [...COMMON, 'confidence-level:confidence="completely-confident"', 'malware:cobalt strike']);

      },
    },
    {
      name: 'max_indicators and default_tlp',
      query: IMPORT,
      config: { ...IN_COLLECTION, max_indicators: '2', default_tlp: 'tlp:green' },
      requests: (requests) => assert.equal(requests.length, 1, 'the limit is reached on the first page'),
      check: (answer) => {
        const list = attributes(answer);
        assert.deepEqual(list.map((a) => a.value), [
          `SOCRadar TAXII Import: 2 indicators imported from collection ${COLLECTION} (limited to 2, more available)`,
          '185.215.113.66',
          'secure-login.example-paypai.com',
        ]);
        assert.equal(list[1]!.Tag?.[0]?.name, 'tlp:green');
      },
    },
    {
      name: 'an empty collection',
      query: IMPORT,
      config: IN_COLLECTION,
      routes: objectsAnswer({ headers: { 'content-type': TAXII }, json: { more: false, objects: [] } }),
      check: (answer) =>
        assert.deepEqual(attributes(answer).map((a) => a.value), [
          `No indicators found in collection ${COLLECTION}. The collection may be empty or the UUID may be incorrect.`,
        ]),
    },
    {
      name: 'paging stops after 20 pages, as upstream',
      query: IMPORT,
      config: IN_COLLECTION,
      routes: objectsAnswer(endlessPages()),
      requests: (requests) => assert.equal(requests.length, 20),
      check: (answer) => assert.match(attributes(answer)[0]!.value, /^No indicators found/),
    },

    // errors (upstream wording around ours)
    {
      name: 'no credentials, listing collections',
      query: IMPORT,
      config: { socradar_password: '' },
      error: 'SOCRadar TAXII collection discovery failed: SOCRadar TAXII username and password are required. Configure them in Plugin Settings → Import.',
      requests: (requests) => assert.equal(requests.length, 0),
    },
    {
      name: 'no credentials, importing a collection',
      query: IMPORT,
      config: { socradar_username: '', ...IN_COLLECTION },
      error: 'SOCRadar TAXII fetch failed: SOCRadar TAXII username and password are required. Configure them in Plugin Settings → Import.',
      requests: (requests) => assert.equal(requests.length, 0),
    },
    {
      name: 'wrong credentials: 401',
      query: IMPORT,
      config: { socradar_password: 'wrong', ...IN_COLLECTION },
      error: 'SOCRadar TAXII fetch failed: SOCRadar TAXII answered HTTP 401 Unauthorized: Unauthorized.',
    },
    fetchFailure(
      '429',
      { status: 429, headers: { 'retry-after': '120' }, json: { title: 'Rate limit exceeded' } },
      'SOCRadar TAXII fetch failed: SOCRadar TAXII answered HTTP 429 Too Many Requests: Rate limit exceeded (retry after 120 s).',
    ),
    fetchFailure('500', { status: 500, body: 'upstream connect error' }, 'SOCRadar TAXII fetch failed: SOCRadar TAXII answered HTTP 500 Internal Server Error.'),
    fetchFailure(
      'malformed JSON',
      { headers: { 'content-type': TAXII }, body: '{"objects": [{"type": "indicator",' },
      'SOCRadar TAXII fetch failed: SOCRadar TAXII answered with invalid JSON (HTTP 200).',
    ),
    { ...fetchFailure('a server that never answers: the query times out', { hang: true }, 'Timeout.'), query: { ...IMPORT, timeout: 1 } },
  ],
});
