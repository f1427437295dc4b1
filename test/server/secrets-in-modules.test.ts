/**
 * Secrets through a real module run: passivetotal's key and the Basic auth
 * header it sends never appear in any log line (at trace level) nor in an
 * answer, even when a hostile upstream echoes them back.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import passivetotal from '../../src/modules/expansion/passivetotal.js';
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
