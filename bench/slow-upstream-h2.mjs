// The Vulnerability-Lookup stand-in of slow-upstream.mjs over TLS, speaking
// HTTP/2 and HTTP/1.1 (ALPN picks; node:http2 with allowHTTP1): answers
// GET /api/vulnerability/{id} after DELAY_MS with a minimal CVE JSON 5
// record. GET /__stats reports the TLS connections and HTTP/2 sessions
// accepted so far (not those with SNI stats.bench, the benchmark's own),
// requests by protocol and connections open now.
// Usage: KEY_FILE=key.pem CERT_FILE=cert.pem node bench/slow-upstream-h2.mjs -p PORT   (DELAY_MS, default 1000)
import { readFileSync } from 'node:fs';
import { createSecureServer } from 'node:http2';

const port = Number(process.argv[process.argv.indexOf('-p') + 1]);
const delay = Number(process.env.DELAY_MS ?? 1000);
const stats = { connections: 0, sessions: 0, open: 0, answered: 0, requests: { '2.0': 0, '1.1': 0 } };

const server = createSecureServer({
  key: readFileSync(process.env.KEY_FILE),
  cert: readFileSync(process.env.CERT_FILE),
  allowHTTP1: true,
  // As nginx's default (http2_max_concurrent_streams 128).
  settings: { maxConcurrentStreams: 128 },
});
// The benchmark asks for /__stats with SNI "stats.bench": those connections are not counted.
server.on('secureConnection', (socket) => {
  socket.on('error', () => {});
  if (socket.servername === 'stats.bench') return;
  stats.connections++;
  stats.open++;
  socket.on('close', () => stats.open--);
});
server.on('session', (session) => {
  stats.sessions++;
  session.on('error', () => {});
});
server.on('request', (req, res) => {
  if (req.url === '/__stats') return res.end(JSON.stringify(stats));
  stats.requests[req.httpVersion] = (stats.requests[req.httpVersion] ?? 0) + 1;
  const id = decodeURIComponent(req.url.split('/').pop());
  const timer = setTimeout(() => {
    stats.answered++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        dataType: 'CVE_RECORD',
        dataVersion: '5.1',
        cveMetadata: { cveId: id, state: 'PUBLISHED', datePublished: '2024-03-29T15:51:00.000Z', dateUpdated: '2024-06-01T00:00:00.000Z' },
        containers: { cna: { descriptions: [{ lang: 'en', value: `Benchmark record ${id}` }], references: [{ url: `https://example.org/${id}` }] } },
      }),
    );
  }, delay);
  res.on('close', () => clearTimeout(timer));
});
server.maxConnections = 100_000;
server.listen(port, '127.0.0.1', 4096);
process.on('SIGTERM', () => process.exit(0));
