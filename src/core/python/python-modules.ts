/**
 * Modules written for the Python server, dropped in `-c DIR/<family>/*.py`
 * (names starting with `_` are helpers the modules may import, not modules).
 * Each is started once at load through the bridge (python/bridge.py): a file
 * that fails to import is a loading problem with its traceback, like a broken
 * JavaScript module; one that loads is listed exactly as the Python server
 * lists it and runs on a pool of its own processes.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AbortedError, ModuleError } from '../../base/errors.js';
import { KIND_FOLDERS, type ActionConfig, type ConfigSetting, type ModuleContext, type ModuleDefinition, type ModuleKind, type ModuleType, type Query } from '../module.js';
import type { LoadProblem } from '../registry.js';
import { SENSITIVE_KEY } from '../secrets.js';
import { BridgeProcess, type PythonDescription } from './bridge-process.js';
import { PythonPool } from './python-pool.js';

export interface PythonModuleOptions {
  /** The interpreter (`--python`): python3, or a venv's python. */
  python: string;
  /** Processes per module. */
  poolSize: number;
  loadTimeoutMs: number;
  /** A stderr line of a module's process, for the server's log (scrubbed there). */
  log: (module: string, line: string) => void;
}

export interface PythonLoadResult {
  modules: ModuleDefinition[];
  problems: LoadProblem[];
  /** Stops every process (shutdown). */
  close(): void;
}

const MODULE_FILE = /^[^_.][^/]*\.py$/;
const MODULE_TYPES: readonly ModuleType[] = ['expansion', 'hover', 'import', 'export', 'action'];
const DEFAULT_TYPES: Record<ModuleKind, ModuleType[]> = { expansion: ['expansion'], import: ['import'], export: ['export'], action: ['action'] };

async function pythonFiles(root: string): Promise<Array<{ kind: ModuleKind; file: string; name: string }>> {
  const found: Array<{ kind: ModuleKind; file: string; name: string }> = [];
  for (const [kind, folder] of Object.entries(KIND_FOLDERS) as Array<[ModuleKind, string]>) {
    let names: string[];
    try {
      names = (await readdir(join(root, folder))).filter((n) => MODULE_FILE.test(n)).sort();
    } catch {
      continue;
    }
    for (const name of names) found.push({ kind, file: join(root, folder, name), name: name.slice(0, -3) });
  }
  return found;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

/** The definition the server needs from what the module says of itself. */
function definition(kind: ModuleKind, name: string, described: PythonDescription, pool: PythonPool): ModuleDefinition {
  const version = described.version ?? {};
  const declaredTypes = Array.isArray(version['module-type']) ? (version['module-type'] as unknown[]).filter((t): t is ModuleType => MODULE_TYPES.includes(t as ModuleType)) : [];
  const rawConfig = version['config'];
  const config: Record<string, ConfigSetting> = {};
  if (Array.isArray(rawConfig)) {
    for (const setting of rawConfig) config[String(setting)] = { description: String(setting), ...(SENSITIVE_KEY.test(String(setting)) ? { secret: true } : {}) };
  }
  const action = kind === 'action' && rawConfig && typeof rawConfig === 'object' && !Array.isArray(rawConfig) ? (rawConfig as ActionConfig) : undefined;
  const { config: _c, ...attributes } = described.introspection ?? {};
  return Object.freeze({
    name,
    kind,
    moduleType: declaredTypes.length > 0 ? declaredTypes : DEFAULT_TYPES[kind],
    meta: {
      version: text(version['version']),
      author: text(version['author']),
      description: text(version['description']),
      name: text(version['name']) || name,
    },
    config,
    ...(action ? { action } : {}),
    attributes,
    // The Python server checks nothing before the handler: the module does.
    checkInput: false,
    // Upstream modules may submit or write: never share one run between queries.
    coalesce: false,
    cache: false,
    messages: {},
    listedAs: { mispattributes: described.introspection ?? {}, meta: version },
    handle: (query: Query, ctx: ModuleContext) => runOnPool(name, pool, query, ctx),
  });
}

/** A query on the module's processes, with the Python server's conventions for what comes back. */
async function runOnPool(name: string, pool: PythonPool, query: Query, ctx: ModuleContext): Promise<Record<string, unknown>> {
  let answer;
  try {
    answer = await pool.run(JSON.stringify(query), ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted || error instanceof AbortedError) throw error;
    throw new Error(`module ${name}: ${(error as Error).message}`, { cause: error });
  }
  if ('exception' in answer) {
    ctx.log.error('the Python module raised an exception', { traceback: answer.exception });
    const last = answer.exception.trim().split('\n').at(-1) ?? 'an exception';
    throw new Error(`module ${name} raised ${last}`);
  }
  const result = answer.result;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new Error(`module ${name} answered ${JSON.stringify(result)?.slice(0, 100)}, not a JSON object`);
  }
  const record = result as Record<string, unknown>;
  // The misperrors convention: a returned {"error": …} is the module's error message.
  if ('error' in record && !('results' in record) && !('data' in record)) throw new ModuleError(text(record['error']));
  return record;
}

function firstLoad(process: BridgeProcess, timeoutMs: number): Promise<PythonDescription> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish loading within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([process.ready, late]).finally(() => clearTimeout(timer));
}

export async function loadPythonModules(dir: string, options: PythonModuleOptions): Promise<PythonLoadResult> {
  const pools: PythonPool[] = [];
  const modules: ModuleDefinition[] = [];
  const problems: LoadProblem[] = [];
  const files = await pythonFiles(resolve(dir));
  // Started together: a slow import does not hold the others.
  await Promise.all(
    files.map(async ({ kind, file, name }) => {
      const pool = new PythonPool({ python: options.python, file, name, size: options.poolSize, onStderr: (line) => options.log(name, line) });
      const first = pool.spawn();
      try {
        const described = await firstLoad(first, options.loadTimeoutMs);
        if (!described.has_handler) throw new Error('has no handler() (nor dict_handler()) function');
        pool.adopt(first);
        pools.push(pool);
        modules.push(definition(kind, name, described, pool));
      } catch (error) {
        first.kill();
        problems.push({ source: file, reason: `Python module failed to load: ${(error as Error).message.trim()}` });
      }
    }),
  );
  modules.sort((a, b) => a.name.localeCompare(b.name));
  return { modules, problems, close: () => pools.forEach((p) => p.close()) };
}
