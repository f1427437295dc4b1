/**
 * Running an import's parsing on a worker thread. A ModuleError thrown there
 * would reach the module as a plain Error (classes do not cross threads), so
 * the task settles it into a value and the module re-throws it.
 */
import { ModuleError } from '../../../base/errors.js';
import type { ModuleContext } from '../../../core/module.js';

export type TaskOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** Inside a task: runs the work and turns a ModuleError into an outcome. */
export async function settle<T>(work: () => Promise<T> | T): Promise<TaskOutcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof ModuleError) return { ok: false, error: error.message };
    throw error;
  }
}

/** In the module: runs the task on a worker and re-throws its ModuleError. */
export async function runOffloaded<I, T>(ctx: ModuleContext, task: URL, input: I): Promise<T> {
  const outcome = await ctx.workers.run<I, TaskOutcome<T>>(task, input);
  if (!outcome.ok) throw new ModuleError(outcome.error);
  return outcome.value;
}
