/**
 * tls_certificate_check against real TLS servers on loopback, with
 * certificates issued by a CA the test makes and the server trusts through
 * its `caFile` setting. Each server is a node:tls server of its own, chosen
 * by the row's `port` setting. `allowUrlRanges` lets loopback through; a
 * second table without it proves the guard refuses before any connection.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after } from 'node:test';
import tlsCertificateCheck from '../../../src/modules/expansion/tls_certificate_check.js';
import { closedPort, startFakeTcp, type FakeTcp } from '../../support/fake-tcp.js';
import { testModule, type Answer } from '../../support/module-tester.js';
import { createTestCa } from '../../support/tls-cert.js';

const UUID = '7d1c3e5a-2b4f-4c6d-8e9f-0a1b2c3d4e5f';
const attribute = (value: string, type = 'domain') => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

const ca = createTestCa('/O=MISP Modules Test CA/CN=MISP Modules Test Root');
const stranger = createTestCa('/O=Unknown Authority/CN=Unknown Root');
after(() => {
  ca.cleanup();
  stranger.cleanup();
});

const good = ca.issue({ subject: '/O=Example Ltd/CN=localhost', dnsNames: ['localhost', 'www.localhost'], ips: ['127.0.0.1'], serial: '0A1B2C3D4E5F60', days: 400 });
const soon = ca.issue({ subject: '/CN=localhost', dnsNames: ['localhost'], days: 10 });
const noCommonName = ca.issue({ subject: '/O=Only An Organisation', dnsNames: ['localhost'] });
const otherName = ca.issue({ subject: '/CN=other.example', dnsNames: ['other.example'] });
const untrusted = stranger.issue({ subject: '/CN=localhost', dnsNames: ['localhost'] });

const tlsServer = (leaf: { key: string; cert: string }) => startFakeTcp((socket) => socket.end(), { key: leaf.key, cert: leaf.cert });
const servers = {
  good: await tlsServer(good),
  soon: await tlsServer(soon),
  noCommonName: await tlsServer(noCommonName),
  otherName: await tlsServer(otherName),
  untrusted: await tlsServer(untrusted),
  // An SSH server on the port: no TLS at all.
  ssh: await startFakeTcp((socket) => socket.write('SSH-2.0-OpenSSH_9.6\r\n')),
  // Accepts the connection and never answers the ClientHello.
  silent: await startFakeTcp(() => undefined),
};
const refusedPort = await closedPort();
after(() => Promise.all(Object.values(servers).map((s) => s.close())));

const port = (fake: FakeTcp) => ({ port: String(fake.port) });
const iso = (openssl: string) => `${new Date(openssl).toISOString().slice(0, 19)}+00:00`;

interface Frame {
  object: Record<string, string[]> | undefined;
  texts: string[];
}

/** The x509 object (relation → `type value`) or the error texts, after checking the answer's frame. */
function frame(answer: Answer): Frame {
  const results = answer['results'] as { Attribute: Array<Record<string, unknown>>; Object?: Array<Record<string, any>> };
  assert.equal(results.Attribute[0]!['uuid'], UUID, 'the input attribute is echoed first');
  const texts = results.Attribute.slice(1).map((a) => `${a['value']} (${a['comment']})`);
  if (!results.Object) return { object: undefined, texts };
  assert.equal(results.Object.length, 1);
  const object = results.Object[0]!;
  assert.equal(object['name'], 'x509');
  assert.deepEqual(object['ObjectReference'].map((r: Record<string, unknown>) => [r['referenced_uuid'], r['relationship_type']]), [[UUID, 'related-to']]);
  const relations: Record<string, string[]> = {};
  for (const a of object['Attribute'] as Array<Record<string, unknown>>) (relations[a['object_relation'] as string] ??= []).push(`${a['type']} ${a['value']}`);
  return { object: relations, texts };
}

const error = (domain: string, reason: string | RegExp) => (answer: Answer) => {
  const { object, texts } = frame(answer);
  assert.equal(object, undefined);
  assert.equal(texts.length, 1);
  if (typeof reason === 'string') assert.equal(texts[0], `TLS error for ${domain}: ${reason} (TLS Certificate Check - error)`);
  else assert.match(texts[0]!, reason);
};

const goodX509 = new X509Certificate(good.cert);

testModule({
  module: tlsCertificateCheck,
  settings: { allowUrlRanges: ['127.0.0.0/8', '::1/128'], caFile: ca.certFile },
  config: { ...port(servers.good), timeout: '' },
  rows: [
    {
      name: 'a certificate from a trusted CA: upstream\'s x509 fields',
      query: attribute('localhost'),
      inputUuids: [UUID],
      check: (answer) => {
        assert.deepEqual(frame(answer), {
          object: {
            'serial-number': ['text 0A1B2C3D4E5F60'],
            issuer: ['text MISP Modules Test CA (MISP Modules Test Root)'],
            subject: ['text localhost'],
            version: ['text TLSv1.3'],
            'validity-not-before': [`datetime ${iso(goodX509.validFrom)}`],
            'validity-not-after': [`datetime ${iso(goodX509.validTo)}`],
            dns_names: ['hostname localhost', 'hostname www.localhost'],
            text: ['text VALID (399 days remaining)'],
          },
          texts: [],
        });
        const x509 = ((answer['results'] as any).Object[0].Attribute as Array<Record<string, unknown>>);
        assert.deepEqual(x509.filter((a) => a['disable_correlation'] === true).map((a) => a['object_relation']),
          ['issuer', 'version', 'validity-not-before', 'validity-not-after', 'text']);
      },
    },
    {
      name: 'a hostname attribute is accepted too',
      query: attribute('localhost', 'hostname'),
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(frame(answer).object?.['subject'], ['text localhost']),
    },
    {
      name: 'a certificate expiring in 10 days: "EXPIRING SOON (9 days left)"',
      query: attribute('localhost'),
      config: port(servers.soon),
      inputUuids: [UUID],
      check: (answer) => {
        const { object } = frame(answer);
        assert.deepEqual(object?.['text'], ['text EXPIRING SOON (9 days left)']);
        assert.deepEqual(object?.['issuer'], ['text MISP Modules Test CA (MISP Modules Test Root)']);
      },
    },
    {
      name: 'a certificate whose subject has no common name: "N/A", as upstream',
      query: attribute('localhost'),
      config: port(servers.noCommonName),
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(frame(answer).object?.['subject'], ['text N/A']),
    },
    {
      name: 'a certificate for another name: verification fails, upstream\'s wording',
      query: attribute('localhost'),
      config: port(servers.otherName),
      inputUuids: [UUID],
      check: error('localhost', "Certificate verification failed: Host: localhost. is not in the cert's altnames: DNS:other.example (ERR_TLS_CERT_ALTNAME_INVALID)"),
    },
    {
      name: 'a certificate from a CA nobody trusts: verification fails',
      query: attribute('localhost'),
      config: port(servers.untrusted),
      inputUuids: [UUID],
      check: error('localhost', 'Certificate verification failed: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE)'),
    },
    {
      name: 'no TLS on the port (an SSH server): "SSL error: …"',
      query: attribute('localhost'),
      config: port(servers.ssh),
      inputUuids: [UUID],
      check: error('localhost', 'SSL error: wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)'),
    },
    {
      name: 'a closed port: "Connection refused (port closed)"',
      query: attribute('localhost'),
      config: { port: String(refusedPort) },
      inputUuids: [UUID],
      check: error('localhost', 'Connection refused (port closed)'),
    },
    {
      name: 'a server that never answers the handshake, past the timeout setting: "Connection timed out"',
      query: attribute('localhost'),
      config: { ...port(servers.silent), timeout: '0.3' },
      inputUuids: [UUID],
      check: error('localhost', 'Connection timed out'),
    },
    {
      name: 'a silent server and the query\'s own timeout: "Timeout." and the connection is closed',
      query: { ...attribute('localhost'), timeout: 1 },
      config: { ...port(servers.silent), timeout: '30' },
      error: 'Timeout.',
      check: async () => {
        for (let i = 0; i < 50 && servers.silent.open > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(servers.silent.open, 0);
      },
    },
    { name: 'no attribute: upstream\'s message', query: {}, error: 'Missing or invalid attribute.' },
    { name: 'an ip-dst attribute: upstream\'s message', query: attribute('127.0.0.1', 'ip-dst'), error: 'Unsupported attribute type: ip-dst' },
    { name: 'a value that is no host name', query: attribute('https://example.org/x'), messageId: 'notAName', data: { value: 'https://example.org/x' } },
    { name: 'a port setting that is no port', query: attribute('localhost'), config: { port: '0' }, messageId: 'invalidPort', data: { value: '0' } },
    { name: 'a timeout setting that is no number', query: attribute('localhost'), config: { timeout: '-1' }, messageId: 'invalidTimeout', data: { value: '-1' } },
  ],
});

const before = { count: 0 };
const counted = (name: string, check: () => void) => ({ name, query: {}, error: 'Missing or invalid attribute.', check });
testModule({
  module: tlsCertificateCheck,
  settings: { caFile: ca.certFile },
  config: port(servers.good),
  rows: [
    counted('count the connections so far', () => {
      before.count = servers.good.connections;
    }),
    {
      name: 'a name resolving to loopback is refused before any connection',
      query: attribute('localhost'),
      error: /^Refusing to connect to localhost:\d+: localhost resolves to (127\.0\.0\.1 is in the loopback range \(127\.0\.0\.0\/8\)|::1 is the loopback range \(::1\/128\))\. An admin can allow it with --allow-url-range\.$/,
    },
    { name: 'a loopback address is refused', query: attribute('127.0.0.1', 'hostname'), error: /127\.0\.0\.1 is in the loopback range/ },
    { name: 'the metadata address is refused', query: attribute('169.254.169.254', 'hostname'), error: /169\.254\.169\.254 is the cloud metadata address/ },
    { name: 'a private address is refused', query: attribute('192.168.1.1', 'hostname'), error: /192\.168\.1\.1 is in a private range/ },
    counted('the TLS server saw no connection', () => assert.equal(servers.good.connections, before.count)),
  ],
});
