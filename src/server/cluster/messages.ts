/**
 * What the primary and its worker processes say to each other over the
 * node:cluster IPC channel (`--workers N`): a worker announces that it
 * serves; the primary hands it connections, which it takes (or refuses
 * when stopping); /metrics, scraped on any worker, is gathered from all of
 * them by the primary. Every message carries `kind` with our prefix, so
 * Node's own cluster messages and anything else on the channel are ignored.
 */

/** The environment variable that tells a forked worker its slot (1 to N): its `worker` label in /metrics. */
export const WORKER_SLOT_ENV = 'MISP_MODULES_CLUSTER_SLOT';
/** The environment variable that gives a forked worker the Unix socket to listen on, in a folder of the primary's, private (0700). */
export const WORKER_SOCKET_ENV = 'MISP_MODULES_CLUSTER_SOCKET';

/** A worker is ready for connections. */
export interface ListeningMessage {
  kind: 'misp-modules:listening';
  modules: number;
  problems: number;
}

/** The primary hands a worker a connection (the message carries its handle). */
export interface ConnectionMessage {
  kind: 'misp-modules:connection';
  id: number;
}

/** A worker's answer to a ConnectionMessage: taken (before a byte of it was read), or refused. */
export interface ConnectionTakenMessage {
  kind: 'misp-modules:connection-taken';
  id: number;
  taken: boolean;
  /** Refused because the worker is stopping: hand it nothing more. */
  stopping: boolean;
}

/** A worker was scraped: it asks the primary for the whole set's metrics. */
export interface MetricsRequestMessage {
  kind: 'misp-modules:metrics-request';
  id: number;
}

/** The primary's answer to a MetricsRequestMessage. */
export interface MetricsAnswerMessage {
  kind: 'misp-modules:metrics-answer';
  id: number;
  text: string;
}

/** The primary asks a worker for its own metrics. */
export interface MetricsRenderMessage {
  kind: 'misp-modules:metrics-render';
  id: number;
}

/** A worker's own metrics, in answer to a MetricsRenderMessage. */
export interface MetricsRenderedMessage {
  kind: 'misp-modules:metrics-rendered';
  id: number;
  /** Absent when the worker could not render them. */
  text?: string;
}

export type WorkerMessage = ListeningMessage | ConnectionTakenMessage | MetricsRequestMessage | MetricsRenderedMessage;
export type PrimaryMessage = ConnectionMessage | MetricsAnswerMessage | MetricsRenderMessage;

const WORKER_KINDS = new Set(['misp-modules:listening', 'misp-modules:connection-taken', 'misp-modules:metrics-request', 'misp-modules:metrics-rendered']);
const PRIMARY_KINDS = new Set(['misp-modules:connection', 'misp-modules:metrics-answer', 'misp-modules:metrics-render']);

function kindOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
}

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  return WORKER_KINDS.has(kindOf(value) as string);
}

export function isPrimaryMessage(value: unknown): value is PrimaryMessage {
  return PRIMARY_KINDS.has(kindOf(value) as string);
}
