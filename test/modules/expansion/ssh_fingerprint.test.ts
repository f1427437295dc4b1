/**
 * ssh_fingerprint against real SSH-speaking servers on loopback: each
 * behaviour is a node:net server of its own, chosen by the row's `port`
 * setting. The server's `allowUrlRanges` lets 127.0.0.0/8 through; a second
 * table without it proves loopback, private and metadata addresses are
 * refused before any connection.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after } from 'node:test';
import sshFingerprint from '../../../src/modules/expansion/ssh_fingerprint.js';
import { closedPort, startFakeTcp, type FakeTcp } from '../../support/fake-tcp.js';
import { testModule, type Answer } from '../../support/module-tester.js';

const UUID = '0b5e8d2c-4f61-4a3e-9c7d-1e2f3a4b5c6d';
const ip = (value: string, type = 'ip-dst') => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });
const CLIENT_VERSION = 'SSH-2.0-MISP_Fingerprint_Module\r\n';
const OPENSSH_BANNER = 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5';

/** An SSH binary packet (RFC 4253 §6) around `payload`, padded to a multiple of 8 with at least 4 bytes. */
function packet(payload: Buffer): Buffer {
  let padding = 8 - ((5 + payload.length) % 8);
  if (padding < 4) padding += 8;
  const head = Buffer.alloc(5);
  head.writeUInt32BE(1 + payload.length + padding, 0);
  head[4] = padding;
  return Buffer.concat([head, payload, randomBytes(padding)]);
}

function nameList(names: string[]): Buffer {
  const text = Buffer.from(names.join(','));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length, 0);
  return Buffer.concat([length, text]);
}

/** SSH_MSG_KEXINIT (RFC 4253 §7.1) with OpenSSH 9.6's lists. */
function kexInit(): Buffer {
  const lists = [
    ['sntrup761x25519-sha512@openssh.com', 'curve25519-sha256', 'curve25519-sha256@libssh.org', 'ecdh-sha2-nistp256', 'diffie-hellman-group14-sha256', 'kex-strict-s-v00@openssh.com'],
    ['rsa-sha2-512', 'rsa-sha2-256', 'ecdsa-sha2-nistp256', 'ssh-ed25519'],
    ['chacha20-poly1305@openssh.com', 'aes128-ctr', 'aes256-gcm@openssh.com'],
    ['chacha20-poly1305@openssh.com', 'aes128-ctr', 'aes256-gcm@openssh.com'],
    ['umac-64-etm@openssh.com', 'hmac-sha2-256-etm@openssh.com', 'hmac-sha2-256'],
    ['umac-64-etm@openssh.com', 'hmac-sha2-256-etm@openssh.com', 'hmac-sha2-256'],
    ['none', 'zlib@openssh.com'],
    ['none', 'zlib@openssh.com'],
    [],
    [],
  ];
  const payload = Buffer.concat([Buffer.from([20]), randomBytes(16), ...lists.map(nameList), Buffer.from([0, 0, 0, 0, 0])]);
  return packet(payload);
}

/** Every KEXINIT a fake sent, by connection, to check the module's hash against. */
const sentKexInits = new Map<FakeTcp, Buffer[]>();

/** Sends `before` at once, then `after(...)` once the client's version line has arrived. */
async function sshServer(before: string | Buffer, afterVersion?: () => Buffer | undefined, closeAfter = false): Promise<FakeTcp> {
  const fake: FakeTcp = await startFakeTcp((socket, index) => {
    socket.write(before);
    let seen = '';
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (!seen.includes('\r\n')) return;
      const reply = afterVersion?.();
      if (reply) {
        (sentKexInits.get(fake) ?? sentKexInits.set(fake, []).get(fake)!)[index] = reply;
        socket.write(reply);
      }
      if (closeAfter) socket.end();
      seen = '';
    });
  });
  return fake;
}

const openssh = await sshServer(`${OPENSSH_BANNER}\r\n`, kexInit);
// Lines before the version line (RFC 4253 §4.2), and the KEXINIT right behind it in the same segment.
const chatty = await startFakeTcp((socket) => {
  const kex = kexInit();
  sentKexInits.set(chatty, [kex]);
  socket.write(Buffer.concat([Buffer.from(`Welcome to the jump host\r\nAuthorised use only\r\nSSH-2.0-dropbear_2022.83\r\n`), kex]));
});
const bannerOnly = await sshServer('SSH-2.0-Cisco-1.25\r\n', () => undefined, true);
const oversizedPacket = await sshServer('SSH-2.0-OpenSSH_8.9\r\n', () => Buffer.from([0xff, 0xff, 0xff, 0xf0, 4, 20, 0, 0]), true);
const notKexInit = await sshServer('SSH-2.0-OpenSSH_8.9\r\n', () => packet(Buffer.from([21])), true);
const httpServer = await startFakeTcp((socket) => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
const silent = await startFakeTcp(() => undefined);
const refusedPort = await closedPort();
const fakes = [openssh, chatty, bannerOnly, oversizedPacket, notKexInit, httpServer, silent];
after(() => Promise.all(fakes.map((f) => f.close())));

const port = (fake: FakeTcp) => String(fake.port);

interface Frame {
  object: Record<string, string[]> | undefined;
  texts: string[];
}

/** The answer's input attribute and object (as relation → `type value`) or error texts, after checking the frame. */
function frame(answer: Answer): Frame {
  const results = answer['results'] as { Attribute: Array<Record<string, unknown>>; Object?: Array<Record<string, any>> };
  assert.equal(results.Attribute[0]!['uuid'], UUID, 'the input attribute is echoed first');
  const texts = results.Attribute.slice(1).map((a) => `${a['type']} ${a['value']} (${a['comment']})`);
  if (!results.Object) return { object: undefined, texts };
  assert.equal(results.Object.length, 1);
  const object = results.Object[0]!;
  assert.equal(object['name'], 'passive-ssh');
  assert.deepEqual(object['ObjectReference'].map((r: Record<string, unknown>) => [r['referenced_uuid'], r['relationship_type']]), [[UUID, 'related-to']]);
  const relations: Record<string, string[]> = {};
  for (const a of object['Attribute'] as Array<Record<string, unknown>>) (relations[a['object_relation'] as string] ??= []).push(`${a['type']} ${a['value']}`);
  return { object: relations, texts };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

testModule({
  module: sshFingerprint,
  settings: { allowUrlRanges: ['127.0.0.0/8'] },
  config: { port: port(openssh), timeout: '' },
  rows: [
    {
      name: 'an OpenSSH server: banner, host, port and the sha256 of its KEXINIT packet',
      query: ip('127.0.0.1'),
      inputUuids: [UUID],
      check: (answer) => {
        const sent = sentKexInits.get(openssh)!.at(-1)!;
        assert.deepEqual(frame(answer), {
          object: {
            host: ['ip-dst 127.0.0.1'],
            port: [`port ${openssh.port}`],
            banner: [`text ${OPENSSH_BANNER}`],
            fingerprint: [`ssh-fingerprint ${sha256(sent)}`],
          },
          texts: [],
        });
        assert.equal(openssh.received.at(-1)!.toString('latin1'), CLIENT_VERSION, 'the client version line is upstream\'s, and nothing else is sent');
      },
    },
    {
      name: 'an ip-src attribute is accepted too',
      query: ip('127.0.0.1', 'ip-src'),
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(frame(answer).object?.['banner'], [`text ${OPENSSH_BANNER}`]),
    },
    {
      name: 'lines before the version line, and the KEXINIT in the same segment: the version line is the banner, the packet is hashed whole',
      query: ip('127.0.0.1'),
      config: { port: port(chatty) },
      inputUuids: [UUID],
      check: (answer) => {
        const { object } = frame(answer);
        assert.deepEqual(object?.['banner'], ['text SSH-2.0-dropbear_2022.83']);
        assert.deepEqual(object?.['fingerprint'], [`ssh-fingerprint ${sha256(sentKexInits.get(chatty)![0]!)}`]);
      },
    },
    {
      name: 'a server that closes after its banner: the object without a fingerprint',
      query: ip('127.0.0.1'),
      config: { port: port(bannerOnly) },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(frame(answer).object, { host: ['ip-dst 127.0.0.1'], port: [`port ${bannerOnly.port}`], banner: ['text SSH-2.0-Cisco-1.25'] }),
    },
    {
      name: 'a packet length beyond RFC 4253\'s 35000 bytes: not read, no fingerprint',
      query: ip('127.0.0.1'),
      config: { port: port(oversizedPacket) },
      inputUuids: [UUID],
      check: (answer) => assert.equal(frame(answer).object?.['fingerprint'], undefined),
    },
    {
      name: 'a first packet that is not a KEXINIT: no fingerprint invented from it',
      query: ip('127.0.0.1'),
      config: { port: port(notKexInit) },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(frame(answer).object?.['banner'], ['text SSH-2.0-OpenSSH_8.9']),
    },
    {
      name: 'an HTTP server on the port (no SSH version line): upstream\'s error text',
      query: ip('127.0.0.1'),
      config: { port: port(httpServer) },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(frame(answer), {
        object: undefined,
        texts: [`text SSH error for 127.0.0.1: 127.0.0.1:${httpServer.port} did not send an SSH version line (SSH Fingerprint - error)`],
      }),
    },
    {
      name: 'a closed port: "Connection refused (port closed)", as upstream',
      query: ip('127.0.0.1'),
      config: { port: String(refusedPort) },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(frame(answer).texts, ['text SSH error for 127.0.0.1: Connection refused (port closed) (SSH Fingerprint - error)']),
    },
    {
      name: 'a server that accepts and stays silent past the timeout setting: "Connection timed out", as upstream',
      query: ip('127.0.0.1'),
      config: { port: port(silent), timeout: '0.3' },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(frame(answer).texts, ['text SSH error for 127.0.0.1: Connection timed out (SSH Fingerprint - error)']),
    },
    {
      name: 'a silent server and the query\'s own timeout: "Timeout." and the connection is closed',
      query: { ...ip('127.0.0.1'), timeout: 1 },
      config: { port: port(silent), timeout: '30' },
      error: 'Timeout.',
      check: async () => {
        // The module's socket was destroyed with the query: the fake sees it close.
        for (let i = 0; i < 50 && silent.open > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(silent.open, 0);
      },
    },
    { name: 'no attribute: upstream\'s message', query: {}, error: 'Missing or invalid attribute.' },
    { name: 'an attribute without type', query: { attribute: { value: '127.0.0.1', uuid: UUID } }, messageId: 'invalidAttribute' },
    { name: 'a domain attribute: upstream\'s message', query: ip('example.org', 'domain'), error: 'Unsupported attribute type: domain' },
    { name: 'a value that is no IP address', query: ip('ssh.example.org'), messageId: 'notAnIp', data: { value: 'ssh.example.org' } },
    { name: 'a port setting that is no port', query: ip('127.0.0.1'), config: { port: '70000' }, messageId: 'invalidPort', data: { value: '70000' } },
    { name: 'a timeout setting that is no number', query: ip('127.0.0.1'), config: { timeout: 'soon' }, messageId: 'invalidTimeout', data: { value: 'soon' } },
  ],
});

/** Without --allow-url-range, attribute addresses that are not public are refused before any connection. */
const guarded = (value: string, pattern: RegExp) => ({ name: `${value} is refused before any connection`, query: ip(value), error: pattern });
const connectionsBefore = { count: 0 };
testModule({
  module: sshFingerprint,
  config: { port: port(openssh) },
  rows: [
    { name: 'count the connections so far', query: { attribute: { value: 'x', uuid: UUID } }, error: 'Missing or invalid attribute.', check: () => { connectionsBefore.count = openssh.connections; } },
    { ...guarded('127.0.0.1', /^Refusing to connect to 127\.0\.0\.1:\d+: 127\.0\.0\.1 is in the loopback range \(127\.0\.0\.0\/8\)\. An admin can allow it with --allow-url-range\.$/) },
    { ...guarded('10.0.0.1', /10\.0\.0\.1 is in a private range \(10\.0\.0\.0\/8\)/) },
    { ...guarded('169.254.169.254', /169\.254\.169\.254 is the cloud metadata address/) },
    { ...guarded('::ffff:127.0.0.1', /IPv4-mapped form of 127\.0\.0\.1\) is in the loopback range/) },
    { ...guarded('::1', /^Refusing to connect to \[::1\]:\d+: ::1 is the loopback range \(::1\/128\)\./) },
    { name: 'the fake saw no connection', query: { attribute: { value: 'x', uuid: UUID } }, error: 'Missing or invalid attribute.', check: () => assert.equal(openssh.connections, connectionsBefore.count) },
  ],
});
