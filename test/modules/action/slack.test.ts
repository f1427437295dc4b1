/**
 * slack against a loopback Slack Web API: `chat.postMessage` answers as
 * Slack documents (HTTP 200 with `ok`, `error`; 429 with Retry-After).
 */
import assert from 'node:assert/strict';
import slack from '../../../src/modules/action/slack.js';
import type { FakeRequest } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { RENDERED, TEMPLATE, WORKFLOW_DATA, workflowQuery } from './workflow-payload.js';

const TOKEN = 'xoxb-1234-5678-abcdefghijkl';
const params = (extra: Record<string, string> = {}) => ({ slack_bot_token: TOKEN, channel_id: 'C0123ABC', message_template: TEMPLATE, ...extra });

/** Slack's chat.postMessage: checks the token and the channel as the real API does. */
function postMessage(req: FakeRequest) {
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return { json: { ok: false, error: 'invalid_auth' } };
  const body = req.json<{ channel: string; text: string }>();
  if (body.channel !== 'C0123ABC') return { json: { ok: false, error: 'channel_not_found' } };
  return { json: { ok: true, channel: body.channel, ts: '1503435956.000247', message: { text: body.text, type: 'message', subtype: 'bot_message' } } };
}

const sent = (requests: Array<{ path: string; body: string; headers: Record<string, unknown> }>) => {
  assert.equal(requests.length, 1);
  assert.equal(requests[0]!.path, '/api/chat.postMessage');
  return JSON.parse(requests[0]!.body) as { channel: string; text: string };
};

testModule({
  module: slack,
  vendors: { 'slack.com': { 'POST /api/chat.postMessage': postMessage } },
  rows: [
    {
      name: 'posts the rendered template to the channel with the bot token',
      query: workflowQuery(params()),
      results: undefined,
      check: (answer, requests) => {
        assert.deepEqual(answer, { data: true });
        assert.deepEqual(sent(requests), { channel: 'C0123ABC', text: RENDERED });
        assert.equal(requests[0]!.headers['authorization'], `Bearer ${TOKEN}`);
        assert.match(String(requests[0]!.headers['content-type']), /^application\/json/);
      },
    },
    {
      name: 'no template: the data as a code block of Python json.dumps',
      query: workflowQuery(params({ message_template: '' })),
      check: (_answer, requests) => {
        const { text } = sent(requests);
        assert.ok(text.startsWith('```\n{"Event": {"id": "42", "uuid": '), text.slice(0, 80));
        assert.ok(text.includes('"info": "Phishing wave against finance \\u2014 ACME"'), 'non-ASCII escaped as Python does');
        assert.ok(text.endsWith('}\n```'));
      },
    },
    {
      name: 'matchingData (hash_path nodes) is what the template sees',
      query: workflowQuery(params({ message_template: 'event: {{ Event is defined }}' }), { matchingData: { 'Data Extraction Path': ['tlp:green'] } }),
      check: (_answer, requests) => assert.equal(sent(requests).text, 'event: False'),
    },
    {
      name: 'matchingData without a template: it is what is posted',
      query: workflowQuery(params({ message_template: '' }), { matchingData: { 'Data Extraction Path': ['tlp:green'] } }),
      check: (_answer, requests) => assert.equal(sent(requests).text, '```\n{"Data Extraction Path": ["tlp:green"]}\n```'),
    },
    { name: 'a wrong token: Slack\'s invalid_auth, named', query: workflowQuery(params({ slack_bot_token: 'xoxb-wrong-token-0000' })), messageId: 'refusedToken', data: { error: 'invalid_auth' } },
    { name: 'an unknown channel: channel_not_found, named', query: workflowQuery(params({ channel_id: 'C999' })), messageId: 'refused', data: { channel: 'C999', error: 'channel_not_found' } },
    { name: 'no token: nothing sent', query: workflowQuery(params({ slack_bot_token: '' })), messageId: 'noToken', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no channel: nothing sent', query: workflowQuery({ slack_bot_token: TOKEN, message_template: TEMPLATE }), messageId: 'noChannel', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no params at all', query: { data: WORKFLOW_DATA }, messageId: 'noToken' },
    { name: 'a template that does not parse: the error says where', query: workflowQuery(params({ message_template: '{% for x in %}' })), error: /^Template syntax error \(line 1\)/, requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({ query: workflowQuery(params()), skip: ['malformed'], vendorMessage: 'ratelimited' }).map((row) =>
      row.name.includes('401') ? { ...row, error: /^Slack refused the key \(param slack_bot_token, HTTP 401 Unauthorized\): ratelimited\.$/ } : row,
    ),
    { name: 'an answer that is not Slack\'s JSON', query: workflowQuery(params()), routes: { 'POST /api/chat.postMessage': { body: '<html>proxy</html>' } }, messageId: 'unexpected', data: { status: 200 } },
  ],
});
