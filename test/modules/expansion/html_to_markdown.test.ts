import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import html_to_markdown from '../../../src/modules/expansion/html_to_markdown.js';
import { startFakeHttp, type FakeHttp } from '../../support/fake-http.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const PAGE = `<!doctype html><html><head><title>Report</title><meta charset="utf-8"><link rel="stylesheet" href="x.css"><style>p{}</style><script>alert(1)</script></head>
<body><header><nav>Home | About</nav></header>
<h1>APT report</h1>
<p>The actor used <a href="https://evil.example/x">evil.example</a> and <b>bold</b> <em>moves</em> <img src="a.png" alt="diagram"> with file_name.exe * 2.</p>
<h2>  Indicators </h2>
<ul><li>198.51.100.7</li><li>nested<ul><li>deeper</li></ul></li></ul>
<ol start="3"><li>third</li><li>fourth</li></ol>
<table><thead><tr><th>Type</th><th>Value</th></tr></thead><tbody><tr><td>ip</td><td>203.0.113.5</td></tr><tr><td colspan="2">both</td></tr></tbody></table>
<pre><code>cmd.exe /c whoami</code></pre>
<blockquote>quoted</blockquote><hr><p>line<br>break</p>
<footer>Copyright</footer><script>more()</script></body></html>`;

const MARKDOWN = [
  '# APT report',
  '',
  'The actor used evil.example and **bold** *moves*  with file\\_name.exe \\* 2.',
  '',
  '## Indicators',
  '',
  '* 198.51.100.7',
  '* nested',
  '  + deeper',
  '',
  '3. third',
  '4. fourth',
  '',
  '| Type | Value |',
  '| --- | --- |',
  '| ip | 203.0.113.5 |',
  '| both | |',
  '',
  '```',
  'cmd.exe /c whoami',
  '```',
  '',
  '> quoted',
  '',
  '---',
  '',
  'line  ',
  'break',
].join('\n');

let fake: FakeHttp;
/** Loopback allowed, as an admin would with --allow-url-range 127.0.0.0/8. */
let t: TestServer;
/** Default settings: the URL guard refuses loopback and private ranges. */
let guarded: TestServer;

before(async () => {
  fake = await startFakeHttp({
    'GET /report.html': { body: PAGE, headers: { 'content-type': 'text/html; charset=utf-8' } },
    'GET /latin1.html': { body: Buffer.from('<p>caf\xe9 d\xe9j\xe0 vu</p>', 'latin1'), headers: { 'content-type': 'text/html; charset=windows-1252' } },
    'GET /meta.html': { body: Buffer.from('<meta charset="iso-8859-1"><p>na\xefve</p>', 'latin1'), headers: { 'content-type': 'text/html' } },
    'GET /missing': { status: 404, body: '<h1>Not found</h1>' },
    'GET /to-private': { redirect: 'http://10.0.0.1/admin' },
  });
  t = await startTestServer({ builtins: [html_to_markdown], settings: { allowUrlRanges: ['127.0.0.0/8'] } });
  guarded = await startTestServer({ builtins: [html_to_markdown] });
});
after(async () => {
  await t.close();
  await guarded.close();
  await fake.close();
});

describe('html_to_markdown', () => {
  test('raw_html: head, scripts, header and footer removed; links and images stripped; ATX headings, lists, tables', async () => {
    const answer: any = await t.query({ module: 'html_to_markdown', raw_html: PAGE });
    assertValidResults(answer);
    assert.deepEqual(answer, { results: [{ types: ['text'], values: [MARKDOWN] }] });
  });

  test('url: the page is fetched (as MISP event report "import from URL" sends it) and converted', async () => {
    const answer: any = await t.query({ module: 'html_to_markdown', event_id: '12', url: `${fake.url}/report.html` });
    assertValidResults(answer);
    assert.deepEqual(answer, { results: [{ types: ['text'], values: [MARKDOWN] }] });
    assert.equal(fake.requests.filter((r) => r.path === '/report.html').length, 1);
  });

  test('the charset of the Content-Type header, or of a <meta> tag, decodes the page', async () => {
    const latin: any = await t.query({ module: 'html_to_markdown', url: `${fake.url}/latin1.html` });
    assert.deepEqual(latin.results[0].values, ['café déjà vu']);
    const meta: any = await t.query({ module: 'html_to_markdown', url: `${fake.url}/meta.html` });
    assert.deepEqual(meta.results[0].values, ['naïve']);
  });

  test('an HTTP error is an error, not a page to convert', async () => {
    assert.deepEqual(await t.query({ module: 'html_to_markdown', url: `${fake.url}/missing` }), {
      error: `127.0.0.1:${fake.port} answered HTTP 404 Not Found.`,
    });
  });

  test('SSRF: loopback, private, link-local and metadata addresses are refused (also as IPv4-mapped IPv6), nothing is sent', async () => {
    const before = fake.requests.length;
    const refused = [
      `${fake.url}/report.html`,
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:10.0.0.1]/',
      'http://[::ffff:172.16.0.1]/',
      'http://[::ffff:192.168.0.1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://10.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
    ];
    for (const url of refused) {
      const answer: any = await guarded.query({ module: 'html_to_markdown', url });
      assert.match(answer.error, /^Refusing to fetch /, url);
    }
    assert.equal(fake.requests.length, before);
  });

  test('SSRF: a redirect to a private address is refused', async () => {
    const answer: any = await t.query({ module: 'html_to_markdown', url: `${fake.url}/to-private` });
    assert.match(answer.error, /^Refusing to fetch http:\/\/10\.0\.0\.1\/admin: /);
  });

  test('SSRF: URLs without a host or with another scheme are refused', async () => {
    for (const url of ['http://', 'file:///etc/passwd', 'ftp://198.51.100.7/x', 'gopher://127.0.0.1:6379/']) {
      const answer: any = await guarded.query({ module: 'html_to_markdown', url });
      assert.match(answer.error, /^(Refusing to fetch .*: only http and https URLs can be fetched\.|Cannot fetch an invalid URL\.)$/, url);
    }
  });

  test('a request with neither raw_html nor url', async () => {
    assert.deepEqual(await t.query({ module: 'html_to_markdown', raw_html: '' }), { error: 'The request has neither a "raw_html" nor a "url" field.' });
  });
});
