/** One log line per query, and secrets never reach the log at any level. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { echoModule, userErrorModule } from './fixture-modules.js';
import { startTestServer, type TestServer } from './harness.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ extraModules: [userErrorModule, echoModule], settings: { logLevel: 'trace' } });
});
after(() => t.close());

test('one line per query with request id, module, outcome and duration', async () => {
  const res = await t.post('/query', { module: 'testaction', data: {} });
  const id = String(res.headers['x-request-id']);
  const lines = t.logs.records().filter((r) => r['reqId'] === id && r['msg'] === 'query');
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!['module'], 'testaction');
  assert.equal(lines[0]!['outcome'], 'ok');
  assert.equal(typeof lines[0]!['ms'], 'number');
});

test('declared secrets and key-like settings are redacted from every line', async () => {
  const secrets = {
    api_key: 'sk-live-SECRET-0001',
    password: 'hunter2-SECRET-0002',
    'My Token': 'tok-SECRET-0003',
    license_key: 'lic-SECRET-0004',
  };
  await t.query({ module: 'test_user_error', text: 'x', config: secrets });
  await t.query({ module: 'test_echo', attribute: { type: 'text', value: 'v', uuid: 'u' }, config: { apikey: 'sk-SECRET-0005', setting: 'plain-value-visible' } });
  await t.query({ module: 'testaction', params: { slack_bot_token: 'xoxb-SECRET-0006' }, data: {} });
  await t.query({ module: 'test_echo', user: { authkey: 'authkey-SECRET-0007' }, attribute: { type: 'text', value: 'v', uuid: 'u' } });
  const text = t.logs.text;
  assert.ok(text.includes('[REDACTED]'), 'the module logged its key, redacted');
  assert.doesNotMatch(text, /SECRET-000\d/);
  assert.ok(text.includes('calling upstream with key [REDACTED] in region eu'));
});
