/**
 * The catalogue in real Chromium against the real server with every
 * built-in module: search as you type, filters by family and by accepted
 * type, "Run…" from a module, the keyboard shortcut, light and dark; and
 * the page behind --auth-token: the token asked once, kept for the browser
 * session, sent on the API calls only. Every request goes to the server.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/harness.js';
import { assertNoProblems, assertOnlyServer, closeBrowser, launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { buildPage, startPageServer, type BuiltPage } from './support/page-server.js';
import { eventually, goTo } from './support/page-helpers.js';

interface Descriptor {
  name: string;
  mispattributes: { input?: string[] };
  meta: { 'module-type': string[] };
}

let page: BuiltPage;
let server: TestServer;
let browser: Browser;
let watched: WatchedPage;
let modules: Descriptor[];

before(async () => {
  page = buildPage();
  server = await startPageServer(page.dir);
  modules = (await server.get('/modules')).json() as Descriptor[];
  browser = await launchBrowser();
  watched = await openPage(browser, `${server.url}/`);
});
after(async () => {
  await closeBrowser(browser);
  await server?.close();
  page?.remove();
});

const shownNames = async (p: Page) => (await p.locator('li.module-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-module')))).sort();
const count = (p: Page) => p.locator('.catalogue .count').innerText();
const sorted = (names: string[]) => [...names].sort();

describe('catalogue', () => {
  test('/ leads to the page; the catalogue lists every module with its facts', async () => {
    const p = watched.page;
    assert.equal(new URL(p.url()).pathname, '/ui');
    await goTo(p, 'Catalogue');
    assert.equal(await count(p), `${modules.length} of ${modules.length} modules`);
    assert.deepEqual(await shownNames(p), sorted(modules.map((m) => m.name)));
    const circl = p.locator('li.module-card[data-module="circl_passivedns"]');
    const text = await circl.innerText();
    for (const expected of ['CIRCL Passive DNS', 'expansion', 'hover', 'misp_standard', 'Module to access CIRCL Passive DNS.', 'ip-dst', 'username', 'password (secret)']) {
      assert.ok(text.includes(expected), `${expected} in ${text}`);
    }
    assert.ok(statSync(await screenshot(p, 'catalogue', page.scratch)).size > 10_000);
  });

  test('search as you type narrows the list at each key', async () => {
    const p = watched.page;
    const search = p.getByRole('searchbox', { name: 'Search modules' });
    await search.pressSequentially('passiv');
    await eventually(async () => assert.ok((await shownNames(p)).includes('circl_passivedns')));
    const names = await shownNames(p);
    assert.ok(names.length > 1 && names.length < 15, names.join(', '));
    for (const card of await p.locator('li.module-card').all()) assert.match((await card.innerText()).toLowerCase(), /passiv/);
    await search.pressSequentially('e dns');
    await eventually(async () => assert.ok((await shownNames(p)).length <= names.length));
    await search.fill('no module is called this');
    assert.match(await p.locator('.catalogue .empty').innerText(), /No module matches/);
    await search.fill('');
    assert.equal(await count(p), `${modules.length} of ${modules.length} modules`);
  });

  test('filter by family, then by accepted type, together with the search', async () => {
    const p = watched.page;
    const family = p.getByRole('group', { name: 'Family' });
    await family.getByRole('button', { name: 'export', exact: true }).click();
    assert.deepEqual(await shownNames(p), sorted(modules.filter((m) => m.meta['module-type'].includes('export')).map((m) => m.name)));
    await family.getByRole('button', { name: 'hover', exact: true }).click();
    const hover = modules.filter((m) => m.meta['module-type'].includes('hover'));
    assert.deepEqual(await shownNames(p), sorted(hover.map((m) => m.name)));
    await p.getByRole('combobox', { name: 'Attribute type accepted' }).selectOption('btc');
    assert.deepEqual(await shownNames(p), sorted(hover.filter((m) => m.mispattributes.input?.includes('btc')).map((m) => m.name)));
    await family.getByRole('button', { name: 'All', exact: true }).click();
    const btc = modules.filter((m) => m.mispattributes.input?.includes('btc'));
    assert.deepEqual(await shownNames(p), sorted(btc.map((m) => m.name)));
    assert.ok(btc.length > hover.filter((m) => m.mispattributes.input?.includes('btc')).length, 'the family filter was narrowing');
    await p.getByRole('searchbox', { name: 'Search modules' }).fill('steroids');
    assert.deepEqual(await shownNames(p), ['btc_steroids']);
    await p.getByRole('searchbox', { name: 'Search modules' }).fill('');
    await p.getByRole('combobox', { name: 'Attribute type accepted' }).selectOption('');
  });

  test('an input type of a module filters by it; "Run…" opens the run form with that module', async () => {
    const p = watched.page;
    const dns = p.locator('li.module-card[data-module="dns"]');
    await dns.getByRole('button', { name: 'domain|ip', exact: true }).click();
    assert.equal(await p.getByRole('combobox', { name: 'Attribute type accepted' }).inputValue(), 'domain|ip');
    assert.ok((await shownNames(p)).includes('dns'));
    await p.locator('li.module-card[data-module="dns"]').getByRole('button', { name: 'Run…' }).click();
    await p.getByRole('form', { name: 'Run modules' }).waitFor();
    assert.equal(await p.getByRole('form', { name: 'Run modules' }).getByLabel('Type').inputValue(), 'hostname');
    assert.equal(await p.getByRole('group', { name: 'Modules to run' }).getByRole('checkbox', { name: 'dns', exact: true }).isChecked(), true);
  });

  test('keyboard: "/" jumps to the search; the views are links', async () => {
    const p = watched.page;
    await goTo(p, 'Catalogue');
    await p.locator('h2#catalogue-title').click();
    await p.keyboard.press('/');
    assert.equal(await p.evaluate('document.activeElement.getAttribute("aria-label")'), 'Search modules');
    await p.keyboard.type('yara');
    assert.ok((await shownNames(p)).includes('yara_query'));
    // The views are links: focus one, Enter opens it.
    await p.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'History' }).focus();
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: 'History' }).waitFor();
    await goTo(p, 'Catalogue');
  });

  test('light and dark', async () => {
    const p = watched.page;
    const background = () => p.evaluate('getComputedStyle(document.body).backgroundColor') as Promise<string>;
    const light = await background();
    const toggle = p.getByRole('button', { name: /^Theme: / });
    const theme = () => p.evaluate('document.documentElement.dataset.theme');
    await toggle.click(); // auto → light
    await eventually(async () => assert.equal(await theme(), 'light'));
    await toggle.click(); // light → dark
    await eventually(async () => assert.equal(await theme(), 'dark'));
    const dark = await background();
    assert.notEqual(dark, light);
    const [r, g, b] = dark.match(/\d+/g)!.map(Number);
    assert.ok(r! + g! + b! < 150, `a dark background, got ${dark}`);
    await p.reload();
    assert.equal(await theme(), 'dark', 'the choice is kept');
    await p.getByRole('button', { name: /^Theme: / }).click(); // dark → auto
  });

  test('every request went to the server; no error, no CSP violation', () => {
    assertOnlyServer(watched, server.url);
    assertNoProblems(watched);
  });
});

describe('behind --auth-token', () => {
  const TOKEN = 'ui-token-5b0e8f3c1d';
  let guarded: TestServer;
  before(async () => {
    guarded = await startTestServer({ webPageDir: page.dir, settings: { authToken: TOKEN } });
  });
  after(() => guarded?.close());

  test('the page asks for the token once, keeps it for the session, and sends it on API calls only', async () => {
    const w = await openPage(browser, `${guarded.url}/ui#/catalogue`);
    const p = w.page;
    const dialog = p.getByRole('dialog', { name: 'Access token' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /sessionStorage/);
    await dialog.getByLabel('Access token').fill('not-the-token');
    await dialog.getByRole('button', { name: 'Use this token' }).click();
    assert.equal(await dialog.getByRole('alert').innerText(), 'The server refused this token.');
    await dialog.getByLabel('Access token').fill(TOKEN);
    await dialog.getByRole('button', { name: 'Use this token' }).click();
    await p.locator('li.module-card').first().waitFor();
    assert.equal(await dialog.isVisible(), false);
    assert.equal(await p.evaluate('sessionStorage.getItem("misp-modules-ui:token")'), TOKEN);
    assert.equal(await p.evaluate('localStorage.getItem("misp-modules-ui:token")'), null, 'not kept beyond the session');

    // A reload in the same session: no question asked.
    await p.reload();
    await p.locator('li.module-card').first().waitFor();
    assert.equal(await dialog.isVisible(), false);

    const api = w.requests.filter((r) => /\/modules$/.test(new URL(r.url).pathname));
    assert.ok(api.some((r) => r.headers['authorization'] === `Bearer ${TOKEN}`), 'the API calls carry the token');
    const files = w.requests.filter((r) => new URL(r.url).pathname.startsWith('/ui'));
    assert.ok(files.length >= 3 && files.every((r) => r.headers['authorization'] === undefined), 'the page files are fetched without it');
    assertOnlyServer(w, guarded.url);
    // The 401s before the token was given are logged by Chromium as failed loads.
    assertNoProblems(w, [/status of 401/]);
    await w.context.close();

    // Another browser session: asked again.
    const fresh = await openPage(browser, `${guarded.url}/ui`);
    await fresh.page.getByRole('dialog', { name: 'Access token' }).waitFor();
    await fresh.context.close();
  });
});
