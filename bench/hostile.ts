/**
 * Peak memory and time of the hostile inputs of issue 13 (office bombs,
 * deep and wide e-mails, a large blank PNG), each sent alone to a fresh
 * server process (dist/cli.js, or HOSTILE_DIST=<folder>/cli.js):
 *
 *   npm run build && node --import tsx bench/hostile.ts [name…]
 *
 * Prints per input: the answer (or how the connection ended), its time and
 * size, the server's peak RSS (sampled every 25 ms), the slowest
 * /healthcheck while the query ran, and whether the server still answers.
 * A safety valve kills the server past HOSTILE_KILL_MIB (default 3000) so
 * the shared machine is never exhausted.
 */
import { request } from 'undici';
import { deeplyNestedEmail, largePng, officeBomb, pdfBomb, wideEmail } from '../test/support/hostile-inputs.js';
import { residentMiB, startProcess } from './processes.js';

const KILL_MIB = Number(process.env['HOSTILE_KILL_MIB'] ?? 3000);
const CLI = process.env['HOSTILE_DIST'] ?? 'dist/cli.js';

const b64 = (bytes: Buffer): string => bytes.toString('base64');

export const HOSTILE_QUERIES: Record<string, () => Promise<object>> = {
  docx: async () => ({ module: 'docx_enrich', attachment: 'bomb.docx', data: b64(await officeBomb('docx')) }),
  odt: async () => ({ module: 'odt_enrich', attachment: 'bomb.odt', data: b64(await officeBomb('odt')) }),
  ods: async () => ({ module: 'ods_enrich', attachment: 'bomb.ods', data: b64(await officeBomb('ods')) }),
  xlsx: async () => ({ module: 'xlsx_enrich', attachment: 'bomb.xlsx', data: b64(await officeBomb('xlsx')) }),
  pptx: async () => ({ module: 'pptx_enrich', attachment: 'bomb.pptx', data: b64(await officeBomb('pptx')) }),
  pdf: async () => ({ module: 'pdf_enrich', attachment: 'bomb.pdf', data: b64(pdfBomb(200)) }),
  'email-deep': async () => ({ module: 'email_import', config: {}, data: b64(deeplyNestedEmail()) }),
  'email-wide': async () => ({ module: 'email_import', config: {}, data: b64(wideEmail()) }),
  'ocr-png': async () => ({ module: 'ocr_enrich', attachment: 'squares.png', data: b64(largePng()) }),
  'ocr-png-blank': async () => ({ module: 'ocr_enrich', attachment: 'blank.png', data: b64(largePng(7000, 7000, 'blank')) }),
  'qr-png': async () => ({ module: 'qrcode', attachment: 'squares.png', data: b64(largePng()) }),
};

/** Inputs at the budgets' edge, accepted: what a budget still lets a query cost. */
export const EDGE_QUERIES: Record<string, () => Promise<object>> = {
  // 5 MiB of <w:p/> (whole MiB chunks): 873,813 elements, under the budget.
  'docx-at-budget': async () => ({ module: 'docx_enrich', attachment: 'edge.docx', data: b64(await officeBomb('docx', 5)) }),
  'ocr-png-16mp': async () => ({ module: 'ocr_enrich', attachment: 'squares.png', data: b64(largePng(4000, 4000)) }),
  'qr-png-25mp': async () => ({ module: 'qrcode', attachment: 'squares.png', data: b64(largePng(5000, 5000)) }),
  'email-2000-parts': async () => ({ module: 'email_import', config: {}, data: b64(wideEmail(1999)) }),
};

async function measure(name: string, build: () => Promise<object>): Promise<string> {
  const body = JSON.stringify(await build());
  const server = await startProcess([CLI], { MISP_MODULES_LOG_LEVEL: 'fatal', MISP_MODULES_BODY_LIMIT: String(64 * 1024 * 1024) });
  const pid = server.child.pid!;
  let peak = 0;
  let killed = false;
  let slowestHealth = 0;
  let running = true;
  const sampler = setInterval(() => {
    residentMiB(pid)
      .then((rss) => {
        peak = Math.max(peak, rss);
        if (rss > KILL_MIB && !killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      })
      .catch(() => undefined);
  }, 25);
  const health = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await (await request(`${server.url}/healthcheck`, { headersTimeout: 30_000 })).body.text();
      } catch {
        return;
      }
      slowestHealth = Math.max(slowestHealth, performance.now() - started);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const started = performance.now();
  let outcome: string;
  let size = 0;
  try {
    const res = await request(`${server.url}/query`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, headersTimeout: 600_000, bodyTimeout: 600_000 });
    const text = await res.body.text();
    size = text.length;
    outcome = `${res.statusCode} ${text.slice(0, 160)}`;
  } catch (error) {
    outcome = `connection lost (${(error as Error).message})`;
  }
  const seconds = (performance.now() - started) / 1000;
  running = false;
  await health;
  clearInterval(sampler);
  let alive = false;
  try {
    alive = (await (await request(`${server.url}/healthcheck`)).body.text()) === '{"status":true}';
  } catch {
    alive = false;
  }
  const exit = server.child.exitCode ?? server.child.signalCode;
  // A server that died (SIGABRT on a fatal out-of-memory) has nothing left to stop.
  if (exit === null) await server.stop();
  return `| ${name} | ${(body.length / 1024).toFixed(0)} KB | ${seconds.toFixed(2)} s | ${peak.toFixed(0)} MiB${killed ? ' (killed at the valve)' : ''} | ${slowestHealth.toFixed(0)} ms | ${alive ? 'yes' : `no (exit ${exit})`} | ${(size / 1024).toFixed(0)} KB: ${outcome.replace(/\|/g, '\\|')} |`;
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(HOSTILE_QUERIES);
  process.stdout.write(`${CLI}\n\n| input | request | time | peak RSS | slowest /healthcheck | still serving | answer |\n|---|---|---|---|---|---|---|\n`);
  for (const name of names) {
    const build = HOSTILE_QUERIES[name] ?? EDGE_QUERIES[name];
    if (!build) throw new Error(`no hostile input named ${name}`);
    process.stdout.write((await measure(name, build)) + '\n');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
