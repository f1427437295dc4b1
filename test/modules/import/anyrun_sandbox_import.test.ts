/**
 * anyrun_sandbox_import against a loopback ANY.RUN API (api.any.run): the
 * analysis history, the task report, its HTML summary and IOC list, behind
 * `Authorization: API-KEY …`; a wrong key is ANY.RUN's 401 with its message.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import anyrunImport from '../../../src/modules/import/anyrun_sandbox_import.js';
import { withHeader, type FakeResponse, type Routes } from '../../support/fake-http.js';
import { testModule, type Answer, type VendorRequest } from '../../support/module-tester.js';

const API_KEY = 'anyrun-key-7f3e2d1c';
const TASK = '0cf223f2-530e-4a50-8c8a-4c5e3b6d5a2f';
const UUID_FIELD = 'ANYRUN Analysis UUID';

const read = (name: string) => readFileSync(new URL(`fixtures-net/anyrun/${name}`, import.meta.url), 'utf8');
const fixture = (name: string): unknown => JSON.parse(read(`${name}.json`));
const HTML = read('report.html');

const route = (answer: FakeResponse) =>
  withHeader('authorization', `API-KEY ${API_KEY}`, answer, {
    status: 401,
    json: { error: true, message: 'Authorization is required' },
  });

const REPORT = `GET /v1/analysis/${TASK}`;
const SUMMARY_HTML = `GET /report/${TASK}/summary/html`;
const IOCS = `GET /report/${TASK}/ioc/json`;

const ANYRUN: Routes = {
  'GET /v1/analysis': route({ json: fixture('history') }),
  [REPORT]: route({ json: fixture('report-done') }),
  [SUMMARY_HTML]: route({ headers: { 'content-type': 'text/html; charset=utf-8' }, body: HTML }),
  [IOCS]: route({ json: fixture('iocs') }),
};

const CHECKED = { IOCs: '1', Tags: '1', MITRE: '1' };
const IMPORT = { data: '' };
const nothingSent = (requests: VendorRequest[]) => assert.equal(requests.length, 0);

type Attr = { type: string; value: string; category: string; comment?: string; data?: string; Tag?: Array<{ name: string }> };

testModule({
  module: anyrunImport,
  vendors: { 'api.any.run': ANYRUN },
  config: { api_key: API_KEY, [UUID_FIELD]: TASK, ...CHECKED },
  rows: [
    {
      name: 'a finished analysis: verdict, link, HTML report, suspicious and malicious IOCs, tags and ATT&CK techniques',
      query: IMPORT,
      check: (answer: Answer, requests) => {
        assert.deepEqual(requests.map((r) => r.target), [
          '/v1/analysis?team=false&skip=0&limit=25',
          `/v1/analysis/${TASK}`,
          `/report/${TASK}/summary/html`,
          `/report/${TASK}/ioc/json`,
        ]);
        for (const request of requests) {
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

      },
    },
    {
      name: 'unticked options: no IOCs (not even asked for), no tags, no techniques',
      query: IMPORT,
      config: { IOCs: '0', Tags: '0', MITRE: '0' },
      requests: (requests) => assert.equal(requests.some((r) => r.path.endsWith('/ioc/json')), false),
      check: (answer) => {
        const results = answer['results'] as { Attribute: Attr[]; Tag?: unknown };
        assert.deepEqual(results.Attribute.map((a) => a.type), ['text', 'link', 'attachment']);
        assert.equal(results.Tag, undefined);
      },
    },
    {
      name: 'a task link works as the UUID; options MISP did not send count as ticked',
      query: { config: { api_key: API_KEY, [UUID_FIELD]: ` https://app.any.run/tasks/${TASK.toUpperCase()}/ ` } },
      config: null,
      requests: (requests) => assert.equal(requests[1]!.path, `/v1/analysis/${TASK}`),
      check: (answer) => assert.equal((answer['results'] as { Attribute: Attr[] }).Attribute.length, 6),
    },

    // errors
    { name: 'no API key (upstream message)', query: IMPORT, config: { api_key: '' }, error: 'ANY.RUN API-KEY and Analysis UUID must be specified.', requests: nothingSent },
    { name: 'no UUID (upstream message)', query: IMPORT, config: { [UUID_FIELD]: '' }, error: 'ANY.RUN API-KEY and Analysis UUID must be specified.', requests: nothingSent },
    {
      name: 'something that is not a task UUID',
      query: IMPORT,
      config: { [UUID_FIELD]: '../../v1/user' },
      error: 'The ANY.RUN Analysis UUID must be a task UUID (or a https://app.any.run/tasks/<uuid> link).',
      requests: nothingSent,
    },
    {
      name: 'a wrong API key: 401 with ANY.RUN\'s message',
      query: IMPORT,
      config: { api_key: 'wrong' },
      error: 'ANY.RUN answered HTTP 401 Unauthorized: Authorization is required.',
      requests: (requests) => assert.equal(requests.length, 1, 'stops at the authorization check'),
    },
    {
      name: 'an analysis still running (upstream message)',
      query: IMPORT,
      routes: { [REPORT]: { json: fixture('report-running') } },
      error: 'Analysis is running. Please, wait a few minutes to request a report',
    },
    {
      name: '429',
      query: IMPORT,
      routes: { [REPORT]: { status: 429, headers: { 'retry-after': '900' }, json: { error: true, message: 'Too many requests' } } },
      error: 'ANY.RUN answered HTTP 429 Too Many Requests: Too many requests.',
    },
    { name: '500', query: IMPORT, routes: { [IOCS]: { status: 500, body: '<html>Internal Server Error</html>' } }, error: 'ANY.RUN answered HTTP 500 Internal Server Error.' },
    {
      name: 'an unknown task: 404',
      query: IMPORT,
      routes: { [REPORT]: { status: 404, json: { error: true, message: 'Task not found' } } },
      error: 'ANY.RUN answered HTTP 404 Not Found: Task not found.',
    },
    { name: 'malformed JSON', query: IMPORT, routes: { [REPORT]: { body: '{"error": false, "data": {"status": "do' } }, error: 'ANY.RUN answered with invalid JSON (HTTP 200).' },
    { name: 'a report without data', query: IMPORT, routes: { [REPORT]: { json: { error: false } } }, error: 'ANY.RUN answered a report without its "data" object.' },
    { name: 'an IOC list that is not a list', query: IMPORT, routes: { [IOCS]: { json: { error: true } } }, error: 'ANY.RUN answered an IOC report that is not a list.' },
    {
      name: 'JSON instead of HTML',
      query: IMPORT,
      routes: { [SUMMARY_HTML]: { json: { error: true, message: 'Report is not ready' } } },
      error: 'ANY.RUN answered JSON where the HTML report was expected: Report is not ready.',
    },
    { name: 'a service that never answers: the query times out', query: { ...IMPORT, timeout: 1 }, routes: { [SUMMARY_HTML]: { hang: true } }, error: 'Timeout.' },
  ],
});
