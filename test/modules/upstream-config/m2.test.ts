/**
 * GET /modules serves the modules of branch m2 with exactly upstream's config
 * names (in upstream's order) and module-type: the list is written from the
 * upstream sources in ./m2.ts, not from our modules.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { UPSTREAM_CONFIG, UPSTREAM_MODULE_TYPES } from './m2.js';

interface ServedModule {
  name: string;
  type: string;
  meta: { config: string[]; 'module-type': string[] };
}

describe('upstream config names (m2 modules)', () => {
  let server: TestServer;
  let served: Map<string, ServedModule>;

  before(async () => {
    server = await startTestServer();
    const answer = await server.get('/modules');
    assert.equal(answer.status, 200);
    served = new Map((answer.json() as ServedModule[]).map((module) => [module.name, module]));
  });
  after(() => server.close());

  for (const [name, config] of Object.entries(UPSTREAM_CONFIG)) {
    test(`${name}: config ${JSON.stringify(config)}, module-type ${UPSTREAM_MODULE_TYPES[name]!.join('/')}`, () => {
      const module = served.get(name);
      assert.ok(module, `${name} is served`);
      assert.equal(module.type, 'expansion');
      assert.deepEqual(module.meta.config, config);
      assert.deepEqual(module.meta['module-type'], UPSTREAM_MODULE_TYPES[name]);
    });
  }
});
