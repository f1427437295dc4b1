/**
 * YARA compilation for modules: always on the worker pool. Compiling
 * evaluates the conditions once (see ./engine.ts), so a hostile rule can
 * spin for minutes; on a worker the query's timeout terminates it. The
 * engine loads in the worker on first use (about 20 ms), never at server
 * start, and stays loaded for the thread's next tasks.
 */
import type { WorkerRunner } from '../../../core/worker-pool.js';
import type { CompileTaskInput } from './compile-task.js';
import type { YaraCompileResult, YaraMessage } from './engine.js';

export type { YaraCompileResult, YaraMessage } from './engine.js';

const TASK = new URL('./compile-task.js', import.meta.url);

/** Compiles several sources, each on its own, in one worker task. */
export function compileYaraSources(workers: WorkerRunner, sources: string[]): Promise<YaraCompileResult[]> {
  return workers.run<CompileTaskInput, YaraCompileResult[]>(TASK, { sources });
}

export async function compileYaraSource(workers: WorkerRunner, source: string): Promise<YaraCompileResult> {
  const [result] = await compileYaraSources(workers, [source]);
  return result!;
}

/** yara-python's text for a compile error: `line 4: syntax error`. */
export function describeYaraError(error: YaraMessage): string {
  return `line ${error.line}: ${error.message}`;
}
