/**
 * socialscan against loopback fakes of each platform's sign-up endpoints,
 * answering as the socialscan library expects them to (tokens from a first
 * page or cookie, checked on the second request; JSON / 422 answers). One
 * username and one email address are "taken" everywhere; anything else is
 * free.
 */
import assert from 'node:assert/strict';
import socialscan from '../../../src/modules/expansion/socialscan.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule } from '../../support/module-tester.js';

const TAKEN_USER = 'takenuser';
const TAKEN_EMAIL = 'taken@example.com';
const form = (req: FakeRequest) => new URLSearchParams(req.body);
const ok = (json: unknown): FakeResponse => ({ json });
const denied: FakeResponse = { status: 403, body: '<html>Forbidden</html>', headers: { 'content-type': 'text/html' } };

const VENDORS: Record<string, Routes> = {
  'www.instagram.com': {
    'GET /api/v1/public/landing_info/': { json: {}, headers: { 'set-cookie': 'csrftoken=ig-csrf; Path=/; Secure' } },
    'POST /accounts/web_create_ajax/attempt/': (req) => {
      if (req.headers['x-csrftoken'] !== 'ig-csrf') return denied;
      const f = form(req);
      if (f.get('username') === TAKEN_USER) return ok({ status: 'ok', errors: { username: [{ message: "This username isn't available. Please try another.", code: 'username_is_taken' }] } });
      if (f.get('email') === TAKEN_EMAIL) return ok({ status: 'ok', errors: { email: [{ message: 'Another account is using the same email.', code: 'email_is_taken' }] } });
      return ok({ status: 'ok', errors: {} });
    },
  },
  'api.twitter.com': {
    'GET /i/users/username_available.json': (req) =>
      req.query['username'] === TAKEN_USER ? ok({ valid: false, reason: 'taken', msg: 'Username has already been taken', desc: 'That username has been taken. Please choose another.' }) : ok({ valid: true, reason: 'available', msg: 'Available!', desc: 'Available!' }),
    'GET /i/users/email_available.json': (req) => (req.query['email'] === TAKEN_EMAIL ? ok({ valid: false, msg: 'Email has already been taken.', taken: true }) : ok({ valid: true, msg: 'Available!', taken: false })),
  },
  'github.com': {
    'GET /join': { body: '<auto-check src="/signup_check/username" required><input value="gh-user-token" type="hidden"></auto-check> … <auto-check src="/signup_check/email" required><input value="gh-email-token" type="hidden"></auto-check>', headers: { 'content-type': 'text/html' } },
    'POST /signup_check/username': (req) => {
      const f = form(req);
      if (f.get('authenticity_token') !== 'gh-user-token') return denied;
      return f.get('value') === TAKEN_USER ? { status: 422, body: `<span>Username ${TAKEN_USER} is not available.</span>` } : { status: 200, body: 'Username is available.' };
    },
    'POST /signup_check/email': (req) => {
      const f = form(req);
      if (f.get('authenticity_token') !== 'gh-email-token') return denied;
      return f.get('value') === TAKEN_EMAIL ? { status: 422, body: 'The email you have provided is already associated with an account.' } : { status: 200, body: '' };
    },
  },
  'tumblr.com': { 'GET /register': { body: '<script>window.___INITIAL_STATE___ = {"API_TOKEN":"tumblr-token","x":1}</script>', headers: { 'content-type': 'text/html' } } },
  'www.tumblr.com': {
    'POST /api/v2/register/account/validate': (req) => {
      if (req.headers.authorization !== 'Bearer tumblr-token') return { status: 401, json: { meta: { status: 401, msg: 'Unauthorized' }, response: [] } };
      const { email, tumblelog } = req.json<{ email: string; tumblelog: string }>();
      if (tumblelog === TAKEN_USER) return ok({ meta: { status: 400, msg: 'Bad Request' }, response: { error: 'That username is taken.', code: 3 } });
      if (email === TAKEN_EMAIL) return ok({ meta: { status: 400, msg: 'Bad Request' }, response: { error: 'This email address is already in use.', code: 2 } });
      return ok({ meta: { status: 200, msg: 'OK' }, response: [] });
    },
  },
  'www.last.fm': {
    'GET /join': { body: '<html></html>', headers: { 'content-type': 'text/html', 'set-cookie': 'csrftoken=lastfm-csrf; expires=Sat, 01 Jan 2028 00:00:00 GMT; Path=/' } },
    'POST /join/partial/validate': (req) => {
      const f = form(req);
      if (f.get('csrfmiddlewaretoken') !== 'lastfm-csrf' || req.headers.cookie !== 'csrftoken=lastfm-csrf') return denied;
      if (f.get('userName')) return ok({ userName: f.get('userName') === TAKEN_USER ? { valid: false, error_messages: ["Sorry, this username isn't available."] } : { valid: true, success_message: 'Available' } });
      return ok({ email: f.get('email') === TAKEN_EMAIL ? { valid: false, error_messages: ['Sorry, that email address is already registered.'] } : { valid: true, success_message: 'OK' } });
    },
  },
  'www.pinterest.com': {
    'GET /_ngjs/resource/EmailExistsResource/get/': (req) => {
      const data = JSON.parse(req.query['data'] ?? '{}') as { options?: { email?: string } };
      return ok({ resource_response: { status: 'success', data: data.options?.email === TAKEN_EMAIL } });
    },
  },
  'api.accounts.firefox.com': { 'POST /v1/account/status': (req) => ok({ exists: form(req).get('email') === TAKEN_EMAIL }) },
  'accounts.snapchat.com': {
    'GET /accounts/login': { body: '<html></html>', headers: { 'content-type': 'text/html', 'set-cookie': 'xsrf_token=snap-xsrf; Path=/; Secure' } },
    'POST /accounts/get_username_suggestions': (req) => {
      const f = form(req);
      if (f.get('xsrf_token') !== 'snap-xsrf' || req.headers.cookie !== 'xsrf_token=snap-xsrf') return denied;
      return f.get('requested_username') === TAKEN_USER
        ? ok({ reference: {}, value: { error_message: `${TAKEN_USER} is already taken`, suggestions: [] } })
        : ok({ reference: {}, value: { status_code: 'OK', suggestions: [] } });
    },
  },
  'gitlab.com': { 'GET /users/:name/exists': (req) => ok({ exists: req.params['name'] === TAKEN_USER }) },
  'www.reddit.com': {
    'POST /api/check_username.json': (req) => (form(req).get('user') === TAKEN_USER ? ok({ json: { errors: [['USERNAME_TAKEN', 'that username is already taken', 'user']] } }) : ok({})),
  },
  'login.yahoo.com': {
    'GET /account/create': { body: '<html></html>', headers: { 'content-type': 'text/html', 'set-cookie': 'AS=v=1&s=yahoo-crumb; Path=/; Domain=.yahoo.com' } },
    'POST /account/module/create': (req) => {
      const f = form(req);
      if (f.get('acrumb') !== 'yahoo-crumb') return denied;
      const errors = [{ name: 'firstName', error: 'FIELD_EMPTY' }, { name: 'lastName', error: 'FIELD_EMPTY' }];
      return ok({ errors: f.get('yid') === TAKEN_USER ? [...errors, { name: 'yid', error: 'IDENTIFIER_EXISTS' }] : [...errors, { name: 'password', error: 'FIELD_EMPTY' }] });
    },
  },
};

const lines = (answer: Record<string, unknown>) => (answer['results'] as Array<{ types: string[]; values: string }>).map((r) => (assert.deepEqual(r.types, ['text']), r.values));
const EMAIL_ORDER = ['Pinterest', 'Firefox', 'Instagram', 'Twitter', 'GitHub', 'Tumblr', 'Lastfm'];
const USER_ORDER = ['Snapchat', 'GitLab', 'Reddit', 'Yahoo', 'Instagram', 'Twitter', 'GitHub', 'Tumblr', 'Lastfm'];

testModule({
  module: socialscan,
  vendors: VENDORS,
  rows: [
    {
      name: 'a taken email address: an account on each email platform, in upstream order',
      query: { 'email-src': TAKEN_EMAIL },
      check: (answer) => assert.deepEqual(lines(answer), EMAIL_ORDER.map((p) => `There is an account linked to the email address on ${p}.`)),
    },
    {
      name: 'a free email address: no account anywhere',
      query: { 'target-email': 'fresh-7f3a@example.org' },
      check: (answer) => assert.deepEqual(lines(answer), EMAIL_ORDER.map((p) => `No account linked to the email address on ${p}.`)),
    },
    {
      name: 'a taken username: an account on each username platform (tokens fetched and sent)',
      query: { 'target-user': TAKEN_USER },
      requests: (requests) => {
        assert.ok(requests.some((r) => r.vendor === 'login.yahoo.com' && r.method === 'POST'));
        assert.ok(requests.some((r) => r.vendor === 'github.com' && r.path === '/join'));
      },
      check: (answer) => assert.deepEqual(lines(answer), USER_ORDER.map((p) => `There is an account linked to the username on ${p}.`)),
    },
    {
      name: 'a free username: no account anywhere',
      query: { 'target-user': 'fresh_user_91' },
      check: (answer) => assert.deepEqual(lines(answer), USER_ORDER.map((p) => `No account linked to the username on ${p}.`)),
    },
    {
      name: 'github-username asks GitHub only',
      query: { 'github-username': TAKEN_USER },
      requests: (requests) => assert.deepEqual([...new Set(requests.map((r) => r.vendor))], ['github.com']),
      check: (answer) => assert.deepEqual(lines(answer), ['There is an account linked to the username on GitHub.']),
    },
    {
      name: 'a username GitLab cannot hold is invalid there, without asking GitLab',
      query: { 'target-user': 'bad name!' },
      check: (answer) => assert.equal(lines(answer)[1], 'Invalid response from GitLab, or invalid username.'),
    },
    {
      name: 'a platform answering HTML (rate limited) is "unable to retrieve"; the others answer',
      query: { 'email-src': TAKEN_EMAIL },
      routes: { 'www.pinterest.com': { 'GET /_ngjs/resource/EmailExistsResource/get/': { status: 429, body: '<html>Too many requests</html>', headers: { 'content-type': 'text/html' } } } },
      check: (answer) => {
        const got = lines(answer);
        assert.equal(got[0], 'Unable to retrieve the email address on Pinterest.');
        assert.equal(got[1], 'There is an account linked to the email address on Firefox.');
      },
    },
    {
      name: 'a platform with no token is "unable to retrieve"',
      query: { 'github-username': TAKEN_USER },
      routes: { 'github.com': { 'GET /join': { body: '<html>no form</html>', headers: { 'content-type': 'text/html' } } } },
      check: (answer) => assert.deepEqual(lines(answer), ['Unable to retrieve the username on GitHub.']),
    },
    {
      name: 'a platform that hangs fails alone within the query timeout',
      query: { 'email-src': TAKEN_EMAIL, timeout: 2 },
      routes: { 'api.accounts.firefox.com': { 'POST /v1/account/status': { hang: true } } },
      check: (answer) => {
        const got = lines(answer);
        assert.equal(got[1], 'Unable to retrieve the email address on Firefox.');
        assert.equal(got[0], 'There is an account linked to the email address on Pinterest.');
      },
    },
    {
      name: 'malformed JSON from a platform is "unable to retrieve"',
      query: { 'email-src': TAKEN_EMAIL },
      routes: { 'api.accounts.firefox.com': { 'POST /v1/account/status': { body: '{"exists": tr', headers: { 'content-type': 'application/json' } } } },
      check: (answer) => assert.equal(lines(answer)[1], 'Unable to retrieve the email address on Firefox.'),
    },
    { name: 'an empty value: upstream message', query: { 'target-user': '  ' }, error: 'Unsupported attributes type' },
    { name: 'no input it takes: refused before any request', query: { domain: 'example.com' }, error: /needs one of these attribute types/, requests: (r) => assert.equal(r.length, 0) },
  ],
});
