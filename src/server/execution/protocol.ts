/**
 * What the server and the threads that run queries (a pool thread, a
 * module's own thread) send each other. The same messages for both:
 * everything here is structured-cloneable.
 */
import type { CustomFile } from '../../core/custom-module-file.js';
import type { QueryOutcome } from '../../core/runner.js';
import type { NetworkSettings } from '../../net/settings.js';

/** Everything another thread needs to build the same runner as the server's (buildRunner). */
export interface ExecutionSettings {
  network: NetworkSettings;
  /** Custom modules that loaded on the server, with their files (imported again without a new check). */
  customModules: Array<{ name: string; file: CustomFile }>;
  /** Modules that run on a thread of their own, by name (resolved on the server from --isolate). */
  isolated: string[];
  maxJsonDepth: number;
  defaultTimeoutSeconds: number;
  logLevel: string;
  strictResults: boolean;
  /** `--vendor-limit` entries (NAME=N/PERIOD). */
  vendorLimits: string[];
}

/** A query for another thread: the raw body (not parsed yet; transferred) or the parsed one. */
export interface RunRequest {
  body: ArrayBuffer | Record<string, unknown>;
  requestId: string;
}

/** Sent once the body is parsed, before the module runs: the server's deadline starts then. */
export interface StartedNotice {
  module?: string;
  timeoutSeconds: number;
}

/** A pool thread's answer: the outcome, or "this module runs on its own thread" with the body handed back. */
export type PoolAnswer = { outcome: QueryOutcome } | { runOn: string; body: ArrayBuffer };

/** What a pool task receives. */
export interface PoolInput extends RunRequest {
  settings: ExecutionSettings;
  /** Log lines (already scrubbed) and the started notice go back through it; `abort` comes in. */
  port: import('node:worker_threads').MessagePort;
}

/** Server → thread, on a pool task's port or a module thread's parent port. */
export type ToThread =
  | ({ type: 'run'; id: number } & RunRequest)
  | { type: 'abort'; id: number; reason: string }
  /** Answered at once by a thread whose event loop is free; a thread stuck on the CPU cannot. */
  | { type: 'ping' };

/** Thread → server. */
export type FromThread =
  | { type: 'pong' }
  | ({ type: 'started'; id: number } & StartedNotice)
  /** A finished log line, already scrubbed by the thread's own logger. */
  | { type: 'log'; line: string }
  | { type: 'outcome'; id: number; outcome: QueryOutcome }
  /** A pool task's last message, after its last log line: the server stops listening to the port only then, so no line is lost. */
  | { type: 'lines-done' };

/** What a module's own thread is started with. */
export interface ModuleThreadData {
  settings: ExecutionSettings;
  /** The module it runs (a custom module of that name if there is one, else the built-in). */
  module: string;
}
