/**
 * Runs one program with arguments, the way an admin-configured workflow
 * action may: no shell (an argument array), absolute paths only, a time
 * limit, the query's abort, and bounded output (the last bytes of stdout and
 * stderr are kept for the error message).
 */
import { spawn } from 'node:child_process';

export interface ScriptRun {
  /** Exit status, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdoutTail: string;
  stderrTail: string;
}

export interface ScriptOptions {
  cwd: string;
  timeoutMs: number;
  signal: AbortSignal;
  /** Bytes of each stream kept (the end of it). */
  keepBytes?: number;
}

/** A ring of the last `size` bytes written. */
class Tail {
  #chunks: Buffer[] = [];
  #bytes = 0;
  constructor(private readonly size: number) {}
  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    while (this.#bytes - (this.#chunks[0]?.length ?? 0) >= this.size && this.#chunks.length > 1) this.#bytes -= this.#chunks.shift()!.length;
  }
  text(): string {
    const all = Buffer.concat(this.#chunks);
    return all.subarray(Math.max(0, all.length - this.size)).toString('utf8');
  }
}

export function runScript(program: string, args: string[], options: ScriptOptions): Promise<ScriptRun> {
  const keep = options.keepBytes ?? 16 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a script's children are ended with it.
      detached: true,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LANG: process.env['LANG'] ?? 'C.UTF-8', HOME: process.env['HOME'] ?? '/' },
    });
    const stdout = new Tail(keep);
    const stderr = new Tail(keep);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const kill = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = (): void => kill();
    options.signal.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      resolve({ code, signal, timedOut, stdoutTail: stdout.text(), stderrTail: stderr.text() });
    });
  });
}
