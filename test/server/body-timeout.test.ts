/**
 * --body-timeout: a client that trickles its request (the body a byte at a
 * time, or the headers) is answered 408 and disconnected once the timeout
 * passes, over a raw socket; a request sent in time is served, and a query
 * that runs longer than the timeout after its body arrived is not cut.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import cveModule from '../../src/modules/expansion/cve.js';
import { startFakeHttp, type FakeHttp } from '../support/fake-http.js';
import { startTestServer, type TestServer } from './harness.js';

const BODY_TIMEOUT_MS = 1500;
let t: TestServer;
let upstream: FakeHttp;

before(async () => {
  upstream = await startFakeHttp({ 'GET /api/vulnerability/:id': { delayMs: BODY_TIMEOUT_MS + 1000, json: { id: 'CVE-2024-0001' } } });
  t = await startTestServer({ builtins: [cveModule], settings: { bodyTimeoutMs: BODY_TIMEOUT_MS, upstreams: [`cve.circl.lu=${upstream.url}`] } });
});
after(async () => {
  await t.close();
  await upstream.close();
});

interface Trickled {
  /** Everything the server sent back. */
  answer: string;
  /** From the first byte sent to the server closing the connection, in ms. */
  closedAfterMs: number;
  /** Bytes written before the server closed. */
  written: number;
}

/** Sends `head` then `body` one piece every `everyMs`, until the server closes the connection. */
async function trickle(pieces: string[], everyMs: number): Promise<Trickled> {
  const { port } = new URL(t.url);
  const socket: Socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const started = performance.now();
  let answer = '';
  let written = 0;
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now() - started)));
  let open = true;
  void closed.then(() => (open = false));
  for (const piece of pieces) {
    if (!open) break;
    socket.write(piece);
    written += piece.length;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  const closedAfterMs = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(Number.POSITIVE_INFINITY), 10_000))]);
  socket.destroy();
  return { answer, closedAfterMs, written };
}

const body = JSON.stringify({ module: 'cve', attribute: { type: 'vulnerability', value: 'CVE-2024-0001', uuid: '5b9e2b6e-6d2a-4f1e-9a7e-1c2d3e4f5a6b' } });
const head = (length: number, close = false) =>
  `POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${close ? 'Connection: close\r\n' : ''}\r\n`;

/** A random pace in [min, max) ms. */
const pace = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

test('a body sent a byte at a time is cut with 408 once the timeout passes', async () => {
  const everyMs = pace(150, 400);
  const { answer, closedAfterMs, written } = await trickle([head(body.length), ...body], everyMs);
  assert.match(answer, /^HTTP\/1\.1 408 /, answer);
  assert.ok(closedAfterMs >= BODY_TIMEOUT_MS - 100, `cut after ${Math.round(closedAfterMs)} ms`);
  assert.ok(closedAfterMs <= BODY_TIMEOUT_MS + 1000, `cut after ${Math.round(closedAfterMs)} ms (one byte every ${everyMs} ms)`);
  assert.ok(written < head(body.length).length + body.length, 'the body was not complete');
  assert.equal((await t.get('/healthcheck')).status, 200);
});

test('headers sent a byte at a time are cut too', async () => {
  const { answer, closedAfterMs } = await trickle([...head(body.length)], pace(150, 300));
  assert.match(answer, /^HTTP\/1\.1 408 /, answer);
  assert.ok(closedAfterMs <= BODY_TIMEOUT_MS + 1000, `cut after ${Math.round(closedAfterMs)} ms`);
});

test('a body sent in pieces within the timeout is served, and a query may then run longer than the timeout', async () => {
  // Pieces of random sizes, the whole request well within the timeout.
  const request = head(body.length, true) + body;
  const pieces: string[] = [];
  for (let at = 0; at < request.length; ) {
    const size = 1 + Math.floor(Math.random() * 60);
    pieces.push(request.slice(at, at + size));
    at += size;
  }
  const everyMs = Math.floor(BODY_TIMEOUT_MS / 2 / pieces.length);
  const started = performance.now();
  const { answer } = await trickle(pieces, everyMs);
  // The upstream takes longer than the body timeout: the answer still comes.
  assert.ok(performance.now() - started > BODY_TIMEOUT_MS, 'the query ran past the body timeout');
  assert.match(answer, /^HTTP\/1\.1 200 /, answer);
  assert.match(answer, /CVE-2024-0001/);
});
