/**
 * Builds the runner of a thread that runs queries for the server (a pool
 * thread, an isolated module's thread) from the server's settings: its own
 * registry, network clients and logger (whose scrubbed lines go to the
 * server), then buildRunner as on the server.
 */
import { importCustomModule } from '../../core/custom-module-file.js';
import type { ModuleDefinition } from '../../core/module.js';
import { parseVendorLimits, setVendorLimitOverrides } from '../../core/rate-limiter.js';
import { ModuleRegistry } from '../../core/registry.js';
import { SecretRegistry } from '../../core/secrets.js';
import { WorkerPool } from '../../core/worker-pool.js';
import { createNetwork } from '../../net/network.js';
import { createLogger } from '../logger.js';
import { buildRunner } from './build.js';
import type { QueryExecution } from './execution.js';
import type { ExecutionSettings } from './protocol.js';

/** A pool thread runs every module but the isolated ones; a module's thread runs that module only. */
export type ThreadRole = { role: 'pool' } | { role: 'module'; module: string };

async function builtins(): Promise<readonly ModuleDefinition[]> {
  // Imported here, not at the top: a custom module's thread never loads the built-ins.
  return (await import('../../modules/index.js')).builtinModules;
}

async function modulesFor(settings: ExecutionSettings, role: ThreadRole): Promise<ModuleDefinition[]> {
  const wanted = (name: string) => (role.role === 'pool' ? !settings.isolated.includes(name) : name === role.module);
  const custom = settings.customModules.filter((c) => wanted(c.name));
  const modules: ModuleDefinition[] = [];
  if (role.role === 'pool' || !custom.some((c) => c.name === role.module)) modules.push(...(await builtins()).filter((m) => wanted(m.name)));
  for (const { file } of custom) {
    const loaded = await importCustomModule(file);
    if ('problem' in loaded) throw new Error(`custom module ${file.path} no longer loads: ${loaded.problem}`);
    modules.push(loaded.module);
  }
  return modules;
}

export async function buildThreadRunner(settings: ExecutionSettings, role: ThreadRole, writeLine: (line: string) => void): Promise<QueryExecution> {
  // The admin's vendor limits hold here too (each thread counts its own requests: docs/SECURITY.md).
  setVendorLimitOverrides(parseVendorLimits(settings.vendorLimits));
  const secrets = new SecretRegistry();
  const logger = createLogger({ level: settings.logLevel, secrets, pretty: false, destination: { write: writeLine } });
  const registry = new ModuleRegistry([]);
  for (const module of await modulesFor(settings, role)) registry.add(module);
  return buildRunner(
    settings,
    { registry, logger, secrets, network: createNetwork(settings.network), workers: new WorkerPool({ maxThreads: 1 }) },
    role.role === 'pool' ? { ownThreads: 'hand back' } : {},
  );
}
