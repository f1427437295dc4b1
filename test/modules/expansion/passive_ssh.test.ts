/**
 * passive_ssh against a loopback CIRCL Passive SSH, answering like the D4
 * passive-ssh server (bin/passive_ssh_server.py): `/host/ssh/{ip}` gives the
 * host's metadata (first/last seen as epoch text, port, banner, hassh, keys
 * `{type, fingerprint}`), `/fingerprint/all/{fp}` the key's metadata with the
 * hosts serving it; 404 `{"Error": "Unknown Host"}`; Basic auth in front.
 */
import assert from 'node:assert/strict';
import passive_ssh from '../../../src/modules/expansion/passive_ssh.js';
import { withBasicAuth, type FakeRequest, type Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '6d1e0f2a-3b4c-4d5e-8f60-718293a4b5c6';
const CONFIG = { api_user: 'analyst', api_key: 'pssh-secret' };
const IP = '185.194.93.14';
const FINGERPRINT = 'ad:3a:bd:5f:c3:ea:4b:a2:95:82:a2:57:0a:5a:72:04';
const KEY_BASE64 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

const HOST = {
  first_seen: '1585134393',
  last_seen: '1701302399',
  port: '22',
  banner: ['SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u1'],
  hassh: { ec7378c1a92f5a8dde7e8b7a1ddf33d1: ['{"kex": "curve25519-sha256"}'] },
  keys: [
    { type: 'ssh-ed25519', fingerprint: FINGERPRINT },
    { type: 'ssh-rsa', fingerprint: '2c:9d:51:1e:44:0a:98:7e:21:b3:6f:4c:da:92:e1:7f' },
  ],
};

const KEY = {
  type: 'ssh-ed25519',
  first_seen: '1585134393',
  last_seen: '1701302399',
  base64: KEY_BASE64,
  crypto_material: { len_pk: '32', pk: '1028' },
  fingerprint: FINGERPRINT,
  hosts: [IP, '185.194.93.15'],
};

const denied = { status: 401, headers: { 'content-type': 'text/plain' }, body: 'Unauthorized' };
const PASSIVE_SSH = {
  'GET /host/ssh/:ip': withBasicAuth(CONFIG.api_user, CONFIG.api_key, (req: FakeRequest) => (req.params['ip'] === IP ? { json: HOST } : { status: 404, json: { Error: 'Unknown Host' } }), denied),
  'GET /fingerprint/all/:fp': withBasicAuth(CONFIG.api_user, CONFIG.api_key, (req: FakeRequest) => (req.params['fp'] === FINGERPRINT ? { json: KEY } : { status: 404, json: { Error: 'Unknown Fingerprint' } }), denied),
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

type ResultObject = { name: string; Attribute: Array<{ object_relation: string; type: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> };
function passiveSsh(answer: Answer): Array<[string, string, string]> {
  const [object] = (answer['results'] as { Object: ResultObject[] }).Object;
  assert.equal(object?.name, 'passive-ssh');
  assert.deepEqual(object.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['related-to', UUID]]);
  return object.Attribute.map((a) => [a.object_relation, a.type, a.value]);
}

testModule({
  module: passive_ssh,
  vendors: { 'passivessh.circl.lu': PASSIVE_SSH, 'pssh.internal.example': PASSIVE_SSH },
  config: CONFIG,
  rows: [
    {
      name: 'an IP gives its keys\' fingerprints and first/last seen',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.vendor} ${r.method} ${r.target}`), [`passivessh.circl.lu GET /host/ssh/${IP}`]);
        assert.equal(requests[0]!.headers.authorization, `Basic ${Buffer.from('analyst:pssh-secret').toString('base64')}`);
      },
      check: (answer) =>
        assert.deepEqual(passiveSsh(answer), [
          ['first_seen', 'datetime', '2020-03-25T11:06:33+00:00'],
          ['last_seen', 'datetime', '2023-11-29T23:59:59+00:00'],
          ['fingerprint', 'ssh-fingerprint', FINGERPRINT],
          ['fingerprint', 'ssh-fingerprint', '2c:9d:51:1e:44:0a:98:7e:21:b3:6f:4c:da:92:e1:7f'],
        ]),
    },
    {
      name: 'a fingerprint gives the key and the hosts that serve it',
      query: attribute('ssh-fingerprint', FINGERPRINT),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), [`/fingerprint/all/${FINGERPRINT}`]),
      check: (answer) =>
        assert.deepEqual(passiveSsh(answer), [
          ['first_seen', 'datetime', '2020-03-25T11:06:33+00:00'],
          ['last_seen', 'datetime', '2023-11-29T23:59:59+00:00'],
          ['base64', 'text', KEY_BASE64],
          ['host', 'ip-dst', IP],
          ['host', 'ip-dst', '185.194.93.15'],
        ]),
    },
    {
      name: 'custom_api_url sends the query to that instance, with one slash',
      query: attribute('ip-src', IP),
      config: { custom_api_url: 'https://pssh.internal.example/' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.target}`), [`pssh.internal.example /host/ssh/${IP}`]),
      check: (answer) => assert.equal(passiveSsh(answer).length, 4),
    },
    { name: 'an unknown host (404) is upstream\'s "Non existing hash", nothing invented', query: attribute('ip-dst', '192.0.2.1'), messageId: 'notFound' },
    { name: 'an unknown fingerprint (404) too', query: attribute('ssh-fingerprint', '00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff'), messageId: 'notFound' },
    { name: 'an empty answer is "Empty result"', query: attribute('ip-dst', IP), routes: { 'GET /host/ssh/:ip': { json: {} } }, messageId: 'empty' },
    { name: 'an answer with none of the fields read is "Empty result"', query: attribute('ip-dst', IP), routes: { 'GET /host/ssh/:ip': { json: { first_seen: null, last_seen: null, port: 22, keys: [] } } }, messageId: 'empty' },
    { name: 'no api_user: upstream\'s message', query: attribute('ip-dst', IP), config: { api_user: '' }, messageId: 'noUser', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all: the user is asked for first', query: attribute('ip-dst', IP), config: null, messageId: 'noUser' },
    { name: 'no api_key: upstream\'s message', query: attribute('ip-dst', IP), config: { api_key: '' }, messageId: 'noPassword', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a wrong key: refused (401), named', query: attribute('ip-dst', IP), config: { api_key: 'wrong' }, error: 'CIRCL Passive SSH refused the key (setting api_user/api_key, HTTP 401 Unauthorized).' },
    { name: 'an invalid fingerprint (400) is the vendor\'s error, named', query: attribute('ssh-fingerprint', 'xx'), routes: { 'GET /fingerprint/all/:fp': { status: 400, json: { error: 'Invalid Fingerprint' } } }, error: 'CIRCL Passive SSH answered HTTP 400 Bad Request: Invalid Fingerprint.' },
    { name: 'a value of ".." (another API path) is not sent', query: attribute('ssh-fingerprint', '..'), messageId: 'notFound', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a type it does not take is refused before any request', query: attribute('hostname', 'www.circl.lu'), error: /does not accept attributes of type 'hostname'/, requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({ query: attribute('ip-dst', IP), host: 'passivessh.circl.lu', vendorMessage: 'Backend unavailable' }),
  ],
});
