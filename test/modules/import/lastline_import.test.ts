/**
 * lastline_import against a loopback Lastline portal (user.lastline.com):
 * `POST /papi/login.json` with the form credentials sets the session cookie,
 * then `get_progress.json` and `get_result.json` answered from recorded
 * fixtures (fixtures-net/lastline/); a missing session is Lastline's 401.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import lastlineImport from '../../../src/modules/import/lastline_import.js';
import { sessionCookies } from '../../../src/modules/_shared/lastline/client.js';
import { parseAnalysisLink } from '../../../src/modules/_shared/lastline/link.js';
import { startFakeHttp, type FakeRequest, type FakeResponse, type Routes } from '../../support/fake-http.js';
import { testModule, type ModuleTestRow, type VendorRequest } from '../../support/module-tester.js';
import { startTestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const USERNAME = 'analyst@example.org';
const PASSWORD = 'lastline-pass';
const CONFIG = { username: USERNAME, password: PASSWORD };
const FILE_TASK = '1fcbcb8f7fb400100772d6a7b62f501b';
const URL_TASK = 'f3c0ae115d51001017ff8da768fa6049';
const link = (task: string, host = 'https://user.lastline.com') => `${host}/portal#/analyst/task/${task}/overview`;
const SESSION = 'papi_session=6f1e2d3c4b5a';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`fixtures-net/lastline/${name}.json`, import.meta.url), 'utf8'));
}

const session = (answer: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse => {
  if (req.headers.cookie !== SESSION) return { status: 401, json: { success: 0, error: 'Authentication required', error_code: 3000 } };
  return answer(req);
};

const PROGRESS = 'GET /papi/analysis/get_progress.json';
const RESULT = 'GET /papi/analysis/get_result.json';

const LASTLINE: Routes = {
  'POST /papi/login.json': (req) => {
    const form = new URLSearchParams(req.body);
    if (form.get('username') !== USERNAME || form.get('password') !== PASSWORD) return { status: 401, json: fixture('error-credentials') };
    // The Expires date holds a comma: the cookie must still be read whole.
    return { headers: { 'set-cookie': `${SESSION}; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/papi; HttpOnly` }, json: fixture('login') };
  },
  [PROGRESS]: session(() => ({ json: fixture('progress-done') })),
  [RESULT]: session((req) => ({ json: fixture(req.query.uuid === URL_TASK ? 'result-url' : 'result-file') })),
};

type Obj = { name: string; Attribute: Array<{ object_relation: string; value: string; type: string }> };
const objects = (answer: Record<string, unknown>) => (answer.results as { Object: Obj[] }).Object;
const pairs = (o: Obj) => o.Attribute.map((a) => [a.object_relation, a.value]);
const nothingSent = (requests: VendorRequest[]) => assert.equal(requests.length, 0);

const IMPORT = { data: '' };
const FILE_LINK = { analysis_link: link(FILE_TASK) };

/** A failing answer of one endpoint while the file analysis is imported. */
const apiFailure = (name: string, route: string, response: FakeResponse, error: string, extra: Partial<ModuleTestRow> = {}): ModuleTestRow => ({
  name,
  query: IMPORT,
  config: FILE_LINK,
  routes: { [route]: response },
  error,
  ...extra,
});

testModule({
  module: lastlineImport,
  vendors: { 'user.lastline.com': LASTLINE },
  config: CONFIG,
  settings: { allowUrlRanges: ['127.0.0.0/8'] },
  rows: [
    {
      name: 'a file analysis: subject, DNS, HTTP conversations, sandbox report, behaviours and ATT&CK tags',
      query: IMPORT,
      config: FILE_LINK,
      check: (answer, requests) => {
        // Login with the form, then the session cookie on every call.
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [
          'POST /papi/login.json',
          'GET /papi/analysis/get_progress.json',
          'GET /papi/analysis/get_result.json',
        ]);
        assert.equal(requests[0]!.headers['content-type'], 'application/x-www-form-urlencoded');
        assert.deepEqual(Object.fromEntries(new URLSearchParams(requests[0]!.body)), { username: USERNAME, password: PASSWORD });
        assert.deepEqual(requests[1]!.query, { uuid: FILE_TASK });
        assert.deepEqual(requests[2]!.query, { uuid: FILE_TASK, report_format: 'json' });
        assert.equal(requests[2]!.headers.cookie, SESSION);

        const list = objects(answer);
        assert.deepEqual(list.map((o) => o.name), [
          'file', 'dns-record', 'network-connection', 'http-request', 'network-connection', 'http-request', 'sandbox-report', 'sb-signature',
        ]);
        assert.deepEqual(pairs(list[0]!), [
          ['md5', 'b0a6b4f0c8d7c1b6c2f1e3a4d5e6f708'],
          ['sha1', '0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60718293'],
          ['sha256', '7d1b2c3a4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9'],
          ['mimetype', 'application/x-pe-app-32bit-i386'],
        ]);
        // wpad and the IP address lookups are left out; a lookup without answers is the domain alone.
        assert.deepEqual(pairs(list[1]!), [['queried-domain', 'gate.example-c2.net'], ['a-record', '198.51.100.77']]);
        const attributes = (answer.results as { Attribute: Array<{ type: string; value: string }> }).Attribute;
        assert.deepEqual(attributes.map((a) => [a.type, a.value]), [['domain', 'telemetry.example-c2.net']]);
        assert.deepEqual(pairs(list[2]!), [
          ['ip-src', '10.0.2.15'], ['ip-dst', '198.51.100.77'], ['src-port', '49163'], ['dst-port', '80'],
          ['hostname-dst', 'gate.example-c2.net'], ['layer3-protocol', 'IP'], ['layer4-protocol', 'TCP'], ['layer7-protocol', 'HTTP'],
        ]);
        assert.deepEqual(pairs(list[3]!), [
          ['host', 'gate.example-c2.net'], ['method', 'POST'], ['uri', 'http://gate.example-c2.net/gate.php'], ['ip-dst', '198.51.100.77'],
        ]);
        assert.deepEqual(pairs(list[5]!), [
          ['host', 'cdn.example-c2.net'], ['method', 'GET'], ['uri', 'http://cdn.example-c2.net:8080/stage2.bin'], ['ip-dst', '198.51.100.78'],
        ]);
        assert.deepEqual(pairs(list[6]!), [
          ['score', '70'], ['sandbox-type', 'saas'], ['saas-sandbox', 'lastline'], ['permalink', link(FILE_TASK)],
        ]);
        assert.deepEqual(pairs(list[7]!), [
          ['software', 'Lastline'],
          ['signature', 'Evasion: Detecting the presence of AntiMalware Scan Interface (AMSI)'],
          ['signature', 'Signature: Identified trojan code'],
          ['signature', 'Steal: Targeting Browser credentials'],
        ]);
        // Techniques of the malicious activities only, once each, named as MISP's galaxy clusters are.
        assert.deepEqual((answer.results as { Tag: unknown }).Tag, [
          { name: 'misp-galaxy:mitre-attack-pattern="Security Software Discovery - T1518.001"' },
          { name: 'misp-galaxy:mitre-attack-pattern="Credentials from Web Browsers - T1555.003"' },
        ]);

      },
    },
    {
      name: 'a URL analysis: the URL and the requests the page made',
      query: IMPORT,
      config: { analysis_link: link(URL_TASK) },
      check: (answer) => {
        const list = objects(answer);
        assert.deepEqual(list.map((o) => o.name), ['url', 'http-request', 'http-request', 'sandbox-report']);
        assert.deepEqual(pairs(list[0]!), [['url', 'https://login.example-bank-secure.com/verify']]);
        assert.deepEqual(pairs(list[2]!), [
          ['host', 'static.example-cdn.org'], ['method', 'GET'], ['uri', 'https://static.example-cdn.org/js/kit.js'], ['ip-dst', '192.0.2.45'],
        ]);
        assert.equal((answer.results as { Tag?: unknown }).Tag, undefined, 'no behaviour, no technique');
      },
    },
    {
      name: 'an on-premise portal: its host comes from the link',
      query: ({ vendor }) => ({ ...IMPORT, config: { ...CONFIG, analysis_link: link(FILE_TASK, vendor().url) } }),
      config: null,
      check: (answer) => {
        const report = objects(answer).find((o) => o.name === 'sandbox-report')!;
        assert.deepEqual(pairs(report).slice(1, 3), [['sandbox-type', 'on-premise'], ['on-premise-sandbox', 'lastline']]);
      },
    },
    {
      name: 'an on-premise portal goes through the URL guard',
      settings: { allowUrlRanges: [], upstreams: [] },
      query: ({ vendor }) => ({ config: { ...CONFIG, analysis_link: link(FILE_TASK, vendor().url) } }),
      config: null,
      error: /^Error issuing the API call: Refusing to fetch http:\/\/127\.0\.0\.1:\d+\/papi\/login\.json: .*loopback/,
      requests: nothingSent,
    },

    // configuration (upstream messages)
    {
      name: 'missing credentials',
      query: IMPORT,
      config: { password: '', ...FILE_LINK },
      error: 'Error parsing configuration: Arguments provided do not contain valid data',
      requests: nothingSent,
    },
    { name: 'missing analysis link', query: IMPORT, error: "Error parsing configuration: 'analysis_link' is missing (the link to a Lastline analysis)." },
    {
      name: 'a link without a task uuid',
      query: IMPORT,
      config: { analysis_link: 'https://user.lastline.com/portal#/analyst/task/12345/overview' },
      error: 'Error processing input parameters: Link does not contain a valid task uuid',
    },
    { name: 'a link that is not a URL', query: IMPORT, config: { analysis_link: FILE_TASK }, error: `Error parsing configuration: the analysis link is not a URL: ${FILE_TASK}` },

    // API failures
    {
      name: 'wrong credentials: Lastline\'s 401 with its error',
      query: IMPORT,
      config: { password: 'wrong', ...FILE_LINK },
      error: 'Error issuing the API call: Lastline answered HTTP 401 Unauthorized: Invalid credentials (3004).',
    },
    apiFailure('an API error inside a 200 answer', RESULT, { json: fixture('error-not-found') }, 'Error issuing the API call: Task not found (3001)'),
    apiFailure('an analysis still running', PROGRESS, { json: fixture('progress-running') }, 'Error issuing the API call: Analysis is not finished yet.', {
      requests: (requests) => assert.equal(requests.length, 2, 'the result is not asked for'),
    }),
    apiFailure('an empty report', RESULT, { json: { success: 1, data: {} } }, 'Error issuing the API call: Analysis report is empty.'),
    apiFailure('429', PROGRESS, { status: 429, headers: { 'retry-after': '600' }, body: 'Too Many Requests' }, 'Error issuing the API call: Lastline answered HTTP 429 Too Many Requests.'),
    apiFailure(
      '500',
      RESULT,
      { status: 500, json: { success: 0, error: 'Internal error', error_code: 5000 } },
      'Error issuing the API call: Lastline answered HTTP 500 Internal Server Error: Internal error (5000).',
    ),
    apiFailure('malformed JSON', RESULT, { body: '{"success": 1, "data": {"score": ' }, 'Error issuing the API call: Lastline answered with invalid JSON (HTTP 200).'),
    apiFailure('an answer without the success field (upstream\'s message)', PROGRESS, { json: { completed: 1 } }, 'Error issuing the API call: no success field in response'),
    apiFailure(
      'a result without an analysis subject',
      RESULT,
      { json: { success: 1, data: { score: 10 } } },
      'Error issuing the API call: Lastline answered a result without an analysis subject.',
    ),
    apiFailure('a portal that never answers: the query times out', RESULT, { hang: true }, 'Timeout.', { query: { ...IMPORT, timeout: 1 } }),
  ],
});

describe('lastline_import: session cookies', () => {
  test('name=value pairs, also when an Expires date holds a comma', () => {
    assert.equal(sessionCookies('a=1; Path=/, b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly'), 'a=1; b=2');
    assert.equal(sessionCookies(undefined), undefined);
    assert.equal(sessionCookies('garbage'), undefined);
  });
});

describe('lastline_import: a hosted domain anywhere but in the host is not the hosted portal', () => {
  /** Spellings of 127.0.0.1 that WHATWG URL parsing accepts. */
  const loopbackSpellings = ['127.0.0.1', '2130706433', '0x7f.1', '127.1', '0177.0.0.1'];
  /** A hosted portal's name in random case, sometimes with a trailing dot. */
  const hostedName = fc
    .tuple(fc.constantFrom('user.lastline.com', 'user.emea.lastline.com'), fc.boolean(), fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }))
    .map(([name, dot, upper]) => [...name].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join('') + (dot ? '.' : ''));
  /** The link with the hosted name as user info, path, query or fragment of a loopback URL. */
  const hostileLink = (port: number) =>
    fc
      .tuple(
        hostedName,
        fc.constantFrom('http', 'https', 'HTTP'),
        fc.constantFrom(...loopbackSpellings),
        fc.constantFrom('userinfo', 'userinfo-password', 'path', 'query', 'fragment'),
        fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 32, maxLength: 32 }),
      )
      .map(([name, scheme, loopback, where, task]) => {
        const hostPort = `${loopback}:${port}`;
        const portal = `/portal#/analyst/task/${task}/overview`;
        switch (where) {
          case 'userinfo':
            return `${scheme}://${name}@${hostPort}${portal}`;
          case 'userinfo-password':
            return `${scheme}://${name}:x@${hostPort}${portal}`;
          case 'path':
            return `${scheme}://${hostPort}/${name}${portal}`;
          case 'query':
            return `${scheme}://${hostPort}/papi?${name}${portal}`;
          default:
            return `${scheme}://${hostPort}${portal}&${name}`;
        }
      });

  test('parsing: only an exact host is hosted, and a hosted portal is always its https:// origin', () => {
    fc.assert(
      fc.property(hostileLink(18080), (hostile) => {
        const parsed = parseAnalysisLink(hostile);
        assert.equal(parsed.hosted, false, hostile);
        assert.match(parsed.apiUrl, /^https?:\/\/127\.0\.0\.1:18080\/papi$/, hostile);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(hostedName, fc.constantFrom('http', 'https'), fc.constantFrom('', ':8443', ''), (name, scheme, port) => {
        const parsed = parseAnalysisLink(`${scheme}://someone@${name}${port}/portal#/analyst/task/${FILE_TASK}/overview`);
        assert.equal(parsed.hosted, true, name);
        assert.equal(parsed.apiUrl, `https://${name.toLowerCase().replace(/\.$/, '')}/papi`);
      }),
    );
    // Look-alike hosts are not the portal either.
    for (const host of ['user.lastline.com.example.org', 'xuser.lastline.com', 'lastline.com', 'user-lastline.com']) {
      assert.equal(parseAnalysisLink(link(FILE_TASK, `https://${host}`)).hosted, false, host);
    }
  });

  test('through the server: zero requests reach a loopback service, the hosted portal still works', async () => {
    const victim = await startFakeHttp({ '* /*': { json: { success: 1, data: {} } } });
    const hosted = await startFakeHttp({
      'POST /papi/login.json': { headers: { 'set-cookie': SESSION }, json: fixture('login') },
      'GET /papi/analysis/get_progress.json': { json: fixture('progress-done') },
      'GET /papi/analysis/get_result.json': { json: fixture('result-file') },
    });
    // As in production: no private range allowed; only the hosted portal's name is redirected (to its fake).
    const server = await startTestServer({ builtins: [lastlineImport], settings: { upstreams: [`user.lastline.com=${hosted.url}`] } });
    try {
      const links = fc.sample(hostileLink(victim.port), { numRuns: 40, seed: 13 });
      links.push(`http://user.lastline.com@127.0.0.1:${victim.port}/portal#/analyst/task/${FILE_TASK}/overview`);
      for (const hostile of links) {
        const answer = await server.query({ module: 'lastline_import', config: { ...CONFIG, analysis_link: hostile } });
        assert.match(String(answer.error), /^Error issuing the API call: Refusing to fetch /, hostile);
      }
      assert.equal(victim.requests.length, 0, 'no request reached the loopback service');
      assert.equal(server.logs.text.includes(PASSWORD), false);

      const answer = await server.query({ module: 'lastline_import', config: { ...CONFIG, analysis_link: link(FILE_TASK) } });
      assertValidResults(answer);
      assert.deepEqual(hosted.requests.map((r) => r.path), ['/papi/login.json', '/papi/analysis/get_progress.json', '/papi/analysis/get_result.json']);
    } finally {
      await server.close();
      await victim.close();
      await hosted.close();
    }
  });
});
