/**
 * Runs inside a worker thread: imports the task module (cached by the module
 * loader after the first time) and calls its default export.
 */
interface TaskMessage {
  task: string;
  input: unknown;
}

type Task = (input: unknown) => unknown;

async function importTask(task: string): Promise<{ default?: Task }> {
  if (!task.endsWith('.ts')) return (await import(task)) as { default?: Task };
  // Running from source (development, tests): tsx's loader hooks do not reach
  // worker threads on Node 20, so import through its scoped API.
  const tsxApi = 'tsx/esm/api';
  const { tsImport } = (await import(tsxApi)) as { tsImport: (specifier: string, parent: string) => Promise<{ default?: Task }> };
  return tsImport(task, import.meta.url);
}

export default async function runTask({ task, input }: TaskMessage): Promise<unknown> {
  const imported = await importTask(task);
  if (typeof imported.default !== 'function') throw new TypeError(`Worker task ${task} has no default export function.`);
  return imported.default(input);
}
