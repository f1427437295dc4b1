/**
 * History and exports in real Chromium against the real server (circl_passivedns
 * and otx behind a loopback fake of their vendors): sessions survive a
 * reload and reopen with their pivots; a session exported as a MISP event
 * passes MISP's event schema (../shared/misp-data) and the server's own
 * output checks; an export module turns a pasted or uploaded event into a
 * download; bad events are refused clearly. Every request goes to the server.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Ajv } from 'ajv';
import type { Browser, Download, Page } from 'playwright-core';
import { formatViolations, validateResults } from '../../src/misp/validate.js';
import type { TestServer } from '../server/harness.js';
import { assertNoProblems, assertOnlyServer, closeBrowser, launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { buildPage, startPageServer, type BuiltPage } from './support/page-server.js';
import { card, eventually, fillSetting, goTo, runValue, waitForStatus } from './support/page-helpers.js';
import { DOMAIN, IP, SECRETS, SHA256, startVendors, type Vendors } from './support/vendors.js';

type Json = Record<string, any>;

let page: BuiltPage;
let vendors: Vendors;
let server: TestServer;
let browser: Browser;
let watched: WatchedPage;

before(async () => {
  page = buildPage();
  vendors = await startVendors();
  server = await startPageServer(page.dir, { upstreams: vendors.upstreams }, ['circl_passivedns', 'otx', 'liteexport', 'testexport']);
  browser = await launchBrowser();
  watched = await openPage(browser, `${server.url}/ui`);
});
after(async () => {
  await closeBrowser(browser);
  await server?.close();
  await vendors?.close();
  page?.remove();
});

async function downloaded(p: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([p.waitForEvent('download') as Promise<Download>, click()]);
  const path = join(page.scratch, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('two sessions, one with a pivot, are in the history after a reload', async () => {
  const p = watched.page;
  await goTo(p, 'Settings');
  await fillSetting(p, 'circl_passivedns', 'username', SECRETS.pdnsUser);
  await fillSetting(p, 'circl_passivedns', 'password', SECRETS.pdnsPassword);
  await fillSetting(p, 'otx', 'apikey', SECRETS.otxKey);

  await runValue(p, IP, ['circl_passivedns']);
  await waitForStatus(p, 'circl_passivedns', 'done');
  await runValue(p, DOMAIN, ['circl_passivedns', 'otx']);
  await waitForStatus(p, 'circl_passivedns', 'done');
  const otx = await waitForStatus(p, 'otx', 'done');
  await otx.getByRole('button', { name: `Pivot on ${IP}` }).click();
  const panel = p.getByRole('region', { name: `Pivot on ${IP}` });
  await panel.getByRole('checkbox', { name: 'circl_passivedns', exact: true }).check();
  await panel.getByRole('button', { name: `Run 1 module on ${IP}` }).click();
  await waitForStatus(p.locator(`.pivot-node[data-value="${IP}"]`), 'circl_passivedns', 'done');

  await p.reload();
  await goTo(p, 'History');
  const rows = p.locator('table.history-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 2);
  const cells = (await rows.first().locator('td').allInnerTexts()).slice(1, 5);
  assert.deepEqual(cells, [`domain: ${DOMAIN}`, 'circl_passivedns, otx', '3 ok', '1']);
  assert.match(await rows.nth(1).innerText(), new RegExp(`ip-dst: ${IP.replaceAll('.', '\\.')}`));
  assert.match(await p.locator('.history').innerText(), /kept in this browser \(IndexedDB\) only/);
  assert.ok(statSync(await screenshot(p, 'history', page.scratch)).size > 10_000);
});

test('a session reopens from the history with its results and pivots', async () => {
  const p = watched.page;
  await p.getByRole('button', { name: `Open domain: ${DOMAIN}` }).click();
  await p.getByRole('heading', { name: `domain: ${DOMAIN}` }).waitFor();
  const passiveDns = card(p, 'circl_passivedns');
  assert.equal(await passiveDns.getAttribute('data-status'), 'done');
  assert.equal(await passiveDns.locator('.object-group[aria-label="passive-dns objects"] .object').count(), 2);
  const pivot = p.locator(`.pivot-node[data-value="${IP}"]`);
  assert.match(await card(pivot, 'circl_passivedns').innerText(), /www\.circl\.lu/);
});

test('the session exported as a MISP event passes the MISP event schema and the server\'s output checks', async () => {
  const p = watched.page;
  const file = await downloaded(p, () => p.locator('.session-head').getByRole('button', { name: 'Export MISP event' }).click());
  assert.match(file.name, /^misp-event-domain_circl\.lu\.json$/);
  const event = JSON.parse(file.text) as { Event: Json };
  writeFileSync(join(page.scratch, 'event.json'), file.text);

  const shared = new URL('../../../shared/misp-data/', import.meta.url);
  const schema = (name: string) => {
    // Draft-04 schemas; their keywords here mean the same in Ajv's default draft.
    const { $schema: _s, id: _id, ...rest } = JSON.parse(readFileSync(new URL(name, shared), 'utf8'));
    return new Ajv({ strict: false, allErrors: true }).compile(rest);
  };
  const strict = schema('event-schema.json');
  const lax = schema('event-schema-lax.json');
  assert.ok(lax(event), JSON.stringify(lax.errors));
  // The strict schema has no objects: the event's attributes, then the objects' attributes, each against it.
  const { Object: objects, EventReport: _r, ...plain } = event.Event;
  assert.ok(strict({ Event: plain }), JSON.stringify(strict.errors));
  const inObjects = (objects as Json[]).flatMap((o) => (o['Attribute'] as Json[]).map(({ object_relation: _o, ...a }) => a));
  assert.ok(strict({ Event: { info: 'objects', Attribute: inObjects } }), JSON.stringify(strict.errors));
  // The server's own checks: types, categories, templates, references that resolve.
  assert.deepEqual(formatViolations(validateResults({ results: { Attribute: plain['Attribute'], Object: objects, Tag: plain['Tag'] } })), []);

  // What it holds: the domain, otx's findings, the three passive-dns records, each pointing at what it describes.
  const attributes = plain['Attribute'] as Json[];
  const values = attributes.map((a) => `${a['type']} ${a['value']}`);
  assert.deepEqual(values.sort(), [`domain ${DOMAIN}`, 'email info@circl.lu', `ip-dst ${IP}`, `sha256 ${SHA256}`]);
  assert.equal(new Set(attributes.map((a) => a['uuid'])).size, attributes.length, 'each attribute once');
  assert.equal((objects as Json[]).filter((o) => o['name'] === 'passive-dns').length, 3);
  const ipUuid = attributes.find((a) => a['value'] === IP)!['uuid'];
  const domainUuid = attributes.find((a) => a['value'] === DOMAIN)!['uuid'];
  const targets = (objects as Json[]).flatMap((o) => (o['ObjectReference'] as Json[]).map((r) => r['referenced_uuid']));
  assert.equal(targets.filter((t) => t === domainUuid).length, 2, 'the domain\'s records reference the domain');
  assert.equal(targets.filter((t) => t === ipUuid).length, 1, 'the pivot\'s record references the address');
  // The schema check can fail: a broken attribute is caught.
  assert.equal(strict({ Event: { ...plain, Attribute: [{ ...attributes[0], to_ids: 'yes' }] } }), false);
});

test('an export module turns the session\'s event into a download', async () => {
  const p = watched.page;
  await goTo(p, 'History');
  await p.getByRole('button', { name: `Send domain: ${DOMAIN} to an export module` }).click();
  await p.getByRole('heading', { name: 'Export an event' }).waitFor();
  assert.match(await p.getByLabel('MISP event JSON').inputValue(), /"Event"/);
  await p.getByLabel('Export module').selectOption('liteexport');
  await p.getByRole('button', { name: 'Export', exact: true }).click();
  const produced = p.locator('.produced');
  await produced.waitFor();
  assert.match(await produced.innerText(), /liteexport produced misp\.event\.[\w-]+\.liteexport\.export\.json/);
  const file = await downloaded(p, () => produced.getByRole('button', { name: 'Download' }).click());
  const lite = JSON.parse(file.text) as { Event: { info: string; Attribute: Array<{ type: string; value: string }> } };
  assert.equal(lite.Event.info, `misp-modules: domain ${DOMAIN}`);
  assert.ok(lite.Event.Attribute.some((a) => a.type === 'domain' && a.value === DOMAIN));
});

test('an uploaded event file goes through an export module too', async () => {
  const p = watched.page;
  await p.getByLabel('MISP event JSON').fill('');
  await p.getByLabel('Upload a MISP event file').setInputFiles(join(page.scratch, 'event.json'));
  // (waitForFunction evaluates a string, which the page's CSP forbids: poll from here instead.)
  await eventually(async () => assert.match(await p.getByLabel('MISP event JSON').inputValue(), /misp-modules: domain/));
  await p.getByLabel('Export module').selectOption('testexport');
  await p.getByRole('button', { name: 'Export', exact: true }).click();
  await p.locator('.produced').waitFor();
  assert.match(await p.locator('.produced').innerText(), /testexport produced .*\.txt/);
});

test('what is not a MISP event is refused clearly, and the view goes on', async () => {
  const p = watched.page;
  const box = p.getByLabel('MISP event JSON');
  const exportButton = p.getByRole('button', { name: 'Export', exact: true });
  const alert = p.locator('.export').getByRole('alert');
  await box.fill('{"Event": {"info": "unterminated"');
  await exportButton.click();
  assert.match(await alert.innerText(), /Error: This is not JSON: /);
  await box.fill('[{"info": "no Event key"}]');
  await exportButton.click();
  assert.match(await alert.innerText(), /Item 1 is not a MISP event/);
  await box.fill('');
  await exportButton.click();
  assert.match(await alert.innerText(), /Paste or upload a MISP event/);
  await box.fill(JSON.stringify({ Event: { info: 'small', Attribute: [{ type: 'ip-dst', category: 'Network activity', value: '198.51.100.7' }] } }));
  await p.getByLabel('Export module').selectOption('liteexport');
  await exportButton.click();
  await p.locator('.produced').waitFor();
  assert.match(await p.locator('.produced pre').innerText(), /198\.51\.100\.7/);
});

test('sessions can be deleted one by one or all at once', async () => {
  const p = watched.page;
  await goTo(p, 'History');
  const rows = p.locator('table.history-table tbody tr');
  await rows.first().waitFor();
  await p.getByRole('button', { name: `Delete ip-dst: ${IP}` }).click();
  await eventually(async () => assert.equal(await rows.count(), 1));
  await p.getByRole('button', { name: 'Clear the history…' }).click();
  await p.getByRole('button', { name: 'Yes, clear the history' }).click();
  await p.locator('.history .empty').waitFor();
  await p.reload();
  await p.locator('.history .empty').waitFor();
});

test('every request went to the server; no error on the page', () => {
  assertOnlyServer(watched, server.url);
  assertNoProblems(watched);
});
