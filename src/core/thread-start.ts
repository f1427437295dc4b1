/**
 * Starts a worker thread on one of our own entry files, from dist/ or from
 * source. Running from source (development, tests), tsx's hooks do not reach
 * worker threads on Node 20: the thread registers them itself, so that the
 * entry, the modules and what they import load as on the main thread.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { sourceOrBuilt } from './worker-pool.js';

function fromSource(entry: string): string {
  // The same registration as `node --import tsx`: ESM and CommonJS hooks.
  const esm = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const cjs = JSON.stringify(import.meta.resolve('tsx/cjs/api'));
  return `Promise.all([import(${esm}), import(${cjs})]).then(([e, c]) => { e.register(); c.register(); return import(${JSON.stringify(entry)}); });`;
}

/** `entry` is the `.js` URL next to the caller (`new URL('./x.js', import.meta.url)`). */
export function startThread(entry: URL, options: WorkerOptions = {}): Worker {
  const file = sourceOrBuilt(entry);
  return file.endsWith('.ts') ? new Worker(fromSource(file), { ...options, eval: true }) : new Worker(new URL(file), options);
}
