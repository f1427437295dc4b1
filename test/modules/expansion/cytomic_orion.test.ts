/**
 * cytomic_orion against a loopback Cytomic Orion: an OAuth2 token endpoint
 * (password grant, client credentials as HTTP Basic; RFC 6749 answers and
 * errors) and the forensics API, which answers only with the bearer token it
 * issued.
 */
import assert from 'node:assert/strict';
import cytomicOrion from '../../../src/modules/expansion/cytomic_orion.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '5f0c4a8e-0d7a-4c43-9e0b-6a1a2b3c4d5e';
const MD5 = '2ad5f8f2a5d0e8b1a9c7c25b2d1b6a3e';
const MUID = '9A1B2C3D4E5F60718293A4B5C6D7E8F9';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.orion-access-token';
const TOKEN_HOST = 'auth.cytomicmodel.com';
const API_HOST = 'api-orion.cytomicmodel.com';

const CONFIG = {
  api_url: `https://${API_HOST}/api/v1`,
  token_url: `https://${TOKEN_HOST}/oauth/token`,
  clientid: 'misp-client',
  clientsecret: 'client-secret',
  username: 'analyst@example.org',
  password: 'hunter2',
};

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

/** RFC 6749 §4.3 / §5: the token endpoint. */
const TOKEN_ROUTES = {
  'POST /oauth/token': (req: FakeRequest): FakeResponse => {
    if (req.headers.authorization !== basic(CONFIG.clientid, CONFIG.clientsecret)) return { status: 401, json: { error: 'invalid_client' } };
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'password' || form.get('scope') !== 'orion.api') return { status: 400, json: { error: 'unsupported_grant_type' } };
    if (form.get('username') !== CONFIG.username || form.get('password') !== CONFIG.password) {
      return { status: 400, json: { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' } };
    }
    return { json: { access_token: TOKEN, token_type: 'bearer', expires_in: 3599, refresh_token: 'r-token', scope: 'orion.api' } };
  },
} satisfies Routes;

const FILE_INFO = {
  md5: MD5.toUpperCase(),
  fileName: 'invoice.exe',
  fileSize: 184320,
  firstSeen: '2020-02-11T08:12:44Z',
  lastSeen: '2020-03-09T17:02:10Z',
  classification: 2,
  classificationName: 'Malware',
};
const MUIDS = [{ muid: MUID, clientId: 41234, firstSeen: '2020-02-11T08:15:00Z', lastSeen: '2020-03-09T17:05:00Z', lastPath: 'C:\\Users\\jdoe\\Downloads\\invoice.exe' }];
const MACHINE = {
  muid: MUID,
  machineName: 'WS-ACCOUNTING-07',
  clientName: 'ACME Corp',
  creationDate: '2019-06-01T10:00:00Z',
  clientCreationDateUTC: '2018-01-15T09:00:00Z',
  lastSeenUtc: '2020-03-10T06:00:00Z',
};

const bearer = (req: FakeRequest, answer: FakeResponse): FakeResponse =>
  req.headers.authorization === `Bearer ${TOKEN}` ? answer : { status: 401, json: { message: 'Authorization has been denied for this request.' } };

const API_ROUTES = {
  'GET /api/v1/forensics/md5/:md5/info': (req: FakeRequest) => bearer(req, req.params['md5'] === MD5 ? { json: FILE_INFO } : { status: 404, json: { message: 'Not found' } }),
  'GET /api/v1/forensics/md5/:md5/muids': (req: FakeRequest) => bearer(req, { json: req.params['md5'] === MD5 ? MUIDS : [] }),
  'GET /api/v1/forensics/muid/:muid/info': (req: FakeRequest) => bearer(req, req.params['muid'] === MUID ? { json: MACHINE } : { status: 404, json: { message: 'Not found' } }),
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Payload delivery' } });

type ObjectOut = { name: string; Attribute: Array<{ object_relation: string; type: string; value: string; Tag?: Array<{ name: string }> }> };
const objects = (answer: Answer) => ((answer['results'] as { Object?: ObjectOut[] }).Object ?? []);
const relations = (object: ObjectOut) => Object.fromEntries(object.Attribute.map((a) => [a.object_relation, a.value]));

testModule({
  module: cytomicOrion,
  vendors: { [TOKEN_HOST]: TOKEN_ROUTES, [API_HOST]: API_ROUTES },
  config: CONFIG,
  rows: [
    {
      name: 'a known md5: the token, then the file and the machine that had it',
      query: attribute('md5', MD5),
      inputUuids: [UUID],
      requests: (requests) =>
        assert.deepEqual(requests.map((r) => `${r.vendor} ${r.method} ${r.path}`), [
          `${TOKEN_HOST} POST /oauth/token`,
          `${API_HOST} GET /api/v1/forensics/md5/${MD5}/info`,
          `${API_HOST} GET /api/v1/forensics/md5/${MD5}/muids`,
          `${API_HOST} GET /api/v1/forensics/muid/${MUID}/info`,
        ]),
      check: (answer) => {
        const [file, machine] = objects(answer);
        assert.equal(file?.name, 'cytomic-orion-file');
        assert.deepEqual(relations(file), {
          fileName: 'invoice.exe',
          fileSize: '184320',
          'last-seen': '2020-03-09T17:02:10+00:00',
          'first-seen': '2020-02-11T08:12:44+00:00',
          classification: '2',
          classificationName: 'Malware',
        });
        assert.equal(machine?.name, 'cytomic-orion-machine');
        assert.equal(relations(machine).machineName, 'WS-ACCOUNTING-07');
        assert.equal(relations(machine).clientName, 'ACME Corp');
        assert.equal(relations(machine).machineMuid, MUID);
        assert.equal(relations(machine).clientId, '41234');
        assert.equal(relations(machine).machinePath, 'C:\\Users\\jdoe\\Downloads\\invoice.exe');
        const named = machine.Attribute.find((a) => a.object_relation === 'machineName');
        assert.equal(named?.type, 'target-machine');
        assert.deepEqual(named?.Tag?.map((t) => t.name), ['ACME Corp']);
      },
    },
    {
      name: 'an md5 Orion never saw: the input only, nothing invented',
      query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'),
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(objects(answer), []),
    },
    {
      name: 'a file seen on no machine gives the file object only',
      query: attribute('md5', MD5),
      inputUuids: [UUID],
      routes: { [API_HOST]: { 'GET /api/v1/forensics/md5/:md5/muids': { json: [] } } },
      check: (answer) => assert.deepEqual(objects(answer).map((o) => o.name), ['cytomic-orion-file']),
    },
    { name: 'no attribute', query: {}, error: /requires an "attribute" field/ },
    { name: 'an attribute without uuid', query: { attribute: { type: 'md5', value: MD5 } }, error: /requires an "attribute" field/ },
    { name: 'another type is refused before any request', query: attribute('sha1', 'a'.repeat(40)), error: /does not accept attributes of type 'sha1'/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config: "Missing configuration"', query: attribute('md5', MD5), config: null, error: 'Missing configuration' },
    { name: 'no password', query: attribute('md5', MD5), config: { password: '' }, error: 'No scope, grant_type, username or password supplied.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no client secret', query: attribute('md5', MD5), config: { clientsecret: '' }, error: 'No token_url, clientid or clientsecret supplied.' },
    { name: 'no api_url', query: attribute('md5', MD5), config: { api_url: '' }, messageId: 'missingApiUrl' },
    { name: 'a wrong password: the token endpoint says why', query: attribute('md5', MD5), config: { password: 'wrong' }, error: 'Cytomic Orion refused the token request (HTTP 400): The user name or password is incorrect.' },
    { name: 'a wrong client secret', query: attribute('md5', MD5), config: { clientsecret: 'wrong' }, error: 'Cytomic Orion refused the token request (HTTP 401): invalid_client.' },
    { name: 'a token answer without access_token: "No token received."', query: attribute('md5', MD5), routes: { [TOKEN_HOST]: { 'POST /oauth/token': { json: { token_type: 'bearer' } } } }, error: 'No token received.' },
    { name: 'a token endpoint that cannot be reached: "Unable to connect to token_url."', query: attribute('md5', MD5), config: { token_url: 'http://127.0.0.1:9/oauth/token' }, error: 'Unable to connect to token_url.' },
    {
      name: 'the API refuses the token (401)',
      query: attribute('md5', MD5),
      routes: { [API_HOST]: { 'GET /api/v1/forensics/md5/:md5/info': { status: 401, json: { message: 'Authorization has been denied for this request.' } } } },
      error: /Cytomic Orion .*401.*Authorization has been denied/,
    },
    ...vendorFailureRows({ query: attribute('md5', MD5), host: API_HOST, skip: ['unauthorized'], vendorMessage: 'Orion is down' }),
  ],
});
