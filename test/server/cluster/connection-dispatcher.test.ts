/**
 * The primary's hand-over of connections (src/server/cluster/connection-dispatcher.ts),
 * with real connections to its port and recording workers in place of
 * forked processes (test/server/workers.test.ts runs the real set): in turn,
 * the primary's copy kept until a worker takes the connection, handed on
 * when its worker goes, waiting when no worker serves, closed at the stop.
 */
import assert from 'node:assert/strict';
import type { Worker } from 'node:cluster';
import { connect, type Socket } from 'node:net';
import { after, test } from 'node:test';
import { ConnectionDispatcher } from '../../../src/server/cluster/connection-dispatcher.js';
import { waitFor } from '../../support/wait.js';

interface HandOver {
  id: number;
  handle: unknown;
}

/** Stands for a cluster Worker: records what the primary hands it. */
function recordingWorker(name: string) {
  const handed: HandOver[] = [];
  const worker = {
    name,
    handed,
    send(message: { id: number }, handle: unknown, callback: () => void) {
      handed.push({ id: message.id, handle });
      callback();
      return true;
    },
  };
  return worker as typeof worker & Worker;
}

const dispatchers: ConnectionDispatcher[] = [];
const clients: Socket[] = [];
after(() => {
  for (const d of dispatchers) d.close();
  for (const c of clients) c.destroy();
});

async function start(maxWaiting = 100) {
  const dispatcher = new ConnectionDispatcher({ maxWaiting });
  dispatchers.push(dispatcher);
  const { port, skipped } = await dispatcher.listen(['127.0.0.1'], 0, 16);
  assert.deepEqual(skipped, []);
  return { dispatcher, port };
}

/** A client connection; `closed` turns true when the server side closes it. */
async function client(port: number) {
  const socket = connect(port, '127.0.0.1');
  clients.push(socket);
  const state = { closed: false, socket };
  socket.on('close', () => (state.closed = true));
  socket.on('end', () => (state.closed = true));
  socket.on('error', () => (state.closed = true));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return state;
}

const total = (...workers: Array<{ handed: HandOver[] }>) => workers.reduce((n, w) => n + w.handed.length, 0);

test('connections go to the serving workers in turn; taken, the primary lets go of its copy', async () => {
  const { dispatcher, port } = await start();
  const a = recordingWorker('a');
  const b = recordingWorker('b');
  dispatcher.add(a);
  dispatcher.add(b);
  const conns = [await client(port), await client(port), await client(port), await client(port)];
  await waitFor(() => total(a, b) === 4, 'four hand-overs');
  assert.equal(a.handed.length, 2);
  assert.equal(b.handed.length, 2);
  assert.equal(dispatcher.pending, 4);
  // Nobody else holds these connections here: once taken, the primary's close is the last, and the client sees it.
  for (const { id } of a.handed) dispatcher.settle(a, { id, taken: true, stopping: false });
  await waitFor(() => conns.filter((c) => c.closed).length === 2, 'the taken connections closed on the primary side');
  assert.equal(dispatcher.pending, 2);
  // An answer from the wrong worker, or for an id settled already, changes nothing.
  dispatcher.settle(a, { id: b.handed[0]!.id, taken: true, stopping: false });
  dispatcher.settle(a, { id: a.handed[0]!.id, taken: true, stopping: false });
  assert.equal(dispatcher.pending, 2);
});

test('a worker that goes before taking its connections: they go to another, open all along', async () => {
  const { dispatcher, port } = await start();
  const a = recordingWorker('a');
  const b = recordingWorker('b');
  dispatcher.add(a);
  dispatcher.add(b);
  const conns = await Promise.all([client(port), client(port), client(port), client(port)]);
  await waitFor(() => total(a, b) === 4, 'four hand-overs');
  const handedToA = a.handed.length;
  dispatcher.retire(a);
  const c5 = await client(port);
  await waitFor(() => b.handed.length === 4 - handedToA + 1, 'a new connection goes to b only');
  dispatcher.remove(a);
  assert.equal(b.handed.length, 4 + 1, 'a\'s untaken connections were handed to b');
  assert.equal(a.handed.length, handedToA);
  assert.ok([...conns, c5].every((c) => !c.closed), 'no connection was closed');
  assert.equal(dispatcher.pending, 5);
});

test('a stopping worker\'s refusal takes it out of the turn; a refusal for another reason does not', async () => {
  const { dispatcher, port } = await start();
  const a = recordingWorker('a');
  const b = recordingWorker('b');
  dispatcher.add(a);
  dispatcher.add(b);
  const conns = [await client(port), await client(port)];
  await waitFor(() => total(a, b) === 2, 'two hand-overs');
  assert.deepEqual([a.handed.length, b.handed.length], [1, 1]);
  // Refused, not stopping: handed again, and a keeps its turn.
  dispatcher.settle(a, { id: a.handed[0]!.id, taken: false, stopping: false });
  assert.equal(total(a, b), 3);
  // Refused by a stopping worker: handed again, and b gets nothing more.
  const bBefore = b.handed.length;
  dispatcher.settle(b, { id: b.handed.at(-1)!.id, taken: false, stopping: true });
  assert.equal(total(a, b), 4);
  assert.equal(b.handed.length, bBefore, 'the refused connection went to a');
  conns.push(await client(port), await client(port), await client(port));
  await waitFor(() => total(a, b) === 7, 'every connection handed over');
  assert.equal(b.handed.length, bBefore, 'a stopping worker gets nothing more');
  assert.ok(conns.every((c) => !c.closed), 'a refused connection stays open');
});

test('with no worker serving, connections wait, then go to the first that serves; past the limit they are closed', async () => {
  const { dispatcher, port } = await start(2);
  const waiting = [await client(port), await client(port)];
  await waitFor(() => dispatcher.pending === 2, 'two connections waiting');
  const third = await client(port);
  await waitFor(() => third.closed, 'the third is closed: the waiting room holds two');
  assert.ok(waiting.every((c) => !c.closed));
  const a = recordingWorker('a');
  dispatcher.add(a);
  assert.equal(a.handed.length, 2);
});

test('a connection its workers keep dying under is closed after five hand-overs', async () => {
  const { dispatcher, port } = await start();
  const conn = await client(port);
  for (let i = 0; i < 5; i++) {
    const w = recordingWorker(`w${i}`);
    dispatcher.add(w);
    if (i === 0) await waitFor(() => w.handed.length === 1, 'handed to the first worker');
    assert.equal(w.handed.length, 1, `handed to worker ${i}`);
    assert.equal(conn.closed, false);
    // Gone without taking it: it waits for the next worker, until the fifth.
    dispatcher.remove(w);
    assert.equal(dispatcher.pending, i < 4 ? 1 : 0);
  }
  await waitFor(() => conn.closed, 'closed after the fifth worker went');
  assert.equal(dispatcher.pending, 0);
});

test('the stop: no more connections accepted, those waiting closed', async () => {
  const { dispatcher, port } = await start();
  const waiting = await client(port);
  await waitFor(() => dispatcher.pending === 1, 'one waiting');
  dispatcher.close();
  await waitFor(() => waiting.closed, 'the waiting connection is closed');
  const refused = connect(port, '127.0.0.1');
  clients.push(refused);
  const error = await new Promise<NodeJS.ErrnoException>((resolve) => refused.once('error', resolve));
  assert.equal(error.code, 'ECONNREFUSED');
});
