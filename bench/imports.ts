/**
 * npm run bench:imports: csvimport of a 100,000-row CSV and email_import of a
 * large e-mail with attachments, through the real server. Reports time, rows
 * per second and the server's peak resident memory (VmHWM).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request } from 'undici';
import { startProcess } from './processes.js';

async function peakMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

function csv(rows: number): string {
  const lines = ['ip-src,domain,comment'];
  for (let i = 0; i < rows; i++) lines.push(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},host${i}.example.org,row ${i}`);
  return lines.join('\n') + '\n';
}

function email(attachments: number, size: number): string {
  const boundary = 'bench-boundary';
  const parts = [
    'From: Sender <sender@example.org>',
    'To: Analyst <analyst@example.org>',
    'Subject: Large report with attachments',
    'Date: Sat, 28 Nov 2026 06:00:00 +0000',
    'Message-ID: <bench@example.org>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'See https://evil.example.net/payload and http://203.0.113.9/c2 for details.',
  ];
  for (let i = 0; i < attachments; i++) {
    parts.push(`--${boundary}`, `Content-Type: application/octet-stream; name="sample${i}.bin"`, 'Content-Transfer-Encoding: base64', `Content-Disposition: attachment; filename="sample${i}.bin"`, '');
    parts.push(randomBytes(size).toString('base64').replace(/.{76}/g, '$&\n'));
  }
  parts.push(`--${boundary}--`, '');
  return parts.join('\r\n');
}

async function run(url: string, body: object): Promise<{ ms: number; answer: Record<string, unknown> }> {
  const started = performance.now();
  const res = await request(`${url}/query`, { method: 'POST', body: JSON.stringify(body), headersTimeout: 600_000, bodyTimeout: 600_000 });
  const answer = (await res.body.json()) as Record<string, unknown>;
  return { ms: Math.round(performance.now() - started), answer };
}

const server = await startProcess(['dist/cli.js'], { MISP_MODULES_LOG_LEVEL: 'warn' });
try {
  const pid = server.child.pid!;
  const base = await peakMiB(pid);
  const rows = 100_000;
  const csvText = csv(rows);
  const csvRun = await run(server.url, { module: 'csvimport', event_id: '1', config: { header: 'ip-src,domain,comment', has_header: '1' }, data: Buffer.from(csvText).toString('base64'), filename: 'big.csv' });
  const attributes = ((csvRun.answer['results'] as { Attribute?: unknown[] })?.Attribute ?? []).length;
  const csvPeak = await peakMiB(pid);
  const eml = email(8, 2 * 1024 * 1024);
  const emlRun = await run(server.url, { module: 'email_import', event_id: '1', config: {}, data: Buffer.from(eml).toString('base64'), filename: 'big.eml' });
  const results = emlRun.answer['results'] as { Attribute?: unknown[]; Object?: unknown[] } | undefined;
  const emlPeak = await peakMiB(pid);
  process.stdout.write(
    [
      `server peak RSS before the imports: ${base} MiB`,
      `csvimport: ${rows} rows (${(csvText.length / 2 ** 20).toFixed(1)} MiB CSV) → ${attributes} attributes in ${csvRun.ms} ms = ${Math.round(rows / (csvRun.ms / 1000))} rows/s; server peak RSS ${csvPeak} MiB${csvRun.answer['error'] ? `; error: ${csvRun.answer['error']}` : ''}`,
      `email_import: ${(eml.length / 2 ** 20).toFixed(1)} MiB e-mail, 8 attachments of 2 MiB → ${results?.Attribute?.length ?? 0} attributes, ${results?.Object?.length ?? 0} objects in ${emlRun.ms} ms; server peak RSS ${emlPeak} MiB${emlRun.answer['error'] ? `; error: ${emlRun.answer['error']}` : ''}`,
    ].join('\n') + '\n',
  );
} finally {
  await server.stop();
}
