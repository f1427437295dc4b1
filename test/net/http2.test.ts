/**
 * HTTP/2 to upstreams that pick it by ALPN, HTTP/1.1 otherwise, against real
 * TLS servers on 127.0.0.1 (node:http2 with a throwaway certificate).
 */
import assert from 'node:assert/strict';
import { constants } from 'node:http2';
import type { LookupFunction } from 'node:net';
import { test, type TestContext } from 'node:test';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { NetworkSettings } from '../../src/net/settings.js';
import { UrlGuardError } from '../../src/net/url-guard.js';
import { vulnerabilityFixture } from '../modules/expansion/vulnerability-fixtures.js';
import { startTestServer } from '../server/harness.js';
import { startFakeHttp } from '../support/fake-http.js';
import { answerAfter, startFakeHttp2, type FakeHttp2, type FakeHttp2Options } from '../support/fake-http2.js';
import { startFakeProxy } from '../support/fake-proxy.js';
import { testNetwork } from '../support/network.js';
import { createTestCertificate, type TestCertificate } from '../support/tls-cert.js';
import { waitFor } from '../support/wait.js';

const HOST = 'api.example.test';

function certificate(t: TestContext): TestCertificate {
  const cert = createTestCertificate([HOST]);
  t.after(() => cert.cleanup());
  return cert;
}

async function h2Fake(t: TestContext, options: Omit<FakeHttp2Options, 'cert'>, cert = certificate(t)): Promise<{ fake: FakeHttp2; cert: TestCertificate }> {
  const fake = await startFakeHttp2({ cert, ...options });
  t.after(() => fake.close());
  return { fake, cert };
}

/** A network whose requests to https://api.example.test/ go to the fake, trusting its certificate. */
function networkFor(t: TestContext, fake: { url: string }, cert: TestCertificate, settings: Partial<NetworkSettings> = {}) {
  const net = testNetwork({ upstreams: { [HOST]: fake.url }, caFile: cert.certFile, ...settings });
  t.after(() => net.close());
  return net;
}

const signal = () => new AbortController().signal;

test('a request to an upstream that offers HTTP/2 goes over HTTP/2', async (t) => {
  const { fake, cert } = await h2Fake(t, { handler: answerAfter(0, { hello: 'h2' }) });
  const net = networkFor(t, fake, cert);
  assert.deepEqual(await net.forQuery(signal()).http.getJson(`https://${HOST}/x`), { hello: 'h2' });
  assert.deepEqual(fake.versions, ['2.0']);
  assert.deepEqual(net.connectionsOpened(), { h2: 1, 'http/1.1': 0 });
});

test("a module's lookups go over HTTP/2 (cve against an HTTP/2 Vulnerability-Lookup), counted in /metrics", async (t) => {
  const cert = createTestCertificate(['cve.circl.lu']);
  t.after(() => cert.cleanup());
  const paths: string[] = [];
  const { fake } = await h2Fake(
    t,
    {
      handler: (req, res) => {
        paths.push(`${req.httpVersion} ${req.method} ${req.url}`);
        const id = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(vulnerabilityFixture(id) ?? {})), 200);
      },
    },
    cert,
  );
  const ts = await startTestServer({ settings: { upstreams: [`cve.circl.lu=${fake.url}`], caFile: cert.certFile } });
  t.after(() => ts.close());
  // Distinct attributes (identical queries in flight would be joined into one lookup).
  const ask = (i: number) => ({ module: 'cve', attribute: { type: 'vulnerability', value: 'CVE-2024-3094', uuid: `5b4c2f2e-8e7a-4d0a-9a49-1f3c6c2b7e${String(i).padStart(2, '0')}` } });
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => ts.query(ask(i))));
  for (const answer of answers) assert.ok(answer['results'], JSON.stringify(answer));
  assert.equal(paths.length, 20);
  assert.ok(paths.every((p) => p === '2.0 GET /api/vulnerability/CVE-2024-3094'), paths[0]);
  assert.equal(fake.sessions, 1);
  const metrics = (await ts.get('/metrics')).text;
  assert.match(metrics, /^misp_modules_upstream_connections_total\{protocol="h2"\} 1$/m);
  assert.match(metrics, /^misp_modules_upstream_connections_total\{protocol="http\/1\.1"\} 0$/m);
});

test('with --upstream-http2 off the same module speaks HTTP/1.1', async (t) => {
  const cert = createTestCertificate(['cve.circl.lu']);
  t.after(() => cert.cleanup());
  const { fake } = await h2Fake(t, { handler: answerAfter(0, vulnerabilityFixture('CVE-2024-3094')) }, cert);
  const ts = await startTestServer({ settings: { upstreams: [`cve.circl.lu=${fake.url}`], caFile: cert.certFile, upstreamHttp2: false } });
  t.after(() => ts.close());
  const answer = await ts.query({ module: 'cve', attribute: { type: 'vulnerability', value: 'CVE-2024-3094', uuid: '5b4c2f2e-8e7a-4d0a-9a49-1f3c6c2b7e10' } });
  assert.ok(answer['results'], JSON.stringify(answer));
  assert.deepEqual(fake.versions, ['1.1']);
  assert.match((await ts.get('/metrics')).text, /^misp_modules_upstream_connections_total\{protocol="http\/1\.1"\} 1$/m);
});

test('200 concurrent requests to one origin share two connections, 100 streams each', async (t) => {
  const { fake, cert } = await h2Fake(t, { handler: answerAfter(300) });
  const net = networkFor(t, fake, cert);
  const { http } = net.forQuery(signal());
  const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => http.getJson(`https://${HOST}/x/${i}`)));
  assert.equal(answers.length, 200);
  assert.equal(fake.versions.filter((v) => v === '2.0').length, 200);
  assert.equal(fake.sessions, 2);
  assert.equal(fake.connections, 2);
  // Multiplexed, not one at a time: all 200 were in flight together.
  assert.equal(fake.maxInFlight, 200);
  assert.deepEqual(net.connectionsOpened(), { h2: 2, 'http/1.1': 0 });
});

test('an HTTP/2 connection left idle is closed after http2IdleTimeoutMs; the next request opens another', async (t) => {
  const { fake, cert } = await h2Fake(t, { handler: answerAfter(0) });
  const net = networkFor(t, fake, cert, { http2IdleTimeoutMs: 200 });
  const { http } = net.forQuery(signal());
  await Promise.all(Array.from({ length: 5 }, () => http.getJson(`https://${HOST}/x`)));
  assert.equal(fake.openSessions(), 1);
  await waitFor(() => fake.openSessions() === 0, 'the idle connection is closed');
  await http.getJson(`https://${HOST}/x`);
  assert.equal(fake.sessions, 2);
});

test('the per-origin limit holds over HTTP/2: at most perHostConcurrency requests in flight', async (t) => {
  const { fake, cert } = await h2Fake(t, { handler: answerAfter(100) });
  const net = networkFor(t, fake, cert, { perHostConcurrency: 30 });
  const { http } = net.forQuery(signal());
  await Promise.all(Array.from({ length: 90 }, (_, i) => http.getJson(`https://${HOST}/x/${i}`)));
  assert.equal(fake.versions.length, 90);
  assert.equal(fake.maxInFlight, 30);
  assert.equal(fake.sessions, 1);
});

test('a server that allows fewer streams than 100 still answers every request (refused streams are sent again)', async (t) => {
  const { fake, cert } = await h2Fake(t, { settings: { maxConcurrentStreams: 5 }, handler: answerAfter(50) });
  const net = networkFor(t, fake, cert);
  const { http } = net.forQuery(signal());
  const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => http.getJson(`https://${HOST}/x/${i}`)));
  assert.equal(answers.length, 60);
  assert.equal(fake.maxInFlight, 5);
  assert.equal(fake.sessions, 1);
});

test('POST, and GET with a body, go over HTTP/1.1 beside the HTTP/2 GETs (undici 7 cannot multiplex them safely)', async (t) => {
  const seen: string[] = [];
  const { fake, cert } = await h2Fake(t, {
    handler: (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen.push(`${req.method} ${req.httpVersion} ${body}`);
        setTimeout(() => res.end(JSON.stringify({ echo: body })), 100);
      });
    },
  });
  const net = networkFor(t, fake, cert);
  const { http } = net.forQuery(signal());
  const posts = Array.from({ length: 30 }, (_, i) => http.postJson(`https://${HOST}/p`, { i }));
  const gets = Array.from({ length: 30 }, () => http.getJson(`https://${HOST}/g`));
  const getWithBody = http.request(`https://${HOST}/gb`, { method: 'GET', body: 'q=1' });
  const answers = await Promise.all([...posts, ...gets]);
  assert.deepEqual(answers[29], { echo: '{"i":29}' });
  assert.equal((await getWithBody).status, 200);
  assert.equal(seen.filter((line) => line.startsWith('POST 1.1 {"i":')).length, 30);
  assert.equal(seen.filter((line) => line === 'GET 2.0 ').length, 30);
  assert.ok(seen.includes('GET 1.1 q=1'));
  // The 30 POSTs ran at once, on HTTP/1.1 connections of their own (not one after another).
  assert.ok(fake.maxInFlight >= 31, `in flight at once: ${fake.maxInFlight}`);
});

test('a server closing its connection with GOAWAY (as nginx does after 1,000 requests) fails no GET: those in flight go again', async (t) => {
  let count = 0;
  const { fake, cert } = await h2Fake(t, {
    handler: (req, res) => {
      count += 1;
      // A graceful close, with this request and those before it still to answer.
      if (count === 10) req.stream.session?.close();
      setTimeout(() => res.end('{"ok":true}'), 50);
    },
  });
  const net = networkFor(t, fake, cert);
  const { http } = net.forQuery(signal());
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => http.getJson(`https://${HOST}/x/${i}`)));
  assert.equal(answers.length, 30);
  assert.ok(fake.sessions >= 2, `sessions: ${fake.sessions}`);
});

test('an HTTP/1.1-only TLS server is spoken to in HTTP/1.1 (ALPN fallback), a burst included', async (t) => {
  const cert = certificate(t);
  const fake = await startFakeHttp({ 'GET /x/:n': { json: { old: true } } }, { tls: cert });
  t.after(() => fake.close());
  const net = networkFor(t, fake, cert);
  const { http } = net.forQuery(signal());
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => http.getJson(`https://${HOST}/x/${i}`)));
  assert.deepEqual(answers[49], { old: true });
  // node:https speaks HTTP/1.1 only: every request reached it, over HTTP/1.1 connections.
  assert.equal(fake.requests.length, 50);
  assert.equal(net.connectionsOpened().h2, 0);
  assert.ok(net.connectionsOpened()['http/1.1'] >= 1);
  // Later requests go straight to the HTTP/1.1 pool.
  assert.deepEqual(await http.getJson(`https://${HOST}/x/51`), { old: true });
});

test('with HTTP/2 off, an upstream that offers both is spoken to in HTTP/1.1', async (t) => {
  const { fake, cert } = await h2Fake(t, { handler: answerAfter(0, { ok: 1 }) });
  const net = networkFor(t, fake, cert, { http2: false });
  const { http } = net.forQuery(signal());
  await Promise.all(Array.from({ length: 5 }, () => http.getJson(`https://${HOST}/x`)));
  assert.deepEqual(fake.versions, ['1.1', '1.1', '1.1', '1.1', '1.1']);
  assert.equal(fake.sessions, 0);
  assert.deepEqual(net.connectionsOpened(), { h2: 0, 'http/1.1': 5 });
});

test('with HTTP/2 off, an HTTP/2-only upstream is a clear connection failure', async (t) => {
  const { fake, cert } = await h2Fake(t, { allowHTTP1: false, handler: answerAfter(0) });
  const net = networkFor(t, fake, cert, { http2: false });
  await assert.rejects(net.forQuery(signal()).http.getJson(`https://${HOST}/x`), {
    name: 'ModuleError',
    message: /^Could not connect to api\.example\.test: /,
  });
  assert.deepEqual(fake.versions, []);
});

test('plain http:// stays HTTP/1.1', async (t) => {
  const fake = await startFakeHttp({ 'GET /x': { json: { plain: true } } });
  t.after(() => fake.close());
  const net = testNetwork({ upstreams: { [HOST]: fake.url } });
  t.after(() => net.close());
  assert.deepEqual(await net.forQuery(signal()).http.getJson(`http://${HOST}/x`), { plain: true });
  assert.deepEqual(net.connectionsOpened(), { h2: 0, 'http/1.1': 1 });
});

/** A resolver that answers every name with 127.0.0.1. */
const toLoopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

test('the URL guard still refuses a user URL whose name resolves to a private address, a burst included', async (t) => {
  const { fake, cert } = await h2Fake(t, { handler: answerAfter(0) });
  const net = testNetwork({ caFile: cert.certFile, lookup: toLoopback });
  t.after(() => net.close());
  const { http } = net.forQuery(signal());
  const url = `https://${HOST}:${fake.port}/x`;
  const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => http.getJson(url, { userUrl: true })));
  for (const outcome of outcomes) {
    assert.equal(outcome.status, 'rejected');
    assert.match((outcome.reason as Error).message, /^Refusing to fetch https:\/\/api\.example\.test:\d+\/x: api\.example\.test resolves to 127\.0\.0\.1/);
    assert.ok(outcome.reason instanceof UrlGuardError);
  }
  assert.equal(fake.connections, 0);
});

test('an allowed range reaches the upstream over HTTP/2 on the guarded pool', async (t) => {
  const { fake, cert } = await h2Fake(t, { handler: answerAfter(0, { guarded: true }) });
  const net = testNetwork({ caFile: cert.certFile, lookup: toLoopback, allowUrlRanges: ['127.0.0.0/8'] });
  t.after(() => net.close());
  const { http } = net.forQuery(signal());
  const answers = await Promise.all(Array.from({ length: 10 }, () => http.getJson(`https://${HOST}:${fake.port}/x`, { userUrl: true })));
  assert.deepEqual(answers[0], { guarded: true });
  assert.equal(fake.sessions, 1);
  assert.ok(fake.versions.every((v) => v === '2.0'));
});

test('https through a proxy: CONNECT, then HTTP/2 inside the tunnel', async (t) => {
  const { fake, cert } = await h2Fake(t, { handler: answerAfter(20, { tunnelled: true }) });
  const proxy = await startFakeProxy({ hosts: { [`${HOST}:443`]: `127.0.0.1:${fake.port}` } });
  t.after(() => proxy.close());
  const net = testNetwork({ proxy: { https: proxy.url }, caFile: cert.certFile });
  t.after(() => net.close());
  const { http } = net.forQuery(signal());
  const answers = await Promise.all(Array.from({ length: 30 }, () => http.getJson(`https://${HOST}/x`)));
  assert.deepEqual(answers[29], { tunnelled: true });
  assert.ok(fake.versions.every((v) => v === '2.0'));
  assert.equal(fake.sessions, 1);
  assert.deepEqual(proxy.requests.map((r) => `${r.method} ${r.target}`), [`CONNECT ${HOST}:443`]);
});

test('TLS over HTTP/2 is verified; verifyTls: false reaches a self-signed admin-configured server', async (t) => {
  const { fake } = await h2Fake(t, { handler: answerAfter(0, { selfSigned: true }) });
  const net = testNetwork({ upstreams: { [HOST]: fake.url } });
  t.after(() => net.close());
  const { http } = net.forQuery(signal());
  await assert.rejects(http.getJson(`https://${HOST}/x`), { message: /^Could not connect to api\.example\.test: its TLS certificate could not be verified/ });
  assert.deepEqual(await http.getJson(`https://${HOST}/x`, { verifyTls: false }), { selfSigned: true });
  assert.deepEqual(fake.versions, ['2.0']);
});

test('a request timeout stops its HTTP/2 stream (the server sees it reset) and the connection serves the next request', async (t) => {
  const { fake, cert } = await h2Fake(t, {
    handler: (req, res) => {
      if (req.url !== '/slow') res.end('{"fast":true}');
    },
  });
  const net = networkFor(t, fake, cert);
  const { http } = net.forQuery(signal());
  // The connection is up first, so the slow request surely reaches the server within its 300 ms.
  assert.deepEqual(await http.getJson(`https://${HOST}/warm`), { fast: true });
  await assert.rejects(http.getJson(`https://${HOST}/slow`, { timeoutMs: 300 }), { name: 'ModuleError', message: 'api.example.test answered nothing within 0.3 s.' });
  assert.equal(fake.versions.length, 2);
  await waitFor(() => fake.closedUnanswered === 1, 'the server sees the stream reset');
  assert.deepEqual(await http.getJson(`https://${HOST}/next`), { fast: true });
  assert.equal(fake.sessions, 1);
});

test('the query deadline aborts every HTTP/2 stream of the query, those waiting for a stream included', async (t) => {
  const { fake, cert } = await h2Fake(t, { handler: () => {} });
  // 10 streams at most: 15 requests, 5 of them waiting for a stream when the query is stopped.
  const net = networkFor(t, fake, cert, { perHostConcurrency: 10 });
  const query = new AbortController();
  const { http } = net.forQuery(query.signal);
  const pending = Array.from({ length: 15 }, (_, i) => http.getJson(`https://${HOST}/x/${i}`));
  await waitFor(() => fake.inFlight === 10, '10 requests reach the server');
  query.abort();
  const outcomes = await Promise.allSettled(pending);
  assert.ok(outcomes.every((o) => o.status === 'rejected' && (o.reason as Error).name === 'AbortedError'));
  // Every stream that reached the server is reset: none is left open there.
  await waitFor(() => fake.inFlight === 0, 'the server sees every stream reset');
  assert.ok(fake.versions.length >= 10);
  assert.equal(fake.closedUnanswered, fake.versions.length);
  assert.equal(fake.sessions, 1);
});

test('a stream reset by the server is a clear error, and the next request on the connection works', async (t) => {
  const { fake, cert } = await h2Fake(t, {
    handler: (req, res) => {
      if (req.url === '/reset') req.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      else if (req.url === '/cancel') req.stream.close(constants.NGHTTP2_CANCEL);
      else res.end('{"fine":true}');
    },
  });
  const net = networkFor(t, fake, cert);
  const { http } = net.forQuery(signal());
  await assert.rejects(http.getJson(`https://${HOST}/reset`), {
    name: 'ModuleError',
    message: 'api.example.test reset the request (HTTP/2 error NGHTTP2_INTERNAL_ERROR).',
  });
  // Node reports a reset with CANCEL as a bare close of the stream.
  await assert.rejects(http.getJson(`https://${HOST}/cancel`), { name: 'ModuleError', message: 'api.example.test ended the HTTP/2 stream without answering.' });
  assert.deepEqual(await http.getJson(`https://${HOST}/ok`), { fine: true });
  assert.equal(fake.sessions, 1);
});

test('a server that answers every attempt with GOAWAY gives a clear error after three more tries; later requests recover', async (t) => {
  let refuse = true;
  const { fake, cert } = await h2Fake(t, {
    handler: (req, res) => {
      if (refuse) {
        const session = req.stream.session;
        session?.goaway(constants.NGHTTP2_ENHANCE_YOUR_CALM, 0);
        setTimeout(() => session?.destroy(), 20);
      } else res.end('{"after":true}');
    },
  });
  const net = networkFor(t, fake, cert);
  const { http } = net.forQuery(signal());
  await assert.rejects(http.getJson(`https://${HOST}/goaway`), {
    name: 'ModuleError',
    message: 'api.example.test closed the HTTP/2 connection (GOAWAY, code 11) before answering.',
  });
  assert.equal(fake.versions.length, 4);
  refuse = false;
  assert.deepEqual(await http.getJson(`https://${HOST}/later`), { after: true });
});

test('an answer cut short on HTTP/2 is a clear error', async (t) => {
  const { fake, cert } = await h2Fake(t, {
    handler: (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
      setTimeout(() => req.stream.close(constants.NGHTTP2_INTERNAL_ERROR), 20);
    },
  });
  const net = networkFor(t, fake, cert);
  await assert.rejects(net.forQuery(signal()).http.getJson(`https://${HOST}/cut`), {
    name: 'ModuleError',
    message: 'api.example.test reset the HTTP/2 stream before the end of its answer (NGHTTP2_INTERNAL_ERROR).',
  });
});

test('a body whose length differs from its content-length on HTTP/2 is refused', async (t) => {
  const { fake, cert } = await h2Fake(t, {
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.end('{"short":true}');
    },
  });
  const net = networkFor(t, fake, cert);
  await assert.rejects(net.forQuery(signal()).http.getJson(`https://${HOST}/short`), {
    name: 'ModuleError',
    message: 'api.example.test broke the HTTP/2 protocol (stream error NGHTTP2_PROTOCOL_ERROR).',
  });
});

test('malformed JSON and an oversized answer on HTTP/2 are clear errors; the connection survives', async (t) => {
  const { fake, cert } = await h2Fake(t, {
    handler: (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/bad') res.end('{not json');
      else if (req.url === '/big') res.end(JSON.stringify({ blob: 'x'.repeat(10_000) }));
      else res.end('{"ok":true}');
    },
  });
  const net = networkFor(t, fake, cert);
  const { http } = net.forQuery(signal());
  await assert.rejects(http.getJson(`https://${HOST}/bad`), { name: 'ModuleError', message: 'api.example.test answered with invalid JSON (HTTP 200).' });
  await assert.rejects(http.getJson(`https://${HOST}/big`, { maxBytes: 1000 }), { name: 'ModuleError', message: 'api.example.test answered more than 1000 bytes.' });
  assert.deepEqual(await http.getJson(`https://${HOST}/ok`), { ok: true });
  assert.equal(fake.sessions, 1);
});

test('a server that picks h2 by ALPN and then does not speak HTTP/2 is a clear error for every request', async (t) => {
  const cert = certificate(t);
  let connections = 0;
  const sockets = new Set<TLSSocket>();
  const server = createTlsServer({ key: cert.key, cert: cert.cert, ALPNProtocols: ['h2'] }, (socket: TLSSocket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const port = (server.address() as { port: number }).port;
  const net = networkFor(t, { url: `https://127.0.0.1:${port}` }, cert);
  const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => net.forQuery(signal()).http.getJson(`https://${HOST}/x`, { timeoutMs: 3000 })));
  for (const outcome of outcomes) {
    assert.equal(outcome.status, 'rejected');
    assert.equal((outcome.reason as Error).name, 'ModuleError');
    assert.match((outcome.reason as Error).message, /^api\.example\.test broke the HTTP\/2 protocol \(.+\)\.$/);
  }
  assert.ok(connections >= 1);
});
