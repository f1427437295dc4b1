import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { normaliseUrl } from '../../../src/modules/expansion/_sourcecache/normalise-url.js';
import sourcecacheModule from '../../../src/modules/expansion/sourcecache.js';
import { startFakeHttp, type FakeHttp } from '../../support/fake-http.js';
import { waitFor } from '../../support/wait.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const PAGE = '<!doctype html><html><head><title>Campaign report</title></head><body><p>IOC: 198.51.100.7</p></body></html>';
const BINARY = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0xff, 0xfe, 0x00, 0x01, 0x80, 0x7f]);

let fake: FakeHttp;
/** Loopback allowed, as an admin would with --allow-url-range. */
let t: TestServer;
/** Default settings: the URL guard refuses loopback. */
let guarded: TestServer;
/** Holds archivepath and nothing else, so anything written outside archivepath would show up here. */
let sandbox: string;
let archivepath: string;

before(async () => {
  fake = await startFakeHttp({
    'GET /report.html': { body: PAGE, headers: { 'content-type': 'text/html; charset=utf-8', 'x-report-id': 'r-42' } },
    'GET /sample.bin': { body: BINARY, headers: { 'content-type': 'application/octet-stream' } },
    'GET /missing': { status: 404, body: 'not found' },
    'GET /to-private': { redirect: 'http://10.0.0.1/admin' },
    'GET /to-metadata': { status: 307, redirect: 'http://169.254.169.254/latest/meta-data/' },
    'GET /to-report': { redirect: '/report.html' },
    'GET /huge': { endless: true, headers: { 'content-type': 'text/html' } },
    'GET /hang': { hang: true },
    'GET /*': (req) => ({ body: `page at ${req.path}` }),
  });
  t = await startTestServer({ builtins: [sourcecacheModule], settings: { allowUrlRanges: ['127.0.0.0/8'] } });
  guarded = await startTestServer({ builtins: [sourcecacheModule] });
  sandbox = mkdtempSync(join(tmpdir(), 'sourcecache-test-'));
});
after(async () => {
  await t.close();
  await guarded.close();
  await fake.close();
  rmSync(sandbox, { recursive: true, force: true });
});
beforeEach(() => {
  fake.requests.length = 0;
  // A fresh, empty archive for each test.
  archivepath = mkdtempSync(join(sandbox, 'archive-'));
});

const ask = (server: TestServer, fields: Record<string, unknown>, config: Record<string, unknown> = { archivepath }) =>
  server.query({ module: 'sourcecache', config, ...fields });

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('sourcecache', () => {
  test('a link is fetched, archived under archivepath/.url_archiver/<sha1>/ and returned as an attachment', async () => {
    const link = `${fake.url}/report.html`;
    const answer = await ask(t, { link });
    assert.deepEqual(answer, { results: [{ types: ['attachment'], values: link, data: Buffer.from(PAGE).toString('base64') }] });
    assertValidResults(answer);

    const hash = sha1(link);
    assert.deepEqual(filesUnder(archivepath), [join('.url_archiver', hash, 'archive'), join('.url_archiver', hash, 'meta')]);
    assert.equal(readFileSync(join(archivepath, '.url_archiver', hash, 'archive'), 'utf8'), PAGE);
    const meta = JSON.parse(readFileSync(join(archivepath, '.url_archiver', hash, 'meta'), 'utf8'));
    assert.equal(meta['url_archiver:url'], link);
    assert.equal(meta['url_archiver:urlhash'], hash);
    assert.equal(meta['x-report-id'], 'r-42');
    assert.equal(meta['content-type'], 'text/html; charset=utf-8');
  });

  test('a url is returned as a malware-sample, bytes unchanged', async () => {
    const url = `${fake.url}/sample.bin`;
    const answer = await ask(t, { url });
    assert.deepEqual(answer, { results: [{ types: ['malware-sample'], values: url, data: BINARY.toString('base64') }] });
    assertValidResults(answer);
  });

  test('a page already archived is served from disk: the upstream sees one request, whatever the spelling of the URL', async () => {
    const link = `${fake.url}/report.html`;
    const first = await ask(t, { link });
    const again = await ask(t, { link });
    const respelled = `HTTP://127.0.0.1:${fake.port}//./report.html`;
    const third = await ask(t, { link: respelled });
    assert.deepEqual(fake.requests.map((r) => r.path), ['/report.html']);
    assert.deepEqual(again, first);
    assert.deepEqual(third, { results: [{ types: ['attachment'], values: respelled, data: Buffer.from(PAGE).toString('base64') }] });
    assert.equal(filesUnder(archivepath).length, 2);
  });

  test('URLs that try to climb out of the archive stay inside archivepath', async () => {
    const attempts = [
      `${fake.url}/../../../../etc/passwd`,
      `${fake.url}/%2e%2e/%2e%2e/%2e%2e/etc/shadow`,
      `${fake.url}/..%2f..%2f..%2fescape.txt`,
      `${fake.url}/a/..\\..\\..\\windows.ini`,
      `${fake.url}/?file=../../../../tmp/evil`,
    ];
    for (const link of attempts) {
      const answer = await ask(t, { link });
      assert.equal((answer.results as any[])?.[0]?.values, link, link);
    }
    // Nothing but archivepath in the sandbox of other tests' archives, and only <sha1>/{archive,meta} inside it.
    assert.ok(readdirSync(sandbox).every((name) => name.startsWith('archive-')));
    const files = filesUnder(archivepath);
    assert.equal(files.length, attempts.length * 2);
    for (const file of files) assert.match(file, /^\.url_archiver\/[0-9a-f]{40}\/(archive|meta)$/);
  });

  test('the URL guard refuses loopback by default: nothing is fetched or archived', async () => {
    const answer = await ask(guarded, { link: `${fake.url}/report.html` });
    assert.match(String(answer.error), new RegExp(`^Refusing to fetch http://127\\.0\\.0\\.1:${fake.port}/report\\.html: .*loopback.*--allow-url-range`));
    assert.equal(fake.requests.length, 0);
    assert.ok(!filesUnder(archivepath).some((f) => f.endsWith('archive')));
  });

  test('a redirect to a private or metadata address is refused; a redirect to an allowed address is followed', async () => {
    const toPrivate = await ask(t, { link: `${fake.url}/to-private` });
    assert.match(String(toPrivate.error), /^Refusing to fetch http:\/\/10\.0\.0\.1\/admin: .*private/);
    const toMetadata = await ask(t, { link: `${fake.url}/to-metadata` });
    assert.match(String(toMetadata.error), /^Refusing to fetch http:\/\/169\.254\.169\.254\/latest\/meta-data\/: /);
    assert.ok(!filesUnder(archivepath).some((f) => f.endsWith('archive')));

    const followed = await ask(t, { link: `${fake.url}/to-report` });
    assert.equal((followed.results as any[])[0].data, Buffer.from(PAGE).toString('base64'));
  });

  test('"Link is missing" without a link or url', async () => {
    assert.deepEqual(await ask(t, {}), { error: 'Link is missing' });
    assert.deepEqual(await ask(t, { domain: 'example.org' }), { error: 'Link is missing' });
    assert.deepEqual(await ask(t, { link: '' }), { error: 'Link is missing' });
  });

  test('an error page is not archived; a non-http URL is refused', async () => {
    assert.deepEqual(await ask(t, { link: `${fake.url}/missing` }), { error: '127.0.0.1 answered HTTP 404 Not Found.' });
    assert.ok(!filesUnder(archivepath).some((f) => f.endsWith('archive')));
    assert.match(String((await ask(t, { link: 'file:///etc/passwd' })).error), /^Refusing to fetch file:\/\/\/etc\/passwd: only http and https/);
    assert.deepEqual(await ask(t, { link: 'http://exa mple.org:99999/' }), { error: 'The URL cannot be parsed.' });
  });

  test('a page over the size cap is refused', async () => {
    assert.deepEqual(await ask(t, { link: `${fake.url}/huge` }), { error: '127.0.0.1 answered more than 16777216 bytes.' });
    assert.ok(!filesUnder(archivepath).some((f) => f.endsWith('archive')));
  });

  test('a server that never answers: the query timeout answers "Timeout." and the connection is closed', async () => {
    assert.deepEqual(await ask(t, { link: `${fake.url}/hang`, timeout: 1 }), { error: 'Timeout.' });
    assert.equal(fake.requests.length, 1);
    await waitFor(() => fake.openConnections() === 0, 'the fake sees the connection closed');
  });

  test('archivepath must be an existing absolute directory', async () => {
    const link = `${fake.url}/report.html`;
    assert.deepEqual(await ask(t, { link }, { archivepath: 'relative/dir' }), { error: 'The archivepath setting must be an absolute path.' });
    assert.deepEqual(await ask(t, { link }, { archivepath: join(archivepath, 'does-not-exist') }), {
      error: 'The archive directory does not exist or is not a directory (setting archivepath).',
    });
    assert.ok(!existsSync(join(archivepath, 'does-not-exist')));
    assert.equal(fake.requests.length, 0);
  });

  test('an archive the server cannot use gives a clear message, not a crash', async () => {
    const link = `${fake.url}/report.html`;
    // A directory where the page file should be (works as root too, unlike a permission test).
    mkdirSync(join(archivepath, '.url_archiver', sha1(link), 'archive'), { recursive: true, mode: 0o700 });
    assert.deepEqual(await ask(t, { link }), { error: 'The archive directory (setting archivepath) cannot be used: EISDIR.' });
    assert.equal(fake.requests.length, 0);
  });

  test('a planted symlink in the archive is not followed', async () => {
    const elsewhere = mkdtempSync(join(sandbox, 'archive-elsewhere-'));
    symlinkSync(elsewhere, join(archivepath, '.url_archiver'));
    assert.deepEqual(await ask(t, { link: `${fake.url}/report.html` }), {
      error: 'The archive directory holds an entry that is a link or belongs to another user; refusing to use it.',
    });
    assert.deepEqual(readdirSync(elsewhere), []);

    // A link in place of a page's archive file is not read either.
    const other = mkdtempSync(join(sandbox, 'archive-'));
    const link = `${fake.url}/sample.bin`;
    mkdirSync(join(other, '.url_archiver', sha1(link)), { recursive: true, mode: 0o700 });
    symlinkSync('/etc/hostname', join(other, '.url_archiver', sha1(link), 'archive'));
    assert.deepEqual(await ask(t, { link }, { archivepath: other }), {
      error: 'The archive directory holds an entry that is a link or belongs to another user; refusing to use it.',
    });
    assert.equal(fake.requests.length, 0);
  });
});

describe('sourcecache URL normalisation (url_normalize 3.0, as url_archiver uses it)', () => {
  test('same page, same name', () => {
    const cases: Array<[string, string]> = [
      ['http://www.foo.be:80///', 'http://www.foo.be/'],
      ['www.Example.com/a/./b/../c?x=%7e&&y=', 'https://www.example.com/a/c?x=~&y'],
      ['http://EXAMPLE.com./a b?q=a b&r=%41#frag ment', 'http://example.com/a%20b?q=a%20b&r=A#frag%20ment'],
      ['https://de.wikipedia.org/wiki/Elf (Begriffsklärung)', 'https://de.wikipedia.org/wiki/Elf%20(Begriffskl%C3%A4rung)'],
      ['http://example.com/#!/page', 'http://example.com/?_escaped_fragment_=/page'],
      ["http://example.com/p'q?a='b'", "http://example.com/p'q?a='b'"],
      ['http://bücher.de/', 'http://xn--bcher-kva.de/'],
      ['https://www.misp-project.org/feeds/', 'https://www.misp-project.org/feeds/'],
    ];
    for (const [input, expected] of cases) assert.equal(normaliseUrl(input), expected, input);
    assert.equal(normaliseUrl('http://exa mple.org/'), undefined);
  });
});
