/**
 * The thread that tries each custom module file before the server imports
 * it (custom-load-check.ts). A file whose import loops or never settles
 * blocks this thread only; the server terminates it when the file's time is
 * up. Each answer says whether the file loaded and holds a valid module,
 * and describes the module (so that the server can list a module it never
 * imports itself, one that runs on its own thread).
 */
import { parentPort } from 'node:worker_threads';
import { describeDefinition, importCustomModule, type CustomFile, type ModuleDescription } from './custom-module-file.js';

export interface LoadCheckAnswer {
  url: string;
  problem?: string;
  /** Absent when the definition cannot be sent (a value structured clone refuses): the server imports the file itself. */
  description?: ModuleDescription;
}

function answer(message: LoadCheckAnswer): void {
  try {
    port.postMessage(message);
  } catch {
    port.postMessage({ url: message.url });
  }
}

const port = parentPort!;

port.on('message', (file: CustomFile) => {
  void importCustomModule(file).then((loaded) =>
    answer('problem' in loaded ? { url: file.url, problem: loaded.problem } : { url: file.url, description: describeDefinition(loaded.module) }),
  );
});
port.postMessage('ready');
