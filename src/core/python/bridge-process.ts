/**
 * One Python process running one module through python/bridge.py: JSON lines
 * on its stdin/stdout, one query at a time. Its stderr (print(), logging,
 * tracebacks) is handed over line by line for the server's log.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** What the module tells the bridge at start: what /modules lists for it. */
export interface PythonDescription {
  introspection: Record<string, unknown>;
  version: Record<string, unknown>;
  has_handler: boolean;
}

export type BridgeAnswer = { result: unknown } | { exception: string };

/** The bridge script, shipped with the package (same path from src/ and from dist/). */
export const BRIDGE_SCRIPT = fileURLToPath(new URL('../../../python/bridge.py', import.meta.url));

export interface BridgeOptions {
  python: string;
  file: string;
  name: string;
  /** Each stderr line of the process (already a whole line). */
  onStderr: (line: string) => void;
  /** The process ended (for any reason): the pool forgets it. */
  onExit: (process: BridgeProcess, code: number | null, signal: NodeJS.Signals | null) => void;
}

/** The server's environment without its own settings (the auth token among them), plus UTF-8 I/O. */
function pythonEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('MISP_MODULES_')) env[key] = value;
  return { ...env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' };
}

export class BridgeProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private nextId = 1;
  private current: { id: number; resolve: (answer: BridgeAnswer) => void; reject: (error: Error) => void } | undefined;
  private readyWaiter: { resolve: (d: PythonDescription) => void; reject: (e: Error) => void } | undefined;
  private exited = false;
  /** The last stderr lines, for the message when the process dies. */
  private readonly lastLines: string[] = [];
  readonly ready: Promise<PythonDescription>;

  constructor(private readonly options: BridgeOptions) {
    this.child = spawn(options.python, ['-u', BRIDGE_SCRIPT, options.file, options.name], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: pythonEnvironment(),
    });
    this.ready = new Promise((resolve, reject) => (this.readyWaiter = { resolve, reject }));
    this.ready.catch(() => undefined);
    createInterface({ input: this.child.stdout }).on('line', (line) => this.onLine(line));
    createInterface({ input: this.child.stderr }).on('line', (line) => {
      this.lastLines.push(line);
      if (this.lastLines.length > 20) this.lastLines.shift();
      options.onStderr(line);
    });
    this.child.on('error', (error) => this.onEnd(error.message));
    this.child.on('exit', (code, signal) => {
      this.onEnd(signal ? `killed by ${signal}` : `exited with status ${code}`);
      options.onExit(this, code, signal);
    });
    this.child.stdin.on('error', () => undefined);
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  get alive(): boolean {
    return !this.exited;
  }

  private onLine(line: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.options.onStderr(`(unexpected output) ${line.slice(0, 500)}`);
      return;
    }
    if ('ready' in message) return this.readyWaiter?.resolve(message['ready'] as PythonDescription);
    if ('load_error' in message) return this.readyWaiter?.reject(new Error(String(message['load_error'])));
    const current = this.current;
    if (!current || message['id'] !== current.id) return;
    this.current = undefined;
    current.resolve('exception' in message ? { exception: String(message['exception']) } : { result: message['result'] });
  }

  private onEnd(how: string): void {
    if (this.exited) return;
    this.exited = true;
    const tail = this.lastLines.slice(-5).join(' | ');
    const error = new Error(`the Python process ${how}${tail ? `: ${tail}` : ''}`);
    this.readyWaiter?.reject(error);
    this.current?.reject(error);
    this.current = undefined;
  }

  /** Sends one query (the /query body as JSON text); one at a time. */
  query(body: string): Promise<BridgeAnswer> {
    if (this.exited) return Promise.reject(new Error('the Python process is not running'));
    if (this.current) return Promise.reject(new Error('the Python process is busy'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.current = { id, resolve, reject };
      this.child.stdin.write(`${JSON.stringify({ id, body })}\n`);
    });
  }

  /** Ends the process at once (a query that timed out cannot be interrupted otherwise). */
  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
