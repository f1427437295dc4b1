/**
 * Tries custom module files on a thread of their own before the server
 * imports them, one file at a time, each within a time limit. A file whose
 * import loops on the CPU or waits on a top-level `await` that never settles
 * would otherwise hold the server before it binds (or let the process end
 * with nothing listening): here its thread is terminated when the time is
 * up, and the file is reported as a loading problem. The remaining files go
 * to a fresh thread.
 */
import type { Worker } from 'node:worker_threads';
import type { CustomFile, ModuleDescription } from './custom-module-file.js';
import type { LoadCheckAnswer } from './custom-load-thread.js';
import { startThread } from './thread-start.js';

const ENTRY = new URL('./custom-load-thread.js', import.meta.url);

/** Memory cap of the checking thread (MiB of old generation), as for a module's own thread. */
const MAX_OLD_GENERATION_MB = 1024;

type Outcome = { answer: LoadCheckAnswer } | { lost: string };

class CheckThread {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  private waiting: ((outcome: Outcome) => void) | undefined;

  constructor() {
    this.worker = startThread(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: MAX_OLD_GENERATION_MB } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: LoadCheckAnswer | 'ready') => {
        if (message === 'ready') resolve();
        else this.settle({ answer: message });
      });
      this.worker.on('error', (error) => {
        reject(error);
        this.settle({ lost: `its thread failed while loading it: ${error.message}` });
      });
      this.worker.on('exit', (code) => {
        reject(new Error(`the load check thread stopped (exit code ${code})`));
        this.settle({ lost: `its thread stopped while loading it (exit code ${code})` });
      });
    });
  }

  check(file: CustomFile): Promise<Outcome> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.worker.postMessage(file);
    });
  }

  private settle(outcome: Outcome): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(outcome);
  }
}

/** What the trial of one file found: a problem, or the module's description when it could be sent. */
export type FileTrial = { problem: string } | { description?: ModuleDescription };

/**
 * What the trial of each file found, by file URL. `timeoutMs` bounds each
 * file's import, not the thread's start.
 */
export async function checkCustomFiles(files: readonly CustomFile[], timeoutMs: number): Promise<Map<string, FileTrial>> {
  const trials = new Map<string, FileTrial>();
  const problems = { set: (url: string, problem: string) => trials.set(url, { problem }) };
  let thread: CheckThread | undefined;
  try {
    for (const file of files) {
      thread ??= new CheckThread();
      try {
        await thread.ready;
      } catch (error) {
        problems.set(file.url, `could not be tried: the load check thread did not start (${(error as Error).message})`);
        thread = undefined;
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([thread.check(file), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        problems.set(file.url, `did not finish loading within ${timeoutMs} ms (a loop, or a top-level await that never settles, at import?); its load was stopped`);
      } else if ('lost' in outcome) {
        problems.set(file.url, outcome.lost);
      } else {
        const { problem, description } = outcome.answer;
        trials.set(file.url, problem !== undefined ? { problem } : description ? { description } : {});
        continue;
      }
      // The thread is stuck or gone: the next file gets a fresh one.
      await thread.worker.terminate();
      thread = undefined;
    }
  } finally {
    await thread?.worker.terminate();
  }
  return trials;
}
