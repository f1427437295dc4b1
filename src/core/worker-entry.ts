/**
 * Runs inside a worker thread: imports the task module (cached by the module
 * loader after the first time) and calls its default export.
 */
import { importSource } from './import-source.js';

interface TaskMessage {
  task: string;
  input: unknown;
}

type Task = (input: unknown) => unknown;

export default async function runTask({ task, input }: TaskMessage): Promise<unknown> {
  const imported = await importSource<{ default?: Task }>(task);
  if (typeof imported.default !== 'function') throw new TypeError(`Worker task ${task} has no default export function.`);
  return imported.default(input);
}
