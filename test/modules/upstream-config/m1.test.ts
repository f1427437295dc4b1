/** GET /modules serves the m1 modules with upstream's config names (in order) and module-type. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { UPSTREAM_CONFIG } from './m1.js';

/** Upstream's `moduleinfo["module-type"]`. */
const UPSTREAM_MODULE_TYPE: Record<string, string[]> = {
  btc_scam_check: ['hover'],
  dbl_spamhaus: ['expansion', 'hover'],
  email_security_check: ['expansion', 'hover'],
  rbl: ['expansion', 'hover'],
  reversedns: ['expansion', 'hover'],
};

describe('upstream config names (m1)', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  test('every listed module is served with exactly upstream\'s config names and module-type', async () => {
    const modules = (await t.get('/modules')).json() as Array<{ name: string; type: string; meta: { config?: unknown; 'module-type': unknown } }>;
    assert.deepEqual(Object.keys(UPSTREAM_MODULE_TYPE).sort(), Object.keys(UPSTREAM_CONFIG).sort());
    for (const [name, config] of Object.entries(UPSTREAM_CONFIG)) {
      const served = modules.find((m) => m.name === name);
      assert.ok(served, `${name} is served`);
      assert.equal(served.type, 'expansion', name);
      assert.deepEqual(served.meta.config ?? [], config, `${name} config`);
      assert.deepEqual(served.meta['module-type'], UPSTREAM_MODULE_TYPE[name], `${name} module-type`);
    }
  });
});
