import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import clamav from '../../../src/modules/expansion/clamav.js';
import { FAKE_VERSION, startFakeClamd, type FakeClamd } from '../../support/fake-clamd.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const SAMPLES = new URL('../../../../shared/samples/', import.meta.url);
const uuid = '5f1c0d2e-8a4b-4c1d-9e2f-0a1b2c3d4e5f';

let t: TestServer;
let dir: string;
let tcp: FakeClamd;
let unix: FakeClamd;
let eicar: Buffer;
const b64 = async (name: string) => (await readFile(new URL(name, SAMPLES))).toString('base64');

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clamd-'));
  tcp = await startFakeClamd();
  unix = await startFakeClamd({ socketPath: join(dir, 'clamd.ctl') });
  eicar = await readFile(new URL('EICAR.com', SAMPLES));
  t = await startTestServer({ builtins: [clamav] });
});
after(async () => {
  await t.close();
  await tcp.close();
  await unix.close();
  await rm(dir, { recursive: true, force: true });
});

const scan = (connection: string | null, attribute: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  t.query({ module: 'clamav', event_id: '12', attribute: { uuid, category: 'Payload delivery', ...attribute }, config: { connection }, ...extra });

type Answer = { results: { Attribute?: any[]; Object?: any[] } };

function signatureOf(answer: Record<string, unknown>): { signature: string; software: string } {
  assertValidResults(answer, [uuid]);
  const { results } = answer as unknown as Answer;
  assert.equal(results.Object?.length, 1);
  const object = results.Object![0];
  assert.equal(object.name, 'av-signature');
  assert.equal(object.template_uuid, '4dbb56ef-4763-4c97-8696-a2bfc305cf8e');
  assert.deepEqual(
    object.ObjectReference.map((r: any) => [r.referenced_uuid, r.relationship_type]),
    [[uuid, 'belongs-to']],
  );
  // The input attribute is echoed (without its file) so that the reference resolves.
  assert.deepEqual(results.Attribute?.map((a) => [a.uuid, a.type]), [[uuid, results.Attribute![0].type]]);
  const values = Object.fromEntries(object.Attribute.map((a: any) => [a.object_relation, a.value]));
  return values as { signature: string; software: string };
}

describe('clamav', () => {
  test("MISP's attachment-scan payload over TCP: an av-signature object", async () => {
    const before = tcp.commands.length;
    const answer = await scan(tcp.connection, { type: 'attachment', value: 'EICAR.com', data: eicar.toString('base64'), event_id: '12' }, { timeout: 30 });
    assert.deepEqual(signatureOf(answer), { signature: 'Eicar-Signature', software: FAKE_VERSION });
    assert.deepEqual(tcp.commands.slice(before), ['VERSION', 'INSTREAM']);
    assert.deepEqual(tcp.streams.at(-1), eicar);
  });

  test('a malware-sample zip (password "infected") over a unix socket: the sample itself is scanned', async () => {
    const answer = await scan(unix.connection, { type: 'malware-sample', value: 'EICAR.com|44d88612fea8a8f36de82e1278abb02f', data: await b64('infected.zip') });
    assert.equal(signatureOf(answer).signature, 'Eicar-Signature');
    assert.deepEqual(unix.streams.at(-1), eicar);
  });

  test('an unencrypted malware-sample zip is read as well', async () => {
    const answer = await scan(tcp.connection, { type: 'malware-sample', value: 'EICAR.com', data: await b64('EICAR.com.zip') });
    assert.equal(signatureOf(answer).signature, 'Eicar-Signature');
  });

  test('a clean file: empty results', async () => {
    const clean = Buffer.from('just a harmless text file\n'.repeat(5000));
    const answer = await scan(tcp.connection, { type: 'attachment', value: 'clean.txt', data: clean.toString('base64') });
    assert.deepEqual(answer, { results: {} });
    assert.deepEqual(tcp.streams.at(-1), clean, 'the whole file went through in several chunks');
  });

  test('a malware-sample zip whose password is not "infected"', async () => {
    const answer = await scan(tcp.connection, { type: 'malware-sample', value: 'x', data: await b64('short_password.zip') });
    assert.deepEqual(answer, { error: "Could not extract malware sample from ZIP file: the password 'infected' does not open it." });
  });

  test('a malware-sample that is not a zip', async () => {
    const answer = await scan(tcp.connection, { type: 'malware-sample', value: 'x', data: eicar.toString('base64') });
    assert.match(String(answer['error']), /^Could not extract malware sample from ZIP file: The malware-sample zip cannot be read/);
  });

  test('clamd unreachable: TCP port closed, unix socket missing', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const data = eicar.toString('base64');
    const overTcp = await scan(`127.0.0.1:${closedPort}`, { type: 'attachment', value: 'a', data });
    assert.match(String(overTcp['error']), new RegExp(`^Could not connect to ClamAV at 127\\.0\\.0\\.1:${closedPort}: .*ECONNREFUSED`));
    const missing = join(dir, 'no-such.ctl');
    const overUnix = await scan(`unix://${missing}`, { type: 'attachment', value: 'a', data });
    assert.match(String(overUnix['error']), /^Could not connect to ClamAV at unix:\/\/.*no-such\.ctl: .*ENOENT/);
  });

  test('clamd answers an error', async () => {
    const failing = await startFakeClamd({ scanError: "Can't allocate memory" });
    try {
      const answer = await scan(failing.connection, { type: 'attachment', value: 'a', data: eicar.toString('base64') });
      assert.deepEqual(answer, { error: "ClamAV returned error message: Can't allocate memory" });
    } finally {
      await failing.close();
    }
  });

  test('a file past StreamMaxLength: clamd refuses it mid-stream', async () => {
    const small = await startFakeClamd({ maxStreamBytes: 100_000 });
    try {
      const big = Buffer.alloc(3 * 1024 * 1024, 0x41);
      const answer = await scan(small.connection, { type: 'attachment', value: 'big.bin', data: big.toString('base64') });
      // clamd answers and closes while we still write: its reply usually arrives first, but the
      // close can reset the connection before the reply is read (a race of the protocol itself).
      assert.match(
        String(answer['error']),
        /^Could not send attribute data to ClamAV\. Maybe file is too big\? \((clamd: INSTREAM size limit exceeded\. ERROR|write EPIPE|read ECONNRESET|write ECONNRESET)/,
      );
      assert.equal(small.streams.length, 0);
    } finally {
      await small.close();
    }
  });

  test('settings and input errors', async () => {
    const data = eicar.toString('base64');
    assert.match(String((await scan(null, { type: 'attachment', value: 'a', data }))['error']), /^No ClamAV connection string provided: set Plugin\.Enrichment_clamav_connection/);
    assert.deepEqual(await scan('localhost', { type: 'attachment', value: 'a', data }), {
      error: "ClamAV connection string is invalid. It must be unix socket path with 'unix://' prefix or IP:PORT.",
    });
    assert.deepEqual(await scan(tcp.connection, { type: 'attachment', value: 'a' }), { error: 'No attribute data provided' });
    assert.deepEqual(await scan(tcp.connection, { type: 'attachment', value: 'a', data: 'not base64!' }), {
      error: 'Provided data is not valid base64 encoded string',
    });
    const wrongType = await scan(tcp.connection, { type: 'md5', value: '44d88612fea8a8f36de82e1278abb02f' });
    assert.match(String(wrongType['error']), /does not accept attributes of type 'md5'/);
  });
});
