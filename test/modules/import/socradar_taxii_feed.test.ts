import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import socradar from '../../../src/modules/import/socradar_taxii_feed.js';
import { startFakeHttp, withBasicAuth, type FakeHttp, type FakeRequest, type FakeResponse } from '../../support/fake-http.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const USER = 'acme-soc';
const PASSWORD = 'socradar-taxii-secret';
const COLLECTION = '9d4f2a1c-6b3e-4c8d-a5f7-0e1b2c3d4e5f';
const TAXII = 'application/taxii+json;version=2.1';
const NEXT = 'eyJwYWdlIjogMn0=';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`fixtures-net/socradar/${name}.json`, import.meta.url), 'utf8'));
}
const taxii = (name: string): FakeResponse => ({ headers: { 'content-type': TAXII }, json: fixture(name) });

/** Per-test replacement of the objects endpoint's answer. */
let objectsOverride: ((req: FakeRequest) => FakeResponse) | undefined;
const auth = (handler: (req: FakeRequest) => FakeResponse) =>
  withBasicAuth(USER, PASSWORD, handler, { status: 401, headers: { 'content-type': TAXII }, json: { title: 'Unauthorized' } });

let fake: FakeHttp;
let t: TestServer;

before(async () => {
  fake = await startFakeHttp({
    'GET /radar_alpha/collections': auth(() => taxii('collections')),
    'GET /radar_alpha/collections/:id/objects': auth((req) =>
      objectsOverride?.(req) ?? (req.query.next === NEXT ? taxii('objects-page2') : taxii('objects-page1')),
    ),
    'GET /radar_beta/collections': auth(() => ({ headers: { 'content-type': TAXII }, json: { collections: [] } })),
  });
  t = await startTestServer({ builtins: [socradar], settings: { upstreams: [`taxii2.socradar.com=${fake.url}`] } });
});
after(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => {
  objectsOverride = undefined;
  fake.requests.length = 0;
});

const CREDENTIALS = { socradar_username: USER, socradar_password: PASSWORD };
const ask = (config: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  t.query({ module: 'socradar_taxii_feed', data: Buffer.from('list').toString('base64'), config: { ...CREDENTIALS, ...config }, ...extra });

type Attr = { type: string; value: string; category: string; comment?: string; to_ids: boolean; Tag?: Array<{ name: string }> };
const attributes = (answer: Record<string, unknown>) => (answer.results as { Attribute: Attr[] }).Attribute;
const COMMON = ['tlp:amber', 'source:SOCRadar', 'type:OSINT', 'socradar:feed'];

describe('socradar_taxii_feed: collections', () => {
  test('without a collection id: the collections with their UUIDs, as one text', async () => {
    const answer = await ask({});
    assertValidResults(answer);
    assert.equal(fake.requests.length, 1);
    assert.equal(fake.requests[0]!.path, '/radar_alpha/collections/');
    assert.equal(fake.requests[0]!.headers.accept, TAXII);
    assert.equal(fake.requests[0]!.headers.authorization, `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
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
  });

  test('an API root without collections (admin settings for the URL and API root)', async () => {
    const answer = await ask({ socradar_taxii_url: 'https://taxii2.socradar.com/', socradar_api_root: '/radar_beta/' });
    assertValidResults(answer);
    assert.equal(fake.requests[0]!.path, '/radar_beta/collections/');
    assert.deepEqual(attributes(answer).map((a) => a.value), ['No collections found on SOCRadar TAXII server.']);
  });
});

describe('socradar_taxii_feed: importing a collection', () => {
  test('pages through the indicators; one tagged attribute per IOC, the summary first', async () => {
    const answer = await ask({ collection_id: ` ${COLLECTION} ` });
    assertValidResults(answer);
    assert.deepEqual(fake.requests.map((r) => r.target), [
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
  });

  test('max_indicators and default_tlp', async () => {
    const answer = await ask({ collection_id: COLLECTION, max_indicators: '2', default_tlp: 'tlp:green' });
    assertValidResults(answer);
    assert.equal(fake.requests.length, 1, 'the limit is reached on the first page');
    const list = attributes(answer);
    assert.deepEqual(list.map((a) => a.value), [
      `SOCRadar TAXII Import: 2 indicators imported from collection ${COLLECTION} (limited to 2, more available)`,
      '185.215.113.66',
      'secure-login.example-paypai.com',
    ]);
    assert.equal(list[1]!.Tag?.[0]?.name, 'tlp:green');
  });

  test('an empty collection', async () => {
    objectsOverride = () => ({ headers: { 'content-type': TAXII }, json: { more: false, objects: [] } });
    const answer = await ask({ collection_id: COLLECTION });
    assertValidResults(answer);
    assert.deepEqual(attributes(answer).map((a) => a.value), [
      `No indicators found in collection ${COLLECTION}. The collection may be empty or the UUID may be incorrect.`,
    ]);
  });

  test('paging stops after 20 pages, as upstream', async () => {
    let page = 0;
    objectsOverride = () => {
      page += 1;
      return { headers: { 'content-type': TAXII }, json: { more: true, next: `token-${page}`, objects: [] } };
    };
    const answer = await ask({ collection_id: COLLECTION });
    assert.equal(fake.requests.length, 20);
    assert.match(attributes(answer)[0]!.value, /^No indicators found/);
  });
});

describe('socradar_taxii_feed: errors (upstream wording around ours)', () => {
  test('no credentials', async () => {
    assert.deepEqual(await ask({ socradar_password: '' }), {
      error: 'SOCRadar TAXII collection discovery failed: SOCRadar TAXII username and password are required. Configure them in Plugin Settings → Import.',
    });
    assert.deepEqual(await ask({ socradar_username: '', collection_id: COLLECTION }), {
      error: 'SOCRadar TAXII fetch failed: SOCRadar TAXII username and password are required. Configure them in Plugin Settings → Import.',
    });
    assert.equal(fake.requests.length, 0);
  });

  test('wrong credentials: 401', async () => {
    assert.deepEqual(await ask({ socradar_password: 'wrong', collection_id: COLLECTION }), {
      error: 'SOCRadar TAXII fetch failed: SOCRadar TAXII answered HTTP 401 Unauthorized: Unauthorized.',
    });
  });

  test('429', async () => {
    objectsOverride = () => ({ status: 429, headers: { 'retry-after': '120' }, json: { title: 'Rate limit exceeded' } });
    assert.deepEqual(await ask({ collection_id: COLLECTION }), {
      error: 'SOCRadar TAXII fetch failed: SOCRadar TAXII answered HTTP 429 Too Many Requests: Rate limit exceeded (retry after 120 s).',
    });
  });

  test('500', async () => {
    objectsOverride = () => ({ status: 500, body: 'upstream connect error' });
    assert.deepEqual(await ask({ collection_id: COLLECTION }), {
      error: 'SOCRadar TAXII fetch failed: SOCRadar TAXII answered HTTP 500 Internal Server Error.',
    });
  });

  test('malformed JSON', async () => {
    objectsOverride = () => ({ headers: { 'content-type': TAXII }, body: '{"objects": [{"type": "indicator",' });
    assert.deepEqual(await ask({ collection_id: COLLECTION }), {
      error: 'SOCRadar TAXII fetch failed: SOCRadar TAXII answered with invalid JSON (HTTP 200).',
    });
  });

  test('a server that never answers: the query times out', async () => {
    objectsOverride = () => ({ hang: true });
    assert.deepEqual(await ask({ collection_id: COLLECTION }, { timeout: 1 }), { error: 'Timeout.' });
  });
});
