/**
 * Run by the ocr_enrich test in a child process preloaded with
 * no-network.mjs: checks that the guard is active in worker threads, then
 * OCRs misp-logo.png with the module's task (Tesseract starts its own
 * worker thread) and prints the outcome as JSON.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import ocrTask from '../../../../src/modules/_shared/ocr/task.js';
import { samples } from './build.js';

const probe = new Worker(new URL('./network-probe.mjs', import.meta.url));
const probeExit = await new Promise<number>((resolve) => probe.on('exit', resolve));
const outcome = await ocrTask({ data: readFileSync(samples('misp-logo.png')), notSupported: 'not supported' });
process.stdout.write(JSON.stringify({ probeExit, outcome }));
