/**
 * GET /modules serves branch m-anyrun's module with exactly upstream's
 * config names (in upstream's order), its module-type and family
 * (m-anyrun.ts holds them, written from the upstream source).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { UPSTREAM_CONFIG, UPSTREAM_MODULE_TYPE } from './m-anyrun.js';

interface ServedModule {
  name: string;
  type: string;
  meta: { config?: string[]; 'module-type'?: string[] };
}

describe('m-anyrun: upstream config names and module types', () => {
  let server: TestServer;
  let served: Map<string, ServedModule>;

  before(async () => {
    server = await startTestServer();
    served = new Map(((await server.get('/modules')).json() as ServedModule[]).map((m) => [m.name, m]));
  });
  after(() => server.close());

  for (const [name, config] of Object.entries(UPSTREAM_CONFIG)) {
    test(`${name}: config ${JSON.stringify(config)}, module-type ${JSON.stringify(UPSTREAM_MODULE_TYPE[name])}`, () => {
      const module = served.get(name);
      assert.ok(module, `${name} is served`);
      assert.equal(module.type, 'expansion');
      assert.deepEqual(module.meta.config, config);
      assert.deepEqual(module.meta['module-type'], UPSTREAM_MODULE_TYPE[name]);
    });
  }
});
