// A Vulnerability-Lookup stand-in that answers GET /api/vulnerability/{id}
// after DELAY_MS with a minimal CVE JSON 5 record, and reports how many
// connections it holds open on GET /__stats.
// Usage: node bench/slow-upstream.mjs -p PORT   (DELAY_MS, default 1000)
import { createServer } from 'node:http';

const port = Number(process.argv[process.argv.indexOf('-p') + 1]);
const delay = Number(process.env.DELAY_MS ?? 1000);
let open = 0;
let answered = 0;

const server = createServer((req, res) => {
  if (req.url === '/__stats') return res.end(JSON.stringify({ open, answered }));
  const id = decodeURIComponent(req.url.split('/').pop());
  const timer = setTimeout(() => {
    answered++;
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
server.on('connection', (socket) => {
  open++;
  socket.on('close', () => open--);
});
server.maxConnections = 100_000;
server.listen(port, '127.0.0.1', 4096);
process.on('SIGTERM', () => process.exit(0));
