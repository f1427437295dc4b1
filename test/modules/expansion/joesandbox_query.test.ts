/**
 * joesandbox_query against a loopback Joe Sandbox API v2: form POSTs with the
 * key in `apikey`, `{"data": …}` answers, `{"errors": [{"code", "message"}]}`
 * failures (HTTP 403 for a wrong key), and the jsonfixed report download.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import joesandbox_query from '../../../src/modules/expansion/joesandbox_query.js';
import type { FakeRequest, FakeResponse, RecordedRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'joe-key-1234';
const REPORT = readFileSync(new URL('../import/fixtures-b/joe/report.json', import.meta.url));
const LINK = 'https://jbxcloud.joesecurity.org/submissions/4017290';
const attribute = (value: string, type = 'link') => ({ attribute: { type, value, uuid: '5a1b2c3d-0000-4000-8000-000000000001' } });

const form = (req: RecordedRequest) => new URLSearchParams(req.body);
/** Joe answers a wrong key with 403 and its error list. */
const keyed = (handler: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse =>
  form(req).get('apikey') === KEY ? handler(req) : { status: 403, json: { errors: [{ code: 4, message: 'Invalid API key' }] } };

/** `/v2/submission/info` as documented (trimmed). */
const submission = (status: string, analysis: unknown = { webid: '1234567' }) => ({
  data: {
    submission_id: '4017290',
    name: 'invoice_0934.exe',
    status,
    time: '2021-06-30T17:05:12+02:00',
    most_relevant_analysis: analysis,
    analyses: analysis === null ? [] : [{ webid: '1234567', sha256: '3b7d1f2c6a0e9f8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5b4a392817060', filename: 'invoice_0934.exe', status: 'finished' }],
  },
});

const JOE: Routes = {
  'POST /api/v2/submission/info': keyed((req) =>
    form(req).get('submission_id') === '4017290'
      ? { json: submission('finished') }
      : { status: 400, json: { errors: [{ code: 3, message: 'Invalid parameter: submission_id' }] } }),
  'POST /api/v2/analysis/download': keyed((req) =>
    form(req).get('webid') === '1234567' && form(req).get('type') === 'jsonfixed'
      ? { headers: { 'content-type': 'application/json', 'content-disposition': 'attachment; filename="report-1234567.json";' }, body: REPORT }
      : { status: 400, json: { errors: [{ code: 3, message: 'Invalid parameter: type' }] } }),
};

function objectNames(answer: Answer): string[] {
  return ((answer['results'] as { Object?: Array<{ name: string }> }).Object ?? []).map((o) => o.name);
}
function fileRelations(answer: Answer): Record<string, string> {
  const file = (answer['results'] as { Object: Array<{ name: string; Attribute: Array<{ object_relation: string; value: string }> }> }).Object[0]!;
  return Object.fromEntries(file.Attribute.map((a) => [a.object_relation, a.value]));
}

testModule({
  module: joesandbox_query,
  vendors: { 'jbxcloud.joesecurity.org': JOE, 'joe.internal.example': JOE },
  config: { apikey: KEY },
  rows: [
    {
      name: 'a finished submission: info then the jsonfixed report, parsed into objects',
      query: attribute(LINK),
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['POST /api/v2/submission/info', 'POST /api/v2/analysis/download']);
        assert.deepEqual(Object.fromEntries(form(requests[0]!)), { apikey: KEY, submission_id: '4017290' });
        assert.deepEqual(Object.fromEntries(form(requests[1]!)), { apikey: KEY, webid: '1234567', type: 'jsonfixed' });
        assert.match(String(requests[0]!.headers['user-agent']), /^MISP joesandbox_query/);
      },
      check: (answer) => {
        assert.deepEqual(objectNames(answer).slice(0, 1), ['file']);
        assert.equal(fileRelations(answer)['sha256'], '3b7d1f2c6a0e9f8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5b4a392817060');
        // import_executable is off: no pe object; import_mitre_attack off: no tags
        assert.ok(!objectNames(answer).includes('pe'));
        assert.equal((answer['results'] as { Tag?: unknown[] }).Tag, undefined);
      },
    },
    {
      name: 'import_executable and import_mitre_attack "true" add the pe object and the ATT&CK tags',
      query: attribute(`${LINK}/`),
      config: { apikey: KEY, import_executable: 'true', import_mitre_attack: 'true' },
      check: (answer) => {
        assert.ok(objectNames(answer).includes('pe'));
        const tags = (answer['results'] as { Tag: Array<{ name: string }> }).Tag.map((t) => t.name);
        assert.ok(tags.some((t) => t.startsWith('misp-galaxy:mitre-attack-pattern=')), tags.join(', '));
      },
    },
    {
      name: 'an on-premise apiurl (trailing slash) is reached as configured',
      query: attribute('https://joe.internal.example/joesandbox/index.php/submissions/4017290'),
      config: { apikey: KEY, apiurl: 'https://joe.internal.example/api/' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), ['joe.internal.example /api/v2/submission/info', 'joe.internal.example /api/v2/analysis/download']),
      check: (answer) => assert.equal(objectNames(answer)[0], 'file'),
    },
    {
      name: 'a submission still running: upstream\'s message, no download',
      query: attribute(LINK),
      routes: { 'POST /api/v2/submission/info': keyed(() => ({ json: submission('running', null) })) },
      messageId: 'notFinished',
      requests: (requests) => assert.equal(requests.length, 1),
    },
    {
      name: 'a finished submission without analysis',
      query: attribute(LINK),
      routes: { 'POST /api/v2/submission/info': keyed(() => ({ json: submission('finished', null) })) },
      messageId: 'noAnalysis',
    },
    { name: 'no apikey: upstream\'s exact message, before anything else', query: attribute(LINK), config: { apikey: '' }, error: 'No API key provided', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute', query: { link: LINK }, messageId: 'noAttribute' },
    { name: 'an attribute without value', query: { attribute: { type: 'link' } }, messageId: 'noAttribute' },
    { name: 'not a link', query: attribute('4017290', 'text'), error: 'Unsupported attribute type.' },
    { name: 'a link that is not a submission', query: attribute('https://www.joesandbox.com/analysis/1234567'), error: 'The URL does not point to a Joe Sandbox analysis.', requests: (r) => assert.equal(r.length, 0) },
    {
      name: 'an unknown submission: Joe Sandbox\'s own message and status',
      query: attribute('https://jbxcloud.joesecurity.org/submissions/999'),
      error: 'Joe Sandbox answered HTTP 400 Bad Request: Invalid parameter: submission_id.',
    },
    {
      name: 'a download that is not a Joe report',
      query: attribute(LINK),
      routes: { 'POST /api/v2/analysis/download': keyed(() => ({ json: { something: 'else' } })) },
      error: 'The JSON is not a Joe Sandbox report: it has no "analysis" object with "generalinfo".',
    },
    {
      name: 'a wrong key: Joe Sandbox\'s 403 and message',
      query: attribute(LINK),
      config: { apikey: 'wrong' },
      error: 'Joe Sandbox answered HTTP 403 Forbidden: Invalid API key.',
    },
    {
      name: 'a 200 answer without "data"',
      query: attribute(LINK),
      routes: { 'POST /api/v2/submission/info': { json: { status: 'ok' } } },
      error: 'Joe Sandbox: Unexpected data (200). Is the API url correct?',
    },
    ...vendorFailureRows({ query: attribute(LINK), route: 'POST /api/v2/submission/info', host: 'jbxcloud.joesecurity.org', expect: { unauthorized: /^Joe Sandbox answered HTTP 401 Unauthorized/ } }),
  ],
});
