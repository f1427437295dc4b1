/**
 * Real Chromium (Debian's `chromium`, driven by playwright-core) for the web
 * page's tests. Every page records each request the browser makes and every
 * console error, page error and CSP violation; the browser cannot resolve
 * any host name (only 127.0.0.1 is reachable), so nothing leaves the machine
 * even if the page tried. `closeBrowser` checks no chromium process is left.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
      // No name resolves: the only reachable server is the one on 127.0.0.1.
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Every request the page made: method and URL. */
  requests: Array<{ method: string; url: string; headers: Record<string, string> }>;
  /** Console errors, page errors, CSP violations. */
  problems: string[];
}

export async function openPage(browser: Browser, url: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, colorScheme: options.colorScheme ?? 'light', acceptDownloads: true });
  const page = await context.newPage();
  const watched: WatchedPage = { page, context, requests: [], problems: [] };
  page.on('request', (request) => watched.requests.push({ method: request.method(), url: request.url(), headers: request.headers() }));
  page.on('pageerror', (error) => watched.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') watched.problems.push(`console: ${message.text()}`);
  });
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  return watched;
}

/**
 * Every request went to the server, and only there (the catalogue, queries,
 * the page's own files; blob: and data: URLs are the page's downloads and icons).
 */
export function assertOnlyServer(watched: WatchedPage, serverUrl: string): void {
  const origin = new URL(serverUrl).origin;
  const elsewhere = watched.requests.filter((r) => !r.url.startsWith(`${origin}/`) && !/^(blob|data):/.test(r.url));
  assert.deepEqual(elsewhere, [], 'the page made requests to other hosts');
  assert.ok(watched.requests.length > 0, 'requests were recorded');
}

export function assertNoProblems(watched: WatchedPage, allowed: RegExp[] = []): void {
  assert.deepEqual(
    watched.problems.filter((p) => !allowed.some((a) => a.test(p))),
    [],
  );
}

/** Pids of chromium processes descended from this process. */
export function chromiumDescendants(): number[] {
  const parents = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
    } catch {
      // gone meanwhile
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...names].filter(([pid, name]) => /chrom/i.test(name) && ours(pid)).map(([pid]) => pid);
}

export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  await browser?.close();
  // The browser's processes are gone with it (a test that leaves them fails).
  for (let i = 0; i < 50 && chromiumDescendants().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(chromiumDescendants(), [], 'chromium processes left behind');
}

/**
 * A screenshot: into UI_SCREENSHOTS_DIR when set (`npm run screenshots`
 * writes docs/screenshots/), else into the test's scratch folder (taken all
 * the same, so the command that regenerates them keeps working).
 */
export async function screenshot(target: Page | Locator, name: string, scratchDir: string): Promise<string> {
  const dir = process.env['UI_SCREENSHOTS_DIR'] ?? scratchDir;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await target.screenshot({ path });
  return path;
}
