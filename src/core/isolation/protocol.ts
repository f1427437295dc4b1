/**
 * Messages between the server and an isolated module's thread. Everything
 * here is structured-cloneable.
 */
import type { NetworkSettings } from '../../net/settings.js';

/** Where the thread finds the module. */
export interface ModuleSource {
  /** A file URL of a custom module, or of src/modules/index (built-ins, picked by name). */
  url: string;
  name: string;
  builtin: boolean;
}

export interface ThreadData {
  source: ModuleSource;
  network: NetworkSettings;
}

/** Server → thread. */
export type ToThread =
  | { type: 'run'; id: number; query: Record<string, unknown>; config: Record<string, string | undefined>; configProvided: boolean; requestId: string }
  | { type: 'abort'; id: number; reason: string }
  /** Answered at once by a thread whose event loop is free; a thread stuck on the CPU cannot. */
  | { type: 'ping' };

/** Thread → server. */
export type FromThread =
  | { type: 'pong' }
  /** The handler was called: from here the module has seen the query. */
  | { type: 'started'; id: number }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'failed'; id: number; message: string; moduleError: boolean; aborted: boolean; stack?: string }
  | { type: 'log'; id: number; level: 'debug' | 'info' | 'warn' | 'error'; message: string; details?: Record<string, unknown> };
