/** What the three geoip test files share: database files written per run, a server with the module, and two helpers. */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { ModuleDefinition } from '../../../../src/core/module.js';
import { startTestServer, type TestServer } from '../../../server/harness.js';
import { assertValidResults } from '../../assert-results.js';
import { writeGeoDatabases, type GeoFixtures } from './geoip-databases.js';

export interface GeoipSuite {
  readonly geo: GeoFixtures;
  readonly paths: GeoFixtures['paths'];
  readonly t: TestServer;
  /** Queries `module` with the database path as MISP sends it (null when unset). */
  ask(module: string, db: string | undefined, input: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The freetext value of a valid one-entry answer. */
  freetext(answer: Record<string, unknown>): unknown;
}

/** Registers the suite's before/after hooks; call at the top level of a test file. */
export function geoipSuite(module: ModuleDefinition): GeoipSuite {
  let geo: GeoFixtures | undefined;
  let t: TestServer | undefined;
  before(async () => {
    geo = await writeGeoDatabases();
    t = await startTestServer({ builtins: [module] });
  });
  after(async () => {
    await t?.close();
    await geo?.remove();
  });
  return {
    get geo() {
      return geo!;
    },
    get paths() {
      return geo!.paths;
    },
    get t() {
      return t!;
    },
    ask: (name, db, input) => t!.query({ module: name, ...input, config: { local_geolite_db: db ?? null } }),
    freetext(answer) {
      assertValidResults(answer);
      const results = answer['results'] as Array<{ types: string[]; values: unknown }>;
      assert.equal(results.length, 1);
      assert.deepEqual(results[0]!.types, ['freetext']);
      return results[0]!.values;
    },
  };
}
