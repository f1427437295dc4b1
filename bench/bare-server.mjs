// The "physical limit": a bare node:http server answering fixed bytes for
// GET /modules, GET /healthcheck and POST /query, with no framework.
// Usage: node bench/bare-server.mjs -p PORT  (bodies from BARE_MODULES_FILE / BARE_QUERY_FILE)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';

const port = Number(process.argv[process.argv.indexOf('-p') + 1]);
const modules = readFileSync(process.env.BARE_MODULES_FILE);
const modulesGzip = gzipSync(modules, { level: 9 });
const query = readFileSync(process.env.BARE_QUERY_FILE);
const health = Buffer.from('{"status":true}');
const type = { 'content-type': 'application/json; charset=utf-8' };

createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/modules') {
    if (/gzip/.test(req.headers['accept-encoding'] ?? '')) return res.writeHead(200, { ...type, 'content-encoding': 'gzip' }).end(modulesGzip);
    return res.writeHead(200, type).end(modules);
  }
  if (req.method === 'GET' && req.url === '/healthcheck') return res.writeHead(200, type).end(health);
  if (req.method === 'POST' && req.url === '/query') {
    // Read the whole body and parse it, as any real server must.
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, type).end(query);
    });
    return;
  }
  res.writeHead(404, type).end('{"error":"not found"}');
}).listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
