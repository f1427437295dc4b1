/**
 * Secrets through a real module run: passivetotal's key and the Basic auth
 * header it sends, and lastline_import's password sent in a form body, never
 * appear in any log line (at trace level) nor in an answer, even when a
 * hostile upstream echoes them back, in whatever encoding.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import passivetotal from '../../src/modules/expansion/passivetotal.js';
import lastlineImport from '../../src/modules/import/lastline_import.js';
import { findSecret } from '../support/secret-oracle.js';
import { startFakeHttp, type FakeHttp } from '../support/fake-http.js';
import { startTestServer, type TestServer } from './harness.js';

const USERNAME = 'analyst@example.org';
const API_KEY = 'pt-key-SECRET-7f3a9c1e';
const BASIC = Buffer.from(`${USERNAME}:${API_KEY}`).toString('base64');

let fake: FakeHttp;
let t: TestServer;
let mode: 'echo-401' | 'echo-500' | 'echo-200' = 'echo-401';

before(async () => {
  // Echoes the credentials in every answer, as a broken or hostile service might.
  const echo = (req: { headers: Record<string, string | string[] | undefined>; url?: string }) => {
    const seen = `auth=${String(req.headers['authorization'])} key=${API_KEY} basic=${BASIC}`;
    if (mode === 'echo-401') return { status: 401, json: { message: `bad credentials: ${seen}` } };
    if (mode === 'echo-500') return { status: 500, body: `crash ${seen}` };
    return { json: { error: { message: `quota for ${seen}` } } };
  };
  fake = await startFakeHttp({
    'GET /v2/dns/passive/unique': echo,
    'GET /v2/whois': echo,
    'GET /v2/ssl-certificate/history': echo,
    'GET /v2/enrichment/osint': echo,
    'GET /v2/enrichment/malware': echo,
  } as never);
  t = await startTestServer({ builtins: [passivetotal], settings: { logLevel: 'trace', upstreams: [`api.passivetotal.org=${fake.url}`] } });
});

after(async () => {
  await t.close();
  await fake.close();
});

test('upstream errors that echo the credentials: neither the answers nor any log line hold them', async () => {
  const answers: string[] = [];
  for (const m of ['echo-401', 'echo-500', 'echo-200'] as const) {
    mode = m;
    const answer = await t.query({ module: 'passivetotal', domain: 'circl.lu', config: { username: USERNAME, api_key: API_KEY } });
    assert.equal(typeof answer['error'], 'string', JSON.stringify(answer));
    answers.push(JSON.stringify(answer));
  }
  assert.ok(fake.requests.length > 0);
  assert.equal(fake.requests[0]!.headers['authorization'], `Basic ${BASIC}`, 'the key did go upstream');
  const everything = answers.join('\n') + '\n' + t.logs.text;
  assert.ok(t.logs.lines.length > 5, 'trace logging produced lines');
  assert.doesNotMatch(everything, /SECRET-7f3a9c1e/);
  assert.ok(!everything.includes(BASIC), 'the Basic auth value is not logged');
});

test('a form body echoed back (lastline_import login), in every encoding: no spelling of the password in the answers or the log', async () => {
  const user = 'analyst@example.org';
  /** How the fake portal echoes the login form it got in its 401 error. */
  const echoes: Array<(form: string) => string> = [
    (form) => `bad login: ${form}`,
    (form) => `bad login: ${JSON.stringify(Object.fromEntries(new URLSearchParams(form)))}`,
    (form) => `bad login for password ${new URLSearchParams(form).get('password') ?? ''}`,
    (form) => `bad login: ${form.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())}`,
    (form) => `bad login: ${encodeURIComponent(new URLSearchParams(form).get('password') ?? '')}`,
    (form) => JSON.stringify({ request: JSON.stringify({ body: form, password: new URLSearchParams(form).get('password') }) }),
  ];
  let echo = echoes[0]!;
  const portal = await startFakeHttp({
    'POST /papi/login.json': (req) => ({ status: 401, json: { success: 0, error: echo(req.body), error_code: 3004 } }),
  });
  const server = await startTestServer({ builtins: [lastlineImport], settings: { logLevel: 'trace', upstreams: [`user.lastline.com=${portal.url}`] } });
  try {
    const chars = [...'abcXYZ019', ' ', '!', "'", '(', ')', '*', '~', '+', '/', '&', '=', '%', '"', '\\', '<', 'é', '€', '😀'];
    const passwords = fc.sample(fc.string({ unit: fc.constantFrom(...chars), minLength: 8, maxLength: 20 }), { numRuns: 30, seed: 3 });
    passwords.push('LL PASS 0123456789');
    const answers: string[] = [];
    for (const [i, password] of passwords.entries()) {
      echo = echoes[i % echoes.length]!;
      const answer = await server.query({
        module: 'lastline_import',
        config: { username: user, password, analysis_link: 'https://user.lastline.com/portal#/analyst/task/1fcbcb8f7fb400100772d6a7b62f501b/overview' },
      });
      assert.match(String(answer['error']), /^Error issuing the API call: Lastline answered HTTP 401 Unauthorized: .*\(3004\)\.$/, JSON.stringify(answer));
      answers.push(JSON.stringify(answer));
    }
    assert.equal(portal.requests.length, passwords.length, 'every password did go upstream');
    for (const [i, password] of passwords.entries()) {
      const basic = Buffer.from(`${user}:${password}`).toString('base64');
      assert.equal(findSecret(answers[i]!, [password, basic]), undefined, `answer ${i}: ${answers[i]}`);
    }
    const log = server.logs.text;
    assert.ok(server.logs.lines.length > passwords.length);
    const leaked = findSecret(log, passwords);
    assert.equal(leaked, undefined, leaked);
  } finally {
    await server.close();
    await portal.close();
  }
});
