/**
 * `ctx.net` (src/net/connect.ts) against real loopback servers: reads as a
 * stream, the URL guard on user addresses (literal and resolved, checked on
 * the address connected to), `--upstream` never applied, connect and read
 * timeouts, the size cap, the query's abort, TLS verified against `caFile`.
 */
import assert from 'node:assert/strict';
import type { LookupFunction } from 'node:net';
import { test, type TestContext } from 'node:test';
import { AbortedError, ModuleError } from '../../src/base/errors.js';
import { ConnectError } from '../../src/net/connect-errors.js';
import type { NetworkSettings } from '../../src/net/settings.js';
import { UrlGuardError } from '../../src/net/url-guard.js';
import { closedPort, startFakeTcp, type FakeTcp } from '../support/fake-tcp.js';
import { testNetwork } from '../support/network.js';
import { createTestCa } from '../support/tls-cert.js';

function tableLookup(table: Record<string, string[]>): LookupFunction {
  return (hostname, options, callback) => {
    const addresses = table[hostname];
    if (!addresses) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
    const all = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options.all) callback(null, all);
    else callback(null, all[0]!.address, all[0]!.family);
  };
}

function client(t: TestContext, settings: Partial<NetworkSettings> = {}, signal: AbortSignal = new AbortController().signal) {
  const network = testNetwork(settings);
  t.after(() => network.close());
  return network.forQuery(signal).net;
}

async function fake(t: TestContext, onConnection: Parameters<typeof startFakeTcp>[0]): Promise<FakeTcp> {
  const server = await startFakeTcp(onConnection);
  t.after(() => server.close());
  return server;
}

const code = (expected: string) => (error: unknown) => {
  assert.ok(error instanceof ConnectError, `a ConnectError, not ${String(error)}`);
  assert.equal(error.code, expected, error.message);
  return true;
};

async function closedBy(server: FakeTcp): Promise<void> {
  for (let i = 0; i < 50 && server.open > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(server.open, 0, 'the server saw the connection close');
}

test('lines, exact lengths and the rest, as the server sent them in one segment', async (t) => {
  const server = await fake(t, (socket) => {
    socket.once('data', () => socket.end('HELLO 1\r\nsecond line\n\u0000\u0000\u0000\u0003abcREST'));
  });
  const net = client(t);
  const connection = await net.connect({ host: '127.0.0.1', port: server.port });
  assert.equal(connection.remoteAddress, '127.0.0.1');
  await connection.write('ping\n');
  assert.equal((await connection.readLine(100))?.toString(), 'HELLO 1\r\n');
  assert.equal((await connection.readLine(100))?.toString(), 'second line\n');
  const length = (await connection.readExactly(4))!.readUInt32BE(0);
  assert.equal((await connection.readExactly(length))?.toString(), 'abc');
  assert.equal((await connection.readToEnd()).toString(), 'REST');
  assert.equal(await connection.read(), undefined, 'the end of the stream');
  assert.equal(await connection.readExactly(1), undefined);
  connection.close();
  assert.equal(server.received[0]!.toString(), 'ping\n');
});

test('readLine gives up after maxLength bytes without a newline', async (t) => {
  const server = await fake(t, (socket) => socket.write('x'.repeat(300)));
  const connection = await client(t).connect({ host: '127.0.0.1', port: server.port });
  assert.equal(await connection.readLine(256), undefined);
  connection.close();
});

test('a user address that is loopback, private or metadata is refused before any connection', async (t) => {
  const server = await fake(t, () => undefined);
  const net = client(t, { lookup: tableLookup({ 'rebind.example': ['10.0.0.1'], 'mixed.example': ['93.184.215.14', '192.168.0.1'], 'local.example': ['127.0.0.1'] }) });
  const refused = (pattern: RegExp) => (error: unknown) => {
    assert.ok(error instanceof UrlGuardError, String(error));
    assert.match(error.message, pattern);
    return true;
  };
  await assert.rejects(net.connect({ host: '127.0.0.1', port: server.port, userAddress: true }),
    refused(/^Refusing to connect to 127\.0\.0\.1:\d+: 127\.0\.0\.1 is in the loopback range \(127\.0\.0\.0\/8\)\. An admin can allow it with --allow-url-range\.$/));
  await assert.rejects(net.connect({ host: '[::ffff:169.254.169.254]', port: 80, userAddress: true }), refused(/IPv4-mapped form of 169\.254\.169\.254\) is the cloud metadata address/));
  await assert.rejects(net.connect({ host: 'rebind.example', port: 22, userAddress: true }), refused(/rebind\.example resolves to 10\.0\.0\.1 is in a private range/));
  await assert.rejects(net.connect({ host: 'mixed.example', port: 22, userAddress: true }), refused(/mixed\.example resolves to 192\.168\.0\.1/));
  await assert.rejects(net.connect({ host: 'local.example', port: server.port, userAddress: true, tls: true }), refused(/local\.example resolves to 127\.0\.0\.1/));
  assert.equal(server.connections, 0);
});

test('an allowed range passes, and the connection goes to the address checked', async (t) => {
  const server = await fake(t, (socket) => socket.end('ok'));
  const net = client(t, { allowUrlRanges: ['127.0.0.0/8'], lookup: tableLookup({ 'intranet.example': ['127.0.0.1'] }) });
  const connection = await net.connect({ host: 'intranet.example', port: server.port, userAddress: true });
  assert.equal(connection.remoteAddress, '127.0.0.1');
  assert.equal((await connection.readToEnd()).toString(), 'ok');
  connection.close();
});

test('a name with several addresses: the next one is tried when one refuses', async (t) => {
  const server = await fake(t, (socket) => socket.end('second'));
  const net = client(t, { allowUrlRanges: ['127.0.0.0/8'], lookup: tableLookup({ 'two.example': ['127.0.0.2', '127.0.0.1'] }) });
  // Nothing listens on 127.0.0.2 at that port.
  const connection = await net.connect({ host: 'two.example', port: server.port, userAddress: true });
  assert.equal((await connection.readToEnd()).toString(), 'second');
});

test('--upstream overrides never redirect a raw connection', async (t) => {
  const target = await fake(t, (socket) => socket.end('target'));
  const elsewhere = await fake(t, (socket) => socket.end('elsewhere'));
  const net = client(t, { upstreams: { [`127.0.0.1:${target.port}`]: `http://127.0.0.1:${elsewhere.port}`, '127.0.0.1': `http://127.0.0.1:${elsewhere.port}` } });
  const connection = await net.connect({ host: '127.0.0.1', port: target.port });
  assert.equal((await connection.readToEnd()).toString(), 'target');
  assert.equal(elsewhere.connections, 0);
});

test('connect timeout: a name that never resolves', async (t) => {
  const net = client(t, { allowUrlRanges: ['127.0.0.0/8'], lookup: () => undefined });
  const started = Date.now();
  await assert.rejects(net.connect({ host: 'hang.example', port: 22, userAddress: true, connectTimeoutMs: 200 }), (error: unknown) => {
    code('CONNECT_TIMEOUT')(error);
    assert.equal((error as Error).message, 'Could not connect to hang.example:22 within 0.2 s.');
    return true;
  });
  assert.ok(Date.now() - started < 1500);
});

test('connect timeout: a TLS server that never answers the handshake', async (t) => {
  const server = await fake(t, () => undefined);
  const net = client(t);
  await assert.rejects(net.connect({ host: '127.0.0.1', port: server.port, tls: true, connectTimeoutMs: 200 }), code('CONNECT_TIMEOUT'));
  await closedBy(server);
});

test('read timeout: a server that accepts and stays silent', async (t) => {
  const server = await fake(t, () => undefined);
  const connection = await client(t).connect({ host: '127.0.0.1', port: server.port, readTimeoutMs: 200 });
  await assert.rejects(connection.read(), (error: unknown) => {
    code('READ_TIMEOUT')(error);
    assert.match((error as Error).message, /^127\.0\.0\.1:\d+ sent nothing within 0\.2 s\.$/);
    return true;
  });
  await closedBy(server);
});

test('the query\'s abort stops a read and closes the connection', async (t) => {
  const server = await fake(t, () => undefined);
  const abort = new AbortController();
  const connection = await client(t, {}, abort.signal).connect({ host: '127.0.0.1', port: server.port });
  setTimeout(() => abort.abort(new AbortedError()), 100);
  await assert.rejects(connection.readToEnd(), AbortedError);
  await closedBy(server);
});

test('an aborted query connects nowhere', async (t) => {
  const server = await fake(t, () => undefined);
  await assert.rejects(client(t, {}, AbortSignal.abort()).connect({ host: '127.0.0.1', port: server.port }), AbortedError);
  assert.equal(server.connections, 0);
});

test('more than maxBytes is an error, and the connection is closed', async (t) => {
  const server = await fake(t, (socket) => socket.write(Buffer.alloc(5000, 0x41)));
  const connection = await client(t).connect({ host: '127.0.0.1', port: server.port, maxBytes: 1000 });
  await assert.rejects(connection.readToEnd(), (error: unknown) => {
    code('TOO_LARGE')(error);
    assert.match((error as Error).message, /sent more than 1000 bytes\.$/);
    return true;
  });
  await closedBy(server);
});

test('a user host name that does not resolve is UNRESOLVED', async (t) => {
  const net = client(t, { lookup: tableLookup({}) });
  await assert.rejects(net.connect({ host: 'nowhere.example', port: 443, tls: true, userAddress: true }), (error: unknown) => {
    code('UNRESOLVED')(error);
    assert.equal((error as Error).message, 'Could not connect to nowhere.example:443: the host name does not resolve.');
    return true;
  });
});

test('a closed port is REFUSED; a bad port a ModuleError', async (t) => {
  const port = await closedPort();
  const net = client(t);
  await assert.rejects(net.connect({ host: '127.0.0.1', port, service: 'uwhoisd' }), (error: unknown) => {
    code('REFUSED')(error);
    assert.equal((error as Error).message, 'uwhoisd refused the connection.');
    return true;
  });
  await assert.rejects(net.connect({ host: '127.0.0.1', port: 0 }), (error: unknown) => error instanceof ModuleError && /Invalid port 0/.test(error.message));
});

test('TLS: verified against the caFile CA; an untrusted certificate is TLS_VERIFY', async (t) => {
  const ca = createTestCa();
  const stranger = createTestCa('/O=Stranger/CN=Stranger Root');
  t.after(() => {
    ca.cleanup();
    stranger.cleanup();
  });
  const trusted = ca.issue({ subject: '/CN=tls.example', dnsNames: ['tls.example'], serial: 'ABCDEF' });
  const untrusted = stranger.issue({ subject: '/CN=tls.example', dnsNames: ['tls.example'] });
  const good = await startFakeTcp((socket) => socket.end(), trusted);
  const bad = await startFakeTcp((socket) => socket.end(), untrusted);
  t.after(() => Promise.all([good.close(), bad.close()]));
  const net = client(t, { caFile: ca.certFile, allowUrlRanges: ['127.0.0.0/8'], lookup: tableLookup({ 'tls.example': ['127.0.0.1'] }) });
  const connection = await net.connect({ host: 'tls.example', port: good.port, tls: true, userAddress: true });
  assert.equal(connection.tls?.certificate.serialNumber, 'ABCDEF');
  assert.equal(connection.tls?.certificate.subject.CN, 'tls.example');
  assert.match(connection.tls?.protocol ?? '', /^TLSv1\.[23]$/);
  connection.close();
  await assert.rejects(net.connect({ host: 'tls.example', port: bad.port, tls: true, userAddress: true }), code('TLS_VERIFY'));
});
