/**
 * How the server serves the web page, over plain HTTP: `/` redirects to
 * /ui, the page and its hashed files with their content types, caching
 * headers and a Content-Security-Policy that allows nothing but this server;
 * no token needed for them (they hold no data) while the API still needs
 * it; --no-ui / MISP_MODULES_UI=0 turns the page off; a page not built is
 * a clear 503.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { parseCommandLine, UsageError } from '../../src/cli/options.js';
import { PAGE_CSP } from '../../src/server/web-page/routes.js';
import { startTestServer, type TestServer } from '../server/harness.js';
import { buildPage, startPageServer, type BuiltPage } from './support/page-server.js';

let page: BuiltPage;
let server: TestServer;
let assets: string[];

before(async () => {
  page = buildPage();
  server = await startPageServer(page.dir);
  const html = (await server.get('/ui')).text;
  assets = [...html.matchAll(/(?:href|src)="(ui\/assets\/[^"]+)"/g)].map((m) => `/${m[1]}`);
});
after(async () => {
  await server?.close();
  page?.remove();
});

describe('the page and its files', () => {
  test('/ redirects to the page, /ui/ to /ui', async () => {
    const root = await server.get('/');
    assert.equal(root.status, 302);
    assert.equal(new URL(String(root.headers.location), `${server.url}/`).pathname, '/ui');
    const slash = await server.get('/ui/');
    assert.equal(new URL(String(slash.headers.location), `${server.url}/ui/`).pathname, '/ui');
  });

  test('/ui is the HTML page, checked on every load, under a CSP that allows this server only', async () => {
    const res = await server.get('/ui');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.equal(res.headers['content-security-policy'], PAGE_CSP);
    assert.match(PAGE_CSP, /^default-src 'self'; script-src 'self'; style-src 'self';/);
    assert.doesNotMatch(PAGE_CSP, /unsafe|\*|https?:/, 'no inline code, no other origin');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    // Every file the page names is relative to it (a reverse proxy's prefix is kept) and is ours.
    assert.doesNotMatch(res.text, /(src|href)="(https?:)?\/\//);
    assert.deepEqual(assets.map((a) => a.replace(/-[A-Z0-9]{8}\./, '-HASH.')).sort(), ['/ui/assets/app-HASH.css', '/ui/assets/app-HASH.js', '/ui/assets/icon-HASH.svg']);
  });

  test('the hashed files have their content types and may be kept a year', async () => {
    const types: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };
    for (const asset of assets) {
      const res = await server.get(asset);
      assert.equal(res.status, 200, asset);
      assert.equal(res.headers['content-type'], types[asset.split('.').pop()!], asset);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable', asset);
      assert.equal(res.headers['content-security-policy'], PAGE_CSP);
    }
    const script = (await server.get(assets.find((a) => a.endsWith('.js'))!)).text;
    assert.doesNotMatch(script, /https?:\/\/(cdn|unpkg|fonts|www\.google)/i, 'the bundle names no CDN');
  });

  test('ETags answer 304; gzip when the browser accepts it', async () => {
    const script = assets.find((a) => a.endsWith('.js'))!;
    const first = await server.get(script, { 'accept-encoding': 'gzip' });
    assert.equal(first.headers['content-encoding'], 'gzip');
    assert.equal(first.headers.vary, 'accept-encoding');
    const again = await server.get(script, { 'accept-encoding': 'gzip', 'if-none-match': String(first.headers.etag) });
    assert.equal(again.status, 304);
    const raw = await request(`${server.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    const zipped = Buffer.from(await raw.body.arrayBuffer());
    assert.equal(gunzipSync(zipped).toString(), (await server.get(script)).text);
    const plain = await server.get('/ui');
    assert.equal((await server.get('/ui', { 'if-none-match': String(plain.headers.etag) })).status, 304);
  });

  test('only the files the build wrote are served', async () => {
    for (const path of ['/ui/assets/nope.js', '/ui/assets/..%2F..%2Fpackage.json', '/ui/assets/..%2Findex.html', '/ui/index.html', '/ui/assets/']) {
      const res = await server.get(path);
      assert.equal(res.status, 404, path);
      assert.match(res.headers['content-type'] as string, /application\/json/);
    }
    const wrong = await server.send('POST', '/ui', '{}');
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.allow, 'GET, HEAD');
  });

  test('the 404 message names the page', async () => {
    assert.match((await server.get('/nope')).text, /GET \/ui/);
  });
});

describe('turned off, not built, behind a token', () => {
  test('--no-ui: no page, / and /ui are 404 as any unknown path', async () => {
    const off = await startTestServer({ webPageDir: page.dir, settings: { ui: false } });
    try {
      for (const path of ['/', '/ui', assets[0]!]) assert.equal((await off.get(path)).status, 404, path);
      assert.doesNotMatch((await off.get('/nope')).text, /\/ui/);
    } finally {
      await off.close();
    }
  });

  test('a page that was not built answers 503 saying how to build it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'misp-ui-none-'));
    const unbuilt = await startTestServer({ webPageDir: empty });
    try {
      const res = await unbuilt.get('/ui');
      assert.equal(res.status, 503);
      assert.match((res.json() as { error: string }).error, /not built .*npm run build.*--no-ui/);
      assert.equal((await unbuilt.get('/modules')).status, 200, 'the API still serves');
    } finally {
      await unbuilt.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('with --auth-token the page loads without the token, the API still needs it', async () => {
    const guarded = await startTestServer({ webPageDir: page.dir, settings: { authToken: 'page-token-123456' } });
    try {
      for (const path of ['/ui', ...assets]) assert.equal((await guarded.get(path)).status, 200, path);
      assert.equal((await guarded.get('/')).status, 302);
      for (const path of ['/modules', '/version', '/ui/../modules', '/ui/assets/../../modules', '/ui/assets/..%2F..%2Fmodules', '/ui/assets/x/../../../modules']) {
        assert.equal((await guarded.get(path)).status, 401, path);
      }
      assert.equal((await guarded.get('/modules', { authorization: 'Bearer page-token-123456' })).status, 200);
    } finally {
      await guarded.close();
    }
  });
});

describe('settings', () => {
  test('on by default; --no-ui or MISP_MODULES_UI=0 (false, no, off) turns it off; flags win', () => {
    assert.equal(parseCommandLine([], {}).settings.ui, true);
    assert.equal(parseCommandLine(['--no-ui'], {}).settings.ui, false);
    for (const value of ['0', 'false', 'NO', 'off']) assert.equal(parseCommandLine([], { MISP_MODULES_UI: value }).settings.ui, false, value);
    for (const value of ['1', 'true', 'yes', 'on', '']) assert.equal(parseCommandLine([], { MISP_MODULES_UI: value }).settings.ui, true, value);
    assert.equal(parseCommandLine(['--no-ui'], { MISP_MODULES_UI: '1' }).settings.ui, false);
  });

  test('a value that is not on/off is a usage error naming the variable', () => {
    assert.throws(() => parseCommandLine([], { MISP_MODULES_UI: 'maybe' }), (e: unknown) => e instanceof UsageError && /MISP_MODULES_UI must be on or off/.test(e.message));
  });
});
