/** Starting and stopping the processes a benchmark measures. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { request } from 'undici';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function waitForHealth(url: string, timeoutMs = 10_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const res = await request(`${url}/healthcheck`);
      await res.body.text();
      if (res.statusCode === 200) return performance.now() - started;
    } catch {
      // not up yet
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${url} did not answer /healthcheck within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Started {
  child: ChildProcess;
  url: string;
  /** From spawn to the first successful /healthcheck, in ms. */
  startMs: number;
  stop(): Promise<void>;
}

export async function startProcess(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  const spawned = performance.now();
  const child = spawn(process.execPath, [...args, '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url);
  const startMs = performance.now() - spawned;
  return {
    child,
    url,
    startMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process, in MiB (Linux). */
export async function residentMiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}
