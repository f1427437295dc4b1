/**
 * The real server with the web page, for the browser tests: the page is
 * built (scripts/build-ui.mjs) into a folder of this test file's own, and
 * the server runs on 127.0.0.1:0 from the sources (test/server/harness.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinModules } from '../../../src/modules/index.js';
import type { ServerSettings } from '../../../src/server/settings.js';
import { startTestServer, type TestServer } from '../../server/harness.js';

export interface BuiltPage {
  /** The built page (what dist/ui/ holds after `npm run build`). */
  dir: string;
  /** A folder for the test's other files (uploads, screenshots), removed with the page. */
  scratch: string;
  remove(): void;
}

/** Builds the page into a fresh folder. */
export function buildPage(): BuiltPage {
  const parent = mkdtempSync(join(tmpdir(), 'misp-ui-page-'));
  const dir = join(parent, 'ui');
  execFileSync(process.execPath, ['scripts/build-ui.mjs', dir], { stdio: 'inherit' });
  const scratch = join(parent, 'scratch');
  mkdirSync(scratch);
  return { dir, scratch, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/**
 * The server with the page. `modules` narrows the built-in modules to those
 * named (the run tests: a catalogue where some types have no module).
 */
export async function startPageServer(dir: string, settings: Partial<ServerSettings> = {}, modules?: readonly string[]): Promise<TestServer> {
  const builtins = modules ? builtinModules.filter((m) => modules.includes(m.name)) : undefined;
  if (modules && builtins!.length !== modules.length) throw new Error(`unknown modules among ${modules.join(', ')}`);
  // Module DNS lookups go to a closed loopback port: a module picked by mistake cannot reach the network.
  return startTestServer({ webPageDir: dir, settings: { dnsServers: ['127.0.0.1:9'], logLevel: 'debug', ...settings }, ...(builtins ? { builtins } : {}) });
}
