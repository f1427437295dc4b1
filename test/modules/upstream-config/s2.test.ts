/**
 * GET /modules serves each module of UPSTREAM_CONFIG (s2.ts) with exactly
 * upstream's config names, in upstream's order, and upstream's module-type,
 * so the Plugin.Enrichment_<module>_<setting> values an admin has keep working.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { UPSTREAM_CONFIG, UPSTREAM_MODULE_TYPE } from './s2.js';

interface ServedModule {
  name: string;
  type: string;
  meta: { config?: string[]; 'module-type'?: string[] };
}

describe('upstream config names (s2)', () => {
  let server: TestServer;
  let served: Map<string, ServedModule>;

  before(async () => {
    server = await startTestServer();
    const answer = await server.get('/modules');
    assert.equal(answer.status, 200);
    served = new Map((answer.json() as ServedModule[]).map((m) => [m.name, m]));
  });
  after(() => server.close());

  for (const [name, config] of Object.entries(UPSTREAM_CONFIG)) {
    test(`${name}: config ${JSON.stringify(config)}, module-type ${JSON.stringify(UPSTREAM_MODULE_TYPE[name])}`, () => {
      const module = served.get(name);
      assert.ok(module, `${name} is served`);
      assert.equal(module.type, 'expansion');
      assert.deepEqual(module.meta.config ?? [], config);
      assert.deepEqual(module.meta['module-type'], UPSTREAM_MODULE_TYPE[name]);
    });
  }
});
