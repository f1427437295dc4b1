/**
 * GET /modules serves each module of UPSTREAM_CONFIG (x1.ts) with exactly
 * upstream's config names, in upstream's order, and upstream's module-type,
 * so the Plugin.Enrichment_<module>_<setting> values an admin has keep working.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { UPSTREAM_CONFIG, UPSTREAM_MODULE_TYPE } from './x1.js';

interface ServedModule {
  name: string;
  type: string;
  meta: { config?: string[]; 'module-type'?: string[] };
}

describe('upstream config names (x1)', () => {
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

describe('RST Cloud inputs and format (x1)', () => {
  /** Upstream's `mispattributes["input"]`, in upstream's order. */
  const INPUTS: Record<string, string[]> = {
    rst_cs_beacon: ['ip-dst', 'ip-src', 'url', 'domain', 'hostname', 'ip-dst|port', 'ip-src|port', 'hostname|port', 'domain|port'],
    rst_favicon: ['url', 'domain', 'hostname', 'ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'hostname|port', 'domain|port'],
    rst_html: ['url', 'domain', 'hostname', 'ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'hostname|port', 'domain|port'],
    rst_ioc: ['ip-src', 'ip-dst', 'domain', 'hostname', 'url', 'md5', 'sha1', 'sha256', 'ip-src|port', 'ip-dst|port', 'hostname|port', 'domain|port'],
    rst_noise_control: ['ip-src', 'ip-dst', 'domain', 'hostname', 'url', 'md5', 'sha1', 'sha256', 'ip-src|port', 'ip-dst|port', 'hostname|port', 'domain|port'],
    rst_screenshot: ['url', 'domain', 'hostname', 'ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'hostname|port', 'domain|port'],
    rst_ssl: ['ip-dst', 'ip-src', 'hostname', 'domain', 'ip-dst|port', 'ip-src|port', 'hostname|port', 'domain|port'],
    rst_whois: ['domain', 'hostname'],
  };
  let server: TestServer;
  let served: Map<string, ServedModule & { mispattributes: { input?: string[]; format?: string } }>;

  before(async () => {
    server = await startTestServer();
    served = new Map(((await server.get('/modules')).json() as Array<ServedModule & { mispattributes: { input?: string[]; format?: string } }>).map((m) => [m.name, m]));
  });
  after(() => server.close());

  for (const [name, input] of Object.entries(INPUTS)) {
    test(`${name}: upstream's inputs, misp_standard`, () => {
      const module = served.get(name);
      assert.ok(module, `${name} is served`);
      assert.deepEqual(module.mispattributes, { input, format: 'misp_standard' });
    });
  }
});
