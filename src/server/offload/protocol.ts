/** What the server sends with an offloaded query, and what the task tells it back. */
import type { MessagePort } from 'node:worker_threads';
import type { NetworkSettings } from '../../net/settings.js';
import type { CustomFile } from '../../core/custom-module-file.js';

/** Everything a worker needs to build its own runner (the same on every task). */
export interface OffloadSettings {
  network: NetworkSettings;
  /** Custom module files that loaded on the server (already checked: imported without a new check). */
  customFiles: CustomFile[];
  maxJsonDepth: number;
  defaultTimeoutSeconds: number;
  logLevel: string;
  strictResults: boolean;
}

export interface OffloadInput {
  /** The raw request body (transferred, not copied). */
  body: ArrayBuffer;
  requestId: string;
  settings: OffloadSettings;
  /** Log lines (already scrubbed) and the `started` notice go back through it. */
  port: MessagePort;
}

/** Sent once the body is parsed: the server's own deadline starts then. */
export interface StartedNotice {
  type: 'started';
  module?: string;
  timeoutSeconds: number;
}
