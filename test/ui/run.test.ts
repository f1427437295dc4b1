/**
 * The web page runs modules in real Chromium against the real server, whose
 * built-in modules (circl_passivedns, otx, rdap, urlhaus, threatminer) reach
 * a loopback fake of their vendors: a domain through several modules at once,
 * each result shown as it arrives (rdap's answer is held until the others
 * are on screen), an error beside the results, tables, raw JSON, a graph, a
 * pivot, settings kept in the browser and never in the server's log; bad
 * input (no module for a type, a 30 MB upload over the body limit, a
 * timeout) shown clearly with the page still usable. Every request the
 * browser makes goes to the server.
 */
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { ATTRIBUTE_TYPE_NAMES } from '../../src/misp/attribute-types.js';
import type { TestServer } from '../server/harness.js';
import { assertNoProblems, assertOnlyServer, closeBrowser, launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { buildPage, startPageServer, type BuiltPage } from './support/page-server.js';
import { card, fillSetting, goTo, pickOnly, runValue, waitForStatus } from './support/page-helpers.js';
import { DOMAIN, IP, SECRETS, startVendors, type Vendors } from './support/vendors.js';

const BODY_LIMIT = 16 * 1024 * 1024;

let page: BuiltPage;
let vendors: Vendors;
let server: TestServer;
let browser: Browser;
let watched: WatchedPage;

before(async () => {
  page = buildPage();
  vendors = await startVendors();
  // The modules the fake vendors stand behind and csvimport for uploads: some MISP types then
  // have no module at all (with every built-in, ransomlook takes every type).
  server = await startPageServer(page.dir, { upstreams: vendors.upstreams, bodyLimit: BODY_LIMIT }, ['circl_passivedns', 'otx', 'rdap', 'urlhaus', 'threatminer', 'csvimport']);
  browser = await launchBrowser();
  watched = await openPage(browser, `${server.url}/ui`);
});

after(async () => {
  await closeBrowser(browser);
  await server?.close();
  await vendors?.close();
  page?.remove();
});

test('module settings are entered in the page, which says they stay in this browser', async () => {
  const p = watched.page;
  await goTo(p, 'Settings');
  assert.match(await p.locator('.storage-notice').innerText(), /in this browser only.*localStorage/s);
  await fillSetting(p, 'circl_passivedns', 'username', SECRETS.pdnsUser);
  await fillSetting(p, 'circl_passivedns', 'password', SECRETS.pdnsPassword);
  await fillSetting(p, 'otx', 'apikey', SECRETS.otxKey);
  await fillSetting(p, 'urlhaus', 'auth_key', SECRETS.urlhausKey);
  assert.equal(await p.getByLabel('otx setting apikey', { exact: true }).getAttribute('type'), 'password', 'keys are masked');
  const stored = await p.evaluate('localStorage.getItem("misp-modules-ui:module-settings")');
  assert.match(String(stored), new RegExp(SECRETS.otxKey));
});

test('a domain through four modules: each result shows as it arrives, the slow one later, the error beside them', async () => {
  const p = watched.page;
  await goTo(p, 'Run');
  await p.getByPlaceholder(/circl\.lu/).fill(DOMAIN);
  assert.equal(await p.getByRole('form', { name: 'Run modules' }).getByLabel('Type').inputValue(), 'domain', 'the type is guessed from the value');
  await pickOnly(p, ['circl_passivedns', 'otx', 'rdap', 'urlhaus']);
  await p.getByRole('button', { name: 'Run 4 modules' }).click();

  // rdap.org holds its answer: the others are on screen meanwhile.
  const circl = await waitForStatus(p, 'circl_passivedns', 'done');
  const otx = await waitForStatus(p, 'otx', 'done');
  const urlhaus = await waitForStatus(p, 'urlhaus', 'error');
  await vendors.rdapAsked();
  assert.equal(await card(p, 'rdap').getAttribute('data-status'), 'running', 'rdap is still running while the others show');
  assert.match(await card(p, 'rdap').innerText(), /Running…/);
  assert.match(await circl.innerText(), /Done in \d+/);
  assert.equal(await circl.locator('.object-group[aria-label="passive-dns objects"] .object').count(), 2);
  assert.match(await circl.innerText(), /associated-to domain circl\.lu/);
  assert.ok(await otx.locator(`tr[data-value="${IP}"]`).count(), 'otx lists the address');

  // The error sits beside the results, with the echoed key scrubbed by the server.
  const error = await urlhaus.locator('.error').innerText();
  assert.match(error, /URLhaus refused the key/);
  assert.match(error, /\[REDACTED\]/);
  assert.doesNotMatch(error, new RegExp(SECRETS.urlhausKey));

  vendors.releaseRdap();
  const rdap = await waitForStatus(p, 'rdap', 'done');
  assert.equal(await rdap.locator('.object-group[aria-label="whois objects"]').count(), 1);
  assert.match(await p.locator('.session-head').innerText(), /4 runs: 3 done, 0 running, 1 failed/);
});

test('the raw JSON of an answer is one click away', async () => {
  const circl = card(watched.page, 'circl_passivedns');
  await circl.getByRole('button', { name: 'JSON' }).click();
  const json = JSON.parse(await circl.locator('pre.raw-json').innerText()) as { results: { Object: Array<{ name: string }> } };
  assert.deepEqual(json.results.Object.map((o) => o.name), ['passive-dns', 'passive-dns']);
  await circl.getByRole('button', { name: 'Tables' }).click();
  assert.equal(await circl.locator('pre.raw-json').count(), 0);
});

test('pivot: a result attribute through another module hangs its results under it', async () => {
  const p = watched.page;
  await card(p, 'otx').getByRole('button', { name: `Pivot on ${IP}` }).click();
  const panel = p.getByRole('region', { name: `Pivot on ${IP}` });
  await panel.getByRole('checkbox', { name: 'circl_passivedns', exact: true }).check();
  await panel.getByRole('button', { name: `Run 1 module on ${IP}` }).click();
  const pivot = p.locator(`.pivot-node[data-value="${IP}"]`);
  const result = await waitForStatus(pivot, 'circl_passivedns', 'done');
  assert.match(await pivot.locator('.query-title').innerText(), new RegExp(`Pivot from otx: ip-dst ${IP.replaceAll('.', '\\.')}`));
  assert.match(await result.innerText(), /www\.circl\.lu/);
  // A second level: the pivot's own result can be pivoted on too.
  assert.ok((await result.getByRole('button', { name: /^Pivot on / }).count()) > 0);
});

test('the graph shows the input, the objects, the references and the pivot', async () => {
  const p = watched.page;
  await p.locator('.session-head').getByRole('button', { name: 'Graph' }).click();
  const svg = p.locator('.graph-canvas svg');
  await svg.waitFor();
  assert.equal(await p.locator(`g.node-input[data-node-label="${DOMAIN}"]`).count(), 1);
  // Two passive-dns objects for the domain, one for the pivoted address; whois from rdap.
  assert.equal(await p.locator('g.node-object', { hasText: 'passive-dns' }).count(), 3);
  assert.equal(await p.locator('g.node-object', { hasText: 'whois' }).count(), 1);
  assert.ok((await p.locator('g.edge-reference', { hasText: 'associated-to' }).count()) >= 3);
  await p.locator(`g.node-attribute[data-node-label="${IP}"]`).click();
  const details = p.getByRole('complementary', { name: 'Selected node' });
  assert.match(await details.innerText(), new RegExp(`Found by otx`));
  assert.ok(statSync(await screenshot(p.locator('.session'), 'result-graph', page.scratch)).size > 10_000);
  // Keyboard: Tab reaches the nodes, Enter selects.
  await p.locator(`g.node-input`).focus();
  await p.keyboard.press('Enter');
  assert.match(await details.innerText(), /domain/);
  await p.locator('.session-head').getByRole('button', { name: 'Tables' }).click();
});

test('the settings reached the vendors through the server and never its log', async () => {
  const basic = `Basic ${Buffer.from(`${SECRETS.pdnsUser}:${SECRETS.pdnsPassword}`).toString('base64')}`;
  assert.ok(vendors.fake.requests.some((r) => r.headers.authorization === basic), 'circl_passivedns sent the password');
  assert.ok(vendors.fake.requests.some((r) => r.headers['x-otx-api-key'] === SECRETS.otxKey), 'otx sent its key');
  assert.ok(vendors.fake.requests.some((r) => r.headers['auth-key'] === SECRETS.urlhausKey), 'urlhaus sent its key');
  const log = server.logs.text;
  assert.match(log, /urlhaus/, 'the queries were logged');
  for (const secret of Object.values(SECRETS).filter((s) => s !== SECRETS.pdnsUser)) assert.ok(!log.includes(secret), `the log holds ${secret}`);
  assert.ok(!log.includes(Buffer.from(`${SECRETS.pdnsUser}:${SECRETS.pdnsPassword}`).toString('base64')));
});

test('a module that times out shows it, and the page goes on', async () => {
  const p = watched.page;
  await runValue(p, DOMAIN, ['threatminer'], { timeoutSeconds: 2 });
  const timedOut = await waitForStatus(p, 'threatminer', 'error', 10_000);
  assert.match(await timedOut.locator('.error').innerText(), /Timeout\. The module did not answer within the query's 2 s/);
  // Still usable, from the keyboard this time: Ctrl+Enter runs.
  await p.getByPlaceholder(/circl\.lu/).fill(DOMAIN);
  await pickOnly(p, ['otx']);
  await p.getByPlaceholder(/circl\.lu/).press('Control+Enter');
  await waitForStatus(p, 'otx', 'done');
});

test('a type no module accepts says so, and offers the type the value looks like', async () => {
  const p = watched.page;
  // A MISP type that no module of this server takes.
  const accepted = new Set((((await server.get('/modules')).json()) as Array<{ mispattributes: { input?: string[] } }>).flatMap((m) => m.mispattributes.input ?? []));
  const orphan = ATTRIBUTE_TYPE_NAMES.find((t) => !accepted.has(t))!;
  await goTo(p, 'Run');
  await p.getByPlaceholder(/circl\.lu/).fill(DOMAIN);
  await p.getByRole('form', { name: 'Run modules' }).getByLabel('Type').selectOption(orphan);
  const notice = p.locator('.no-modules');
  assert.equal(await notice.innerText(), `No module accepts the type ${orphan}. The value looks like domain: query it as domain.`);
  assert.equal(await p.getByRole('button', { name: /^Run/ }).isDisabled(), true);
  await notice.getByRole('button', { name: 'query it as domain' }).click();
  assert.equal(await p.getByRole('group', { name: 'Modules to run' }).isVisible(), true);
});

test('a file through an import module, with its import options', async () => {
  const p = watched.page;
  await goTo(p, 'Run');
  await p.getByRole('radio', { name: /A file/ }).check();
  const csv = join(page.scratch, 'iocs.csv');
  writeFileSync(csv, 'ip-dst,domain\n198.51.100.9,example.org\n198.51.100.10,example.net\n');
  await p.locator('input[type="file"]').setInputFiles(csv);
  await pickOnly(p, ['csvimport']);
  await p.getByLabel('csvimport has_header').check();
  await p.getByRole('button', { name: 'Run 1 module' }).click();
  const imported = await waitForStatus(p, 'csvimport', 'done');
  const rows = await imported.locator('table.attributes tbody tr').allInnerTexts();
  assert.deepEqual(rows.map((r) => r.split('\t').slice(0, 2).join(' ')).sort(), ['domain example.net', 'domain example.org', 'ip-dst 198.51.100.10', 'ip-dst 198.51.100.9']);
  assert.match(await p.locator('.session-head h2').innerText(), /attachment: iocs\.csv/);
});

test('a 30 MB upload over the body limit is refused clearly, and the page goes on', async () => {
  const p = watched.page;
  await goTo(p, 'Run');
  await p.getByRole('radio', { name: /A file/ }).check();
  // From a file on disk: the browser reads it itself (a 30 MB buffer through the driver is slow).
  const big = join(page.scratch, 'big.csv');
  writeFileSync(big, Buffer.alloc(30_000_000, 'a,b\n'));
  await p.locator('input[type="file"]').setInputFiles(big);
  await pickOnly(p, ['csvimport']);
  await p.getByRole('button', { name: 'Run 1 module' }).click();
  const refused = await waitForStatus(p, 'csvimport', 'error', 30_000);
  const text = await refused.locator('.error').innerText();
  assert.match(text, new RegExp(`larger than the limit of ${BODY_LIMIT} bytes`));
  assert.match(text, /The file is 30\.0 MB, 40\.0 MB once encoded/);
  await runValue(p, DOMAIN, ['otx']);
  await waitForStatus(p, 'otx', 'done');
});

test('every request the browser made went to the server, and the page logged no error', () => {
  assertOnlyServer(watched, server.url);
  const paths = new Set(watched.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`));
  assert.ok(paths.has('GET /modules') && paths.has('POST /query'), [...paths].join(', '));
  // The one 413 answer is logged by Chromium as a failed resource load.
  assertNoProblems(watched, [/status of 413/]);
});
