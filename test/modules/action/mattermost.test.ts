/**
 * mattermost against a loopback Mattermost API v4: `GET /users/me` and
 * `POST /posts` answer as Mattermost documents (its error JSON carries `id`,
 * `message`, `status_code`).
 */
import assert from 'node:assert/strict';
import mattermost from '../../../src/modules/action/mattermost.js';
import type { FakeRequest, FakeResponse } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { RENDERED, TEMPLATE, workflowQuery } from './workflow-payload.js';

const TOKEN = 'mm-bot-token-9f8e7d6c5b4a';
const CHANNEL = 'ke9dnfbchtgd8r6ut1ppx7zqfh';
const params = (extra: Record<string, string> = {}) => ({ mattermost_hostname: 'chat.example.org', bot_access_token: TOKEN, channel_id: CHANNEL, message_template: TEMPLATE, ...extra });

function mmError(status: number, id: string, message: string): FakeResponse {
  return { status, json: { id, message, detailed_error: '', request_id: 'xqb8kqk3ojf8fbkpfzc8n7ugwa', status_code: status } };
}

const authed = (handler: (req: FakeRequest) => FakeResponse) => (req: FakeRequest) =>
  req.headers.authorization === `Bearer ${TOKEN}` ? handler(req) : mmError(401, 'api.context.session_expired.app_error', 'Invalid or expired session, please login again.');

const ROUTES = {
  'GET /api/v4/users/me': authed(() => ({ json: { id: 'bot0user0id', username: 'misp-bot', is_bot: true } })),
  'POST /api/v4/posts': authed((req) => {
    const body = req.json<{ channel_id: string; message: string }>();
    if (body.channel_id !== CHANNEL) return mmError(403, 'api.context.permissions.app_error', 'You do not have the appropriate permissions.');
    return { status: 201, json: { id: 'post0id', channel_id: body.channel_id, message: body.message, user_id: 'bot0user0id' } };
  }),
};

testModule({
  module: mattermost,
  // The host named in the workflow param, and the same server given as a URL with a port.
  vendors: { 'chat.example.org': ROUTES, 'mm.example.org:8065': ROUTES },
  rows: [
    {
      name: 'logs in with the token, then posts the rendered template to the channel',
      query: workflowQuery(params()),
      check: (answer, requests) => {
        assert.deepEqual(answer, { data: true });
        assert.deepEqual(requests.map((r) => `${r.vendor} ${r.method} ${r.path}`), ['chat.example.org GET /api/v4/users/me', 'chat.example.org POST /api/v4/posts']);
        assert.deepEqual(JSON.parse(requests[1]!.body), { channel_id: CHANNEL, message: RENDERED });
        assert.ok(requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`));
      },
    },
    {
      name: 'a URL with a port as hostname',
      query: workflowQuery(params({ mattermost_hostname: 'https://mm.example.org:8065/' })),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.vendor), ['mm.example.org:8065', 'mm.example.org:8065']),
    },
    {
      name: 'a wrong token: refused at login, nothing posted',
      query: workflowQuery(params({ bot_access_token: 'wrong-token-123456' })),
      error: 'Mattermost refused the key (param bot_access_token, HTTP 401 Unauthorized): Invalid or expired session, please login again.',
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/api/v4/users/me']),
    },
    {
      name: 'a channel the bot is not in: Mattermost\'s message',
      query: workflowQuery(params({ channel_id: 'otherchannel0000000000000' })),
      error: 'Mattermost refused the key (param bot_access_token, HTTP 403 Forbidden): You do not have the appropriate permissions.',
    },
    {
      name: 'an unknown channel id (404)',
      query: workflowQuery(params()),
      routes: { 'POST /api/v4/posts': mmError(404, 'app.channel.get.existing.app_error', 'Unable to find the existing channel.') },
      error: 'Mattermost answered HTTP 404 Not Found: Unable to find the existing channel.',
    },
    { name: 'no hostname', query: workflowQuery(params({ mattermost_hostname: '' })), messageId: 'noHost' },
    { name: 'a hostname that is no host', query: workflowQuery(params({ mattermost_hostname: 'ftp://chat.example.org' })), messageId: 'badHost', data: { host: 'ftp://chat.example.org' } },
    { name: 'no token', query: workflowQuery(params({ bot_access_token: '' })), messageId: 'noToken', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no channel', query: workflowQuery(params({ channel_id: '' })), messageId: 'noChannel', requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({ query: workflowQuery(params()), route: 'GET /api/v4/users/me', host: 'chat.example.org', vendorMessage: 'Server busy' }).map((row) =>
      row.name.includes('401') ? { ...row, error: 'Mattermost refused the key (param bot_access_token, HTTP 401 Unauthorized): Server busy.' } : row,
    ),
  ],
});
