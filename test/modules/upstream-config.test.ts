/**
 * GET /modules serves upstream's modules with exactly upstream's config
 * names, in upstream's order, and upstream's module-type, so that the
 * Plugin.Enrichment_<module>_<setting> values an admin already has keep
 * working. The expected names are written per family from the upstream
 * sources and MODULES.md (upstream-config/*.ts); every upstream expansion
 * module the README says is served must be listed by the server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { UPSTREAM_MODULES } from '../../scripts/upstream-modules.js';
import { builtinModules } from '../../src/modules/index.js';
import { startTestServer, type TestServer } from '../server/harness.js';
import * as c1 from './upstream-config/c1.js';
import * as c2 from './upstream-config/c2.js';
import * as c3 from './upstream-config/c3.js';
import * as c4 from './upstream-config/c4.js';
import * as l1 from './upstream-config/l1.js';
import * as l2 from './upstream-config/l2.js';
import * as l3 from './upstream-config/l3.js';
import * as m1 from './upstream-config/m1.js';
import * as m2 from './upstream-config/m2.js';
import * as m3 from './upstream-config/m3.js';
import * as m4 from './upstream-config/m4.js';
import * as m5 from './upstream-config/m5.js';
import * as mAnyrun from './upstream-config/m-anyrun.js';
import * as mApiosintds from './upstream-config/m-apiosintds.js';
import * as s1 from './upstream-config/s1.js';
import * as s2 from './upstream-config/s2.js';
import * as s3 from './upstream-config/s3.js';
import * as x1 from './upstream-config/x1.js';

interface Family {
  UPSTREAM_CONFIG: Record<string, string[]>;
  UPSTREAM_MODULE_TYPE?: Record<string, string[]>;
  UPSTREAM_MODULE_TYPES?: Record<string, string[]>;
}

const families: Family[] = [c1, c2, c3, c4, l1, l2, l3, m1, m2, m3, m4, m5, mAnyrun, mApiosintds, s1, s2, s3, x1];
const CONFIG: Record<string, string[]> = Object.assign({}, ...families.map((f) => f.UPSTREAM_CONFIG));
const TYPES: Record<string, string[]> = Object.assign({}, ...families.map((f) => f.UPSTREAM_MODULE_TYPE ?? f.UPSTREAM_MODULE_TYPES ?? {}));

interface ServedModule {
  name: string;
  type: string;
  meta: { config?: string[]; 'module-type'?: string[] };
}

describe('upstream config names and module types', () => {
  let server: TestServer;
  let served: Map<string, ServedModule>;

  before(async () => {
    server = await startTestServer();
    served = new Map(((await server.get('/modules')).json() as ServedModule[]).map((m) => [m.name, m]));
  });
  after(() => server.close());

  test('every upstream expansion module this server has is listed by GET /modules', () => {
    const built = new Set(builtinModules.filter((m) => m.kind === 'expansion').map((m) => m.name));
    const missing = UPSTREAM_MODULES.expansion.filter((name) => built.has(name) && !served.has(name));
    assert.deepEqual(missing, []);
    // Every upstream expansion module is served (upstream's test_introspection expects each name).
    assert.deepEqual(UPSTREAM_MODULES.expansion.filter((name) => !served.has(name)).sort(), []);
    assert.equal(UPSTREAM_MODULES.expansion.length, 135);
  });

  for (const [name, config] of Object.entries(CONFIG)) {
    test(`${name}: config ${JSON.stringify(config)}${TYPES[name] ? `, module-type ${JSON.stringify(TYPES[name])}` : ''}`, () => {
      const module = served.get(name);
      assert.ok(module, `${name} is served`);
      assert.equal(module.type, 'expansion');
      assert.deepEqual(module.meta.config ?? [], config);
      if (TYPES[name]) assert.deepEqual(module.meta['module-type'], TYPES[name]);
    });
  }
});
