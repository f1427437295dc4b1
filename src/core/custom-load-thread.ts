/**
 * The thread that tries each custom module file before the server imports
 * it (custom-load-check.ts). A file whose import loops or never settles
 * blocks this thread only; the server terminates it when the file's time is
 * up. Each answer says whether the file loaded and holds a valid module.
 */
import { parentPort } from 'node:worker_threads';
import { customModuleProblem, type CustomFile } from './custom-module-file.js';

export interface LoadCheckAnswer {
  url: string;
  problem?: string;
}

const port = parentPort!;

port.on('message', (file: CustomFile) => {
  void customModuleProblem(file).then((problem) => port.postMessage({ url: file.url, ...(problem ? { problem } : {}) } satisfies LoadCheckAnswer));
});
port.postMessage('ready');
