import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import anyrunImport from '../../../src/modules/import/anyrun_sandbox_import.js';
import { startFakeHttp, withHeader, type FakeHttp, type FakeRequest, type FakeResponse } from '../../support/fake-http.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const API_KEY = 'anyrun-key-7f3e2d1c';
const TASK = '0cf223f2-530e-4a50-8c8a-4c5e3b6d5a2f';
const UUID_FIELD = 'ANYRUN Analysis UUID';

const read = (name: string) => readFileSync(new URL(`fixtures-net/anyrun/${name}`, import.meta.url), 'utf8');
const fixture = (name: string): unknown => JSON.parse(read(`${name}.json`));
const HTML = read('report.html');

/** Per-test replacement of an endpoint's answer, by route name. */
let overrides: Record<string, (req: FakeRequest) => FakeResponse> = {};

const route = (name: string, answer: FakeResponse) =>
  withHeader('authorization', `API-KEY ${API_KEY}`, (req) => overrides[name]?.(req) ?? answer, {
    status: 401,
    json: { error: true, message: 'Authorization is required' },
  });

let fake: FakeHttp;
let t: TestServer;

before(async () => {
  fake = await startFakeHttp({
    'GET /v1/analysis': route('history', { json: fixture('history') }),
    [`GET /v1/analysis/${TASK}`]: route('report', { json: fixture('report-done') }),
    [`GET /report/${TASK}/summary/html`]: route('html', { headers: { 'content-type': 'text/html; charset=utf-8' }, body: HTML }),
    [`GET /report/${TASK}/ioc/json`]: route('iocs', { json: fixture('iocs') }),
  });
  t = await startTestServer({ builtins: [anyrunImport], settings: { upstreams: [`api.any.run=${fake.url}`] } });
});
after(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => {
  overrides = {};
  fake.requests.length = 0;
});

const CHECKED = { IOCs: '1', Tags: '1', MITRE: '1' };
const ask = (config: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  t.query({ module: 'anyrun_sandbox_import', data: '', config: { api_key: API_KEY, [UUID_FIELD]: TASK, ...CHECKED, ...config }, ...extra });

type Attr = { type: string; value: string; category: string; comment?: string; data?: string; Tag?: Array<{ name: string }> };

describe('anyrun_sandbox_import', () => {
  test('a finished analysis: verdict, link, HTML report, suspicious and malicious IOCs, tags and ATT&CK techniques', async () => {
    const answer = await ask({});
    assertValidResults(answer);
    assert.deepEqual(fake.requests.map((r) => r.target), [
      '/v1/analysis?team=false&skip=0&limit=25',
      `/v1/analysis/${TASK}`,
      `/report/${TASK}/summary/html`,
      `/report/${TASK}/ioc/json`,
    ]);
    for (const request of fake.requests) {
      assert.equal(request.headers.authorization, `API-KEY ${API_KEY}`);
      assert.equal(request.headers['x-anyrun-connector'], 'MISP:0.1');
    }
    const results = answer.results as { Attribute: Attr[]; Tag: Array<{ name: string }>; Object?: unknown };
    assert.deepEqual(
      results.Attribute.map((a) => [a.type, a.value, a.category, a.comment, (a.Tag ?? []).map((tag) => tag.name)]),
      [
        ['text', 'ANY.RUN Sandbox verdict: Malicious activity', 'Other', 'ANYRUN Sandbox Analysis verdict.', []],
        ['link', `https://app.any.run/tasks/${TASK}`, 'External analysis', 'ANYRUN Sandbox Analysis report.', []],
        ['attachment', 'report.html', 'External analysis', 'ANYRUN Sandbox Analysis report.', []],
        // Only domains, IPs and SHA-256 of suspicious (1) or malicious (2) reputation, as upstream.
        ['sha256', '4f9a1c2b3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8', 'Payload delivery', `Malicious IoC from https://app.any.run/tasks/${TASK}.`, ['ANY.RUN Sandbox']],
        ['domain', 'cloudflare-dns-check.example-lum.shop', 'Network activity', `Malicious IoC from https://app.any.run/tasks/${TASK}.`, ['ANY.RUN Sandbox']],
        ['ip-dst', '172.67.203.41', 'Network activity', `Suspicious IoC from https://app.any.run/tasks/${TASK}.`, ['ANY.RUN Sandbox']],
      ],
    );
    assert.equal(Buffer.from(results.Attribute[2]!.data ?? '', 'base64').toString('utf8'), HTML);
    assert.deepEqual(results.Tag, [
      { name: 'ANY.RUN Sandbox' },
      { name: 'stealer' },
      { name: 'lumma' },
      { name: 'misp-galaxy:mitre-attack-pattern="System Information Discovery - T1082"' },
      { name: 'misp-galaxy:mitre-attack-pattern="Credentials from Web Browsers - T1555.003"' },
    ]);
    assert.equal(results.Object, undefined);
  });

  test('unticked options: no IOCs (not even asked for), no tags, no techniques', async () => {
    const answer = await ask({ IOCs: '0', Tags: '0', MITRE: '0' });
    assertValidResults(answer);
    assert.equal(fake.requests.some((r) => r.path.endsWith('/ioc/json')), false);
    const results = answer.results as { Attribute: Attr[]; Tag?: unknown };
    assert.deepEqual(results.Attribute.map((a) => a.type), ['text', 'link', 'attachment']);
    assert.equal(results.Tag, undefined);
  });

  test('a task link works as the UUID; options MISP did not send count as ticked', async () => {
    const answer = await t.query({
      module: 'anyrun_sandbox_import',
      config: { api_key: API_KEY, [UUID_FIELD]: ` https://app.any.run/tasks/${TASK.toUpperCase()}/ ` },
    });
    assertValidResults(answer);
    assert.equal(fake.requests[1]!.path, `/v1/analysis/${TASK}`);
    assert.equal((answer.results as { Attribute: Attr[] }).Attribute.length, 6);
  });
});

describe('anyrun_sandbox_import: errors', () => {
  test('no API key or no UUID (upstream message)', async () => {
    const message = { error: 'ANY.RUN API-KEY and Analysis UUID must be specified.' };
    assert.deepEqual(await ask({ api_key: '' }), message);
    assert.deepEqual(await ask({ [UUID_FIELD]: '' }), message);
    assert.equal(fake.requests.length, 0);
  });

  test('something that is not a task UUID', async () => {
    assert.deepEqual(await ask({ [UUID_FIELD]: '../../v1/user' }), {
      error: 'The ANY.RUN Analysis UUID must be a task UUID (or a https://app.any.run/tasks/<uuid> link).',
    });
    assert.equal(fake.requests.length, 0);
  });

  test('a wrong API key: 401 with ANY.RUN\'s message', async () => {
    assert.deepEqual(await ask({ api_key: 'wrong' }), { error: 'ANY.RUN answered HTTP 401 Unauthorized: Authorization is required.' });
    assert.equal(fake.requests.length, 1, 'stops at the authorization check');
  });

  test('an analysis still running (upstream message)', async () => {
    overrides.report = () => ({ json: fixture('report-running') });
    assert.deepEqual(await ask({}), { error: 'Analysis is running. Please, wait a few minutes to request a report' });
  });

  test('429', async () => {
    overrides.report = () => ({ status: 429, headers: { 'retry-after': '900' }, json: { error: true, message: 'Too many requests' } });
    assert.deepEqual(await ask({}), { error: 'ANY.RUN answered HTTP 429 Too Many Requests: Too many requests.' });
  });

  test('500', async () => {
    overrides.iocs = () => ({ status: 500, body: '<html>Internal Server Error</html>' });
    assert.deepEqual(await ask({}), { error: 'ANY.RUN answered HTTP 500 Internal Server Error.' });
  });

  test('an unknown task: 404', async () => {
    overrides.report = () => ({ status: 404, json: { error: true, message: 'Task not found' } });
    assert.deepEqual(await ask({}), { error: 'ANY.RUN answered HTTP 404 Not Found: Task not found.' });
  });

  test('malformed JSON', async () => {
    overrides.report = () => ({ body: '{"error": false, "data": {"status": "do' });
    assert.deepEqual(await ask({}), { error: 'ANY.RUN answered with invalid JSON (HTTP 200).' });
  });

  test('a report without data, an IOC list that is not a list, JSON instead of HTML', async () => {
    overrides.report = () => ({ json: { error: false } });
    assert.deepEqual(await ask({}), { error: 'ANY.RUN answered a report without its "data" object.' });
    overrides = { iocs: () => ({ json: { error: true } }) };
    assert.deepEqual(await ask({}), { error: 'ANY.RUN answered an IOC report that is not a list.' });
    overrides = { html: () => ({ json: { error: true, message: 'Report is not ready' } }) };
    assert.deepEqual(await ask({}), { error: 'ANY.RUN answered JSON where the HTML report was expected: Report is not ready.' });
  });

  test('a service that never answers: the query times out', async () => {
    overrides.html = () => ({ hang: true });
    assert.deepEqual(await ask({}, { timeout: 1 }), { error: 'Timeout.' });
  });
});
