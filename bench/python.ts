/**
 * Queries per second through the Python bridge for a trivial module, against
 * the same module written in JavaScript (a custom module), in one run on one
 * server: `npm run bench:python`. Loopback only.
 */
import autocannon from 'autocannon';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../src/server/start.js';

const DURATION = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = 20;

const root = mkdtempSync(path.join(tmpdir(), 'bench-python-'));
mkdirSync(path.join(root, 'expansion'));
writeFileSync(
  path.join(root, 'expansion', 'echo_py.py'),
  `import json
mispattributes = {'input': ['text'], 'output': ['text']}
moduleinfo = {'version': '1', 'author': 'bench', 'description': 'echo', 'module-type': ['expansion']}
def handler(q=False):
    request = json.loads(q)
    return {'results': [{'types': ['text'], 'values': [request['text']]}]}
def introspection():
    return mispattributes
def version():
    return moduleinfo
`,
);
writeFileSync(
  path.join(root, 'expansion', 'echo_js.mjs'),
  `export default { name: 'echo_js', kind: 'expansion', moduleType: ['expansion'], meta: { version: '1', author: 'bench', description: 'echo', name: 'echo' },
  attributes: { input: ['text'] }, async handle(q) { return { results: [{ types: ['text'], values: [q.text] }] }; } };
`,
);

const processes = Number(process.env['PYTHON_PROCESSES'] ?? 2);
// The JavaScript module in the server's thread (--isolate none), as a built-in would run.
const server = await startServer({ settings: { port: 0, customDir: root, isolate: ['none'], pythonProcesses: processes, logLevel: 'warn' } });

async function measure(module: string): Promise<{ rps: number; p50: number; p99: number }> {
  const result = await autocannon({
    url: `${server.url}/query`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION,
    body: JSON.stringify({ module, text: 'hello' }),
    headers: { 'content-type': 'application/json' },
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${module}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
}

try {
  const js = await measure('echo_js');
  const py = await measure('echo_py');
  process.stdout.write(
    `${CONNECTIONS} connections, ${DURATION} s each, ${processes} Python processes\n` +
      `echo_js (JavaScript, in process): ${js.rps} req/s, p50 ${js.p50} ms, p99 ${js.p99} ms\n` +
      `echo_py (Python bridge):          ${py.rps} req/s, p50 ${py.p50} ms, p99 ${py.p99} ms\n` +
      `ratio python/javascript: ${(py.rps / js.rps).toFixed(2)}\n`,
  );
} finally {
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
