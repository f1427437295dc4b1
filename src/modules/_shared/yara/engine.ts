/**
 * The YARA engine: libyara-wasm (real libyara, compiled to wasm), loaded on
 * first use in the thread that needs it. Modules never call it on the main
 * thread: compiling also evaluates every condition once (the wrapper scans
 * an empty buffer), and a condition such as `for all i in (0..1e18)` would
 * block the event loop. They go through ./compile.ts (a worker task).
 *
 * Things the wrapper does that we work around (measured, see the report in
 * the commit that added it):
 * - `run` never frees the compiled rules: about 8 MB of wasm memory leaks
 *   per call, and near the 2 GiB cap the engine answers nothing at all
 *   (no error, no match). An instance is therefore replaced once its memory
 *   passes RECYCLE_BYTES; a new one costs about 1.5 ms because the compiled
 *   WebAssembly.Module is kept.
 * - Emscripten adds process 'uncaughtException' and 'unhandledRejection'
 *   listeners that rethrow; they are removed right after each instantiation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type libyara from 'libyara-wasm';
import { lazyRequire } from '../../../core/lazy-require.js';

export interface YaraMessage {
  message: string;
  /** 1-based line of the source. */
  line: number;
}

export interface YaraCompileResult {
  errors: YaraMessage[];
  warnings: YaraMessage[];
  /** Rules that match `data` (empty unless given: the wrapper always scans something). */
  matched: string[];
}

const RECYCLE_BYTES = 64 * 1024 * 1024;
// The wasm memory cannot grow past 2 GiB; past this a result is not trusted.
const EXHAUSTED_BYTES = 1536 * 1024 * 1024;
const PACKAGE = 'libyara-wasm';

const factory = lazyRequire<typeof libyara>(PACKAGE);
// The project's lib settings carry no WebAssembly types: the two calls used here.
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let wasmModule: Promise<object | undefined> | undefined;
let current: Promise<libyara.Instance> | undefined;

/**
 * The package embeds its wasm as a base64 data URI; compiling it once lets
 * every later instance skip the compile (about 10 ms each). If the layout
 * ever changes, instances are created the package's own way.
 */
function compiledModule(): Promise<object | undefined> {
  wasmModule ??= (async () => {
    const text = readFileSync(createRequire(import.meta.url).resolve(PACKAGE), 'utf8');
    const base64 = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/.exec(text)?.[1];
    return base64 ? wasm.compile(Buffer.from(base64, 'base64')) : undefined;
  })().catch(() => undefined);
  return wasmModule;
}

function listeners() {
  return { exception: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') };
}

async function newInstance(): Promise<libyara.Instance> {
  const create = factory();
  const compiled = await compiledModule();
  const before = listeners();
  return new Promise<libyara.Instance>((resolve, reject) => {
    const options: libyara.Options = { print: () => undefined, printErr: () => undefined };
    if (compiled) {
      options.instantiateWasm = (imports, done) => {
        wasm.instantiate(compiled, imports).then((instance) => done(instance, compiled), reject);
        return {};
      };
    }
    try {
      create(options).then(resolve, reject);
    } finally {
      const after = listeners();
      for (const listener of after.exception) if (!before.exception.includes(listener)) process.removeListener('uncaughtException', listener);
      for (const listener of after.rejection) if (!before.rejection.includes(listener)) process.removeListener('unhandledRejection', listener);
    }
  });
}

/** The thread's instance, replaced when it has leaked too much memory or failed to load. */
async function instance(): Promise<libyara.Instance> {
  const existing = current;
  if (existing) {
    const ready = await existing.catch(() => undefined);
    if (ready && ready.HEAP8.length <= RECYCLE_BYTES) return ready;
    if (current === existing) current = undefined;
  }
  current ??= newInstance();
  return current;
}

/** Reads an embind vector into an array and frees it. */
function drain<T, R>(vector: libyara.Vector<T>, map: (item: T) => R): R[] {
  try {
    const out: R[] = [];
    for (let i = 0; i < vector.size(); i++) out.push(map(vector.get(i)));
    return out;
  } finally {
    vector.delete();
  }
}

function readResult(result: libyara.RunResult): YaraCompileResult {
  try {
    const messages = drain(result.compileErrors, (e) => ({ message: e.message, line: e.lineNumber, warning: e.warning }));
    const matched = drain(result.matchedRules, (rule) => {
      rule.resolvedMatches.delete();
      rule.metadata.delete();
      return rule.ruleName;
    });
    result.consoleLogs.delete();
    return {
      errors: messages.filter((m) => !m.warning).map(({ message, line }) => ({ message, line })),
      warnings: messages.filter((m) => m.warning).map(({ message, line }) => ({ message, line })),
      matched,
    };
  } finally {
    result.delete();
  }
}

/** Compiles YARA source in this thread (loading the engine on first use), then scans `data` (UTF-8). */
export async function compileYara(source: string, data = ''): Promise<YaraCompileResult> {
  const yara = await instance();
  let result: YaraCompileResult;
  try {
    result = readResult(yara.run(data, source));
  } catch (error) {
    // A wasm abort leaves the instance unusable.
    current = undefined;
    throw error;
  }
  if (yara.HEAP8.length >= EXHAUSTED_BYTES) {
    current = undefined;
    throw new Error('The YARA engine ran out of memory on this rule set.');
  }
  return result;
}
