/**
 * A real redis-server (Debian's package) for tests: on 127.0.0.1 at a free
 * port, in a temporary directory, with nothing written to disk (`--save ''
 * --appendonly no`). It can be stopped and started again on the same port
 * (a Redis outage), paused and resumed (a Redis that stops answering while
 * its connections stay open), and is always killed by `close()`.
 *
 *   const redis = await startRedisServer();
 *   t.after(() => redis.close());
 *   ... settings: { redisUrl: redis.url } ...
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface TestRedis {
  /** `redis://127.0.0.1:PORT` (with the password when one was asked for). */
  url: string;
  port: number;
  /** The running server's process id (undefined while stopped). */
  readonly pid: number | undefined;
  /** A client for the test itself (inspecting keys); closed by close(). */
  client(): Redis;
  /** Stops the server (SIGTERM, waits for the exit); its data is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** SIGSTOP: connections stay open, nothing answers. */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function launch(port: number, dir: string, password: string | undefined): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'notice'];
  if (password) args.push('--requirepass', password);
  // Ready once it prints "Ready to accept connections" (a notice-level line).
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.resume();
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready: ${output.slice(-500)}`)));
  });
}

export async function startRedisServer(options: { password?: string } = {}): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'redis-test-'));
  let port = await freePort();
  let child: ChildProcess | undefined;
  // The free port may be taken between the check and the start: try another.
  for (let attempt = 0; ; attempt++) {
    try {
      child = await launch(port, dir, options.password);
      break;
    } catch (error) {
      if (attempt >= 4) throw error;
      port = await freePort();
    }
  }
  const clients: Redis[] = [];
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  const url = `redis://${auth}127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGCONT');
    running.kill('SIGTERM');
    const late = setTimeout(() => running.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(late);
  };
  return {
    url,
    port,
    get pid() {
      return child?.pid;
    },
    client() {
      const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
      client.on('error', () => undefined);
      clients.push(client);
      return client;
    },
    stop,
    async start() {
      if (child) throw new Error('redis-server is already running');
      child = await launch(port, dir, options.password);
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    async close() {
      for (const client of clients) client.disconnect();
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
