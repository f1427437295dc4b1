/**
 * nextcloud_talk against a loopback Nextcloud Talk chat API: OCS envelopes
 * as Nextcloud documents them (`{"ocs": {"meta": {status, statuscode, message}, "data": …}}`),
 * refusing requests without `OCS-APIRequest: true` or valid Basic credentials.
 */
import assert from 'node:assert/strict';
import nextcloud_talk from '../../../src/modules/action/nextcloud_talk.js';
import type { FakeRequest, FakeResponse } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { RENDERED, TEMPLATE, workflowQuery } from './workflow-payload.js';

const LOGIN = 'misp-bot';
const APP_TOKEN = 'Abcde-Fghij-Klmno-Pqrst-Uvwxy';
const CONVERSATION = 'n3xtc10ud';
const params = (extra: Record<string, string> = {}) => ({
  nextcloud_baseurl: 'https://cloud.example.org:443',
  nextcloud_app_uuid_login: LOGIN,
  app_access_token: APP_TOKEN,
  nextcloud_conversation_token: CONVERSATION,
  message_template: TEMPLATE,
  ...extra,
});

const ocs = (status: number, statuscode: number, message: string, data: unknown = []): FakeResponse => ({
  status,
  json: { ocs: { meta: { status: status < 300 ? 'ok' : 'failure', statuscode, message }, data } },
});

function chat(req: FakeRequest): FakeResponse {
  if (req.headers['ocs-apirequest'] !== 'true') return ocs(412, 412, 'CSRF check failed');
  if (req.basicAuth?.username !== LOGIN || req.basicAuth.password !== APP_TOKEN) return ocs(401, 997, 'Current user is not logged in');
  if (req.params['token'] !== CONVERSATION) return ocs(404, 404, '');
  const { message } = req.json<{ message: string }>();
  return ocs(201, 201, 'OK', { id: 1234, token: CONVERSATION, actorType: 'users', actorId: LOGIN, message, messageType: 'comment' });
}

testModule({
  module: nextcloud_talk,
  vendors: { 'cloud.example.org': { 'POST /ocs/v2.php/apps/spreed/api/v1/chat/:token': chat } },
  rows: [
    {
      name: 'posts the rendered template with the OCS headers and the app login',
      query: workflowQuery(params()),
      check: (answer, requests) => {
        assert.deepEqual(answer, { data: true });
        assert.equal(requests.length, 1);
        assert.equal(requests[0]!.path, `/ocs/v2.php/apps/spreed/api/v1/chat/${CONVERSATION}`);
        assert.deepEqual(JSON.parse(requests[0]!.body), { message: RENDERED });
        assert.equal(requests[0]!.headers['ocs-apirequest'], 'true');
        assert.match(String(requests[0]!.headers['accept']), /application\/json/);
      },
    },
    {
      name: 'a wrong app token: refused, with Nextcloud\'s message',
      query: workflowQuery(params({ app_access_token: 'wrong-wrong-wrong' })),
      error: 'Nextcloud Talk refused the key (param nextcloud_app_uuid_login/app_access_token, HTTP 401 Unauthorized): Current user is not logged in.',
    },
    { name: 'an unknown conversation (404)', query: workflowQuery(params({ nextcloud_conversation_token: 'nope' })), messageId: 'notFound' },
    { name: 'no base URL', query: workflowQuery(params({ nextcloud_baseurl: '' })), messageId: 'noBaseUrl' },
    { name: 'a base URL that is not http(s)', query: workflowQuery(params({ nextcloud_baseurl: 'cloud.example.org' })), messageId: 'badBaseUrl', data: { url: 'cloud.example.org' } },
    { name: 'no login', query: workflowQuery(params({ nextcloud_app_uuid_login: '' })), messageId: 'noCredentials', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no conversation', query: workflowQuery(params({ nextcloud_conversation_token: '' })), messageId: 'noConversation' },
    ...vendorFailureRows({ query: workflowQuery(params()), skip: ['malformed'], vendorMessage: 'Too many messages' }).map((row) =>
      row.name.includes('401') ? { ...row, error: /^Nextcloud Talk refused the key \(param nextcloud_app_uuid_login\/app_access_token, HTTP 401 Unauthorized\)/ } : row,
    ),
  ],
});
