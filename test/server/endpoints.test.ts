import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './harness.js';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.close());

describe('GET /modules', () => {
  test('lists every module with the fields MISP dereferences', async () => {
    const res = await t.get('/modules');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const modules = res.json() as Array<Record<string, any>>;
    assert.ok(modules.length >= 4);
    for (const m of modules) {
      assert.equal(typeof m.name, 'string');
      assert.ok(['expansion', 'import_mod', 'export_mod', 'action_mod'].includes(m.type), `${m.name} type ${m.type}`);
      assert.ok(Array.isArray(m.meta['module-type']), `${m.name} module-type`);
      assert.equal(typeof m.meta.description, 'string');
      const types: string[] = m.meta['module-type'];
      if (types.includes('expansion') || types.includes('hover')) assert.ok(Array.isArray(m.mispattributes.input), `${m.name} input`);
      if (types.includes('export')) {
        assert.equal(typeof m.mispattributes.responseType, 'string');
        assert.equal(typeof m.mispattributes.outputFileExtension, 'string');
      }
      if (m.type === 'action_mod') {
        assert.equal(typeof m.meta.config, 'object');
        assert.ok(!Array.isArray(m.meta.config));
        assert.deepEqual(m.mispattributes.config, m.meta.config);
      } else {
        assert.ok(Array.isArray(m.meta.config), `${m.name} meta.config must be a list of names`);
        assert.ok(m.meta.config.every((c: unknown) => typeof c === 'string'));
      }
    }
  });

  test('matches upstream descriptors of the test modules', async () => {
    const modules = (await t.get('/modules')).json() as Array<Record<string, any>>;
    const byName = new Map(modules.map((m) => [m.name, m]));
    assert.deepEqual(byName.get('testimport')?.mispattributes, {
      userConfig: {
        number1: { type: 'Integer', regex: '/^[0-4]$/i', errorMessage: 'Expected a number in range [0-4]', message: 'Column number used for value' },
        some_string: { type: 'String', message: 'A text field' },
        boolean_field: { type: 'Boolean', message: 'Boolean field test' },
        comment: { type: 'Integer', message: 'Column number used for comment' },
      },
      inputSource: ['file', 'paste'],
    });
    assert.equal(byName.get('testimport')?.type, 'import_mod');
    assert.deepEqual(byName.get('testexport')?.mispattributes, {
      responseType: 'application/txt',
      userConfig: {},
      outputFileExtension: 'txt',
      inputSource: ['event'],
    });
    const action = byName.get('testaction')!;
    assert.equal(action.type, 'action_mod');
    assert.deepEqual(action.meta['module-type'], ['action']);
    assert.equal(action.meta.config.params['Data extraction path'].type, 'hash_path');
    assert.equal(action.meta.config.blocking, false);
    assert.deepEqual(byName.get('eql')?.mispattributes, { input: ['ip-src', 'ip-dst', 'filename'] });
    assert.deepEqual(byName.get('eql')?.meta.config, []);
  });

  test('serves the same bytes every time, with an ETag and 304 on revalidation', async () => {
    const first = await t.get('/modules');
    const second = await t.get('/modules?x=1');
    assert.equal(first.text, second.text);
    const etag = String(first.headers['etag']);
    assert.match(etag, /^"[0-9a-f]{40}"$/);
    const revalidated = await t.get('/modules', { 'if-none-match': etag });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.text, '');
  });
});

describe('GET /modules compressed for clients that accept gzip (MISP does)', () => {
  test('gzip variant: same JSON, its own ETag, Vary set, 304 on revalidation', async () => {
    const { gunzipSync } = await import('node:zlib');
    const { request } = await import('undici');
    const res = await request(`${t.url}/modules`, { headers: { 'accept-encoding': 'deflate, gzip, br, zstd' } });
    const compressed = Buffer.from(await res.body.arrayBuffer());
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(res.headers['vary'], 'accept-encoding');
    const plain = await t.get('/modules');
    assert.equal(gunzipSync(compressed).toString('utf8'), plain.text);
    assert.ok(compressed.length < plain.text.length / 2);
    const etag = String(res.headers['etag']);
    assert.notEqual(etag, plain.headers['etag']);
    const again = await t.get('/modules', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    assert.equal(again.status, 304);
    const refused = await t.get('/modules', { 'accept-encoding': 'gzip;q=0, identity' });
    assert.equal(refused.headers['content-encoding'], undefined);
  });
});

describe('the other endpoints', () => {
  test('GET /healthcheck answers {"status":true}', async () => {
    const res = await t.get('/healthcheck');
    assert.equal(res.status, 200);
    assert.equal(res.text, '{"status":true}');
  });

  test('GET /version answers the package version', async () => {
    const res = await t.get('/version');
    assert.equal(res.status, 200);
    assert.match((res.json() as { version: string }).version, /^\d+\.\d+\.\d+/);
  });

  test('GET /openapi.json is an OpenAPI 3.1 document naming every module', async () => {
    const res = await t.get('/openapi.json');
    assert.equal(res.status, 200);
    const doc = res.json() as Record<string, any>;
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/modules'].get);
    assert.ok(doc.paths['/query'].post);
    const names = doc.paths['/query'].post.requestBody.content['application/json'].schema.properties.module.enum;
    assert.ok(names.includes('testimport') && names.includes('eql'));
  });

  test('GET /openapi serves a local API explorer that loads nothing from the internet', async () => {
    let page = t.url + '/openapi';
    let res = await t.get('/openapi');
    if (res.status >= 300 && res.status < 400) {
      page = new URL(String(res.headers['location']), page).href;
      res = await t.get(new URL(page).pathname);
    }
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.text, /swagger/i);
    const externalRefs = [...res.text.matchAll(/(?:src|href)="(https?:[^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(externalRefs, []);
    const scriptSrcs = [...res.text.matchAll(/src="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(scriptSrcs.length > 0);
    for (const src of scriptSrcs) {
      // Resolved as a browser does, against the page's own URL.
      const asset = await t.get(new URL(src, page).pathname);
      assert.equal(asset.status, 200, src);
    }
    const styles = [...res.text.matchAll(/href="([^"]+\.css)"/g)].map((m) => m[1]!);
    assert.ok(styles.length > 0);
    for (const href of styles) assert.match(String((await t.get(new URL(href, page).pathname)).headers['content-type']), /text\/css/);
    assert.equal((await t.get('/openapi/static/..%2Fpackage.json')).status, 404, 'only the explorer files are served');
    assert.equal((await t.get('/openapi/static/index.js')).status, 404);
    const initializer = await t.get('/openapi/static/swagger-initializer.js');
    assert.equal(initializer.status, 200);
    assert.match(initializer.text, /openapi\.json|\/openapi\/json/);
  });

  test('an unknown path answers 404 JSON naming the routes', async () => {
    // `/` redirects to the web page (test/ui/serving.test.ts).
    for (const path of ['/modules/', '/query/', '/nope', '/modules/x']) {
      const res = await t.get(path);
      assert.equal(res.status, 404, path);
      const body = res.json() as { error: string };
      assert.match(body.error, /Not found/);
      assert.match(body.error, /POST \/query/);
    }
  });

  test('a wrong method on a known path answers 405 JSON with Allow', async () => {
    const cases: Array<[string, string, string]> = [
      ['GET', '/query', 'POST'],
      ['PUT', '/query', 'POST'],
      ['POST', '/modules', 'GET'],
      ['DELETE', '/modules', 'GET'],
      ['POST', '/healthcheck', 'GET'],
      ['PATCH', '/version', 'GET'],
      ['POST', '/openapi.json', 'GET'],
    ];
    for (const [method, path, allowed] of cases) {
      const res = await t.send(method, path, method === 'GET' ? undefined : '{}');
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.match((res.json() as { error: string }).error, new RegExp(`use ${allowed}`));
      assert.match(String(res.headers['allow']), new RegExp(allowed));
    }
  });

  test('every answer carries a request id', async () => {
    const res = await t.get('/healthcheck');
    assert.match(String(res.headers['x-request-id']), /\S+/);
    const mine = await t.get('/healthcheck', { 'x-request-id': 'misp-abc-1' });
    assert.equal(mine.headers['x-request-id'], 'misp-abc-1');
  });
});
