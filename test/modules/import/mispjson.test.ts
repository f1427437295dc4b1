import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import mispjson from '../../../src/modules/import/mispjson.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures-a/${name}`, import.meta.url));
const sample = (path: string) => readFileSync(new URL(`../../../../shared/samples/${path}`, import.meta.url));

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [mispjson] });
});
after(() => t.close());

const importJson = (data: string | Buffer) =>
  t.query({ module: 'mispjson', event_id: '4', data: Buffer.from(data).toString('base64'), filename: 'event.json' });

async function importError(data: string | Buffer): Promise<string> {
  const answer: any = await importJson(data);
  assert.equal(answer.results, undefined);
  assert.equal(typeof answer.error, 'string');
  return answer.error;
}

describe('mispjson', () => {
  test('declares a legacy import of files', () => {
    assert.deepEqual(mispjson.attributes.inputSource, ['file']);
    assert.equal(mispjson.attributes.format, undefined);
  });

  test('the API form ({"response": [{"Event": …}]}): one legacy entry per event attribute', async () => {
    const answer: any = await importJson(fixture('misp-event-response.json'));
    assertValidResults(answer);
    assert.deepEqual(answer.results, [
      { types: ['ip-dst'], values: '45.61.136.47', categories: ['Network activity'], to_ids: true, comment: 'C2 over HTTPS', tags: ['tlp:green'] },
      { types: ['domain'], values: 'cdn-qbot.example', categories: ['Network activity'], to_ids: true, comment: '' },
      {
        types: ['malware-sample'],
        values: 'invoice.exe|44d88612fea8a8f36de82e1278abb02f',
        categories: ['Payload delivery'],
        to_ids: true,
        comment: 'EICAR stand-in',
        data: 'WDVPIVAlQEFQWzRcUFpYNTQoUF4pN0NDKTd9JEVJQ0FSLVNUQU5EQVJELUFOVElWSVJVUy1URVNULUZJTEUhJEgrSCo=',
      },
      // the deleted url is left out; object attributes are not event attributes (as upstream)
      { types: ['text'], values: 'TA570', categories: ['Other'], to_ids: false, comment: '' },
    ]);
  });

  test("MISP's JSON export ({\"Event\": …}), with an attachment and non-ASCII values", async () => {
    const answer: any = await importJson(sample('misp-events/image_event.json'));
    assertValidResults(answer);
    assert.equal(answer.results.length, 19);
    const attachment = answer.results.find((r: any) => r.types[0] === 'attachment');
    assert.equal(attachment.values, 'Figure-1-BabyShark-execution-flow.png');
    assert.equal(Buffer.from(attachment.data, 'base64').subarray(1, 4).toString(), 'PNG');
    assert.ok(answer.results.some((r: any) => r.types[0] === 'filename' && String(r.values).startsWith('제30차한미안보')));
    assert.deepEqual(answer.results[2], {
      types: ['url'],
      values: 'https://tdalpacafarm.com/files/kr/contents/Vkggy0.hta',
      categories: ['Network activity'],
      to_ids: true,
      comment: '',
    });
  });

  test("the raw fetchEvent shape (Attribute beside Event), as MISP's own tools write it", async () => {
    const answer: any = await importJson(sample('test_files/misp_event.json'));
    assertValidResults(answer);
    assert.deepEqual(
      answer.results.map((r: any) => [r.types[0], r.categories[0], r.comment, r.to_ids]),
      [
        ['attachment', 'Artifacts dropped', 'IMG_3428.pdf', false],
        ['domain|ip', 'Network activity', 'Test data', false],
        ['yara', 'Artifacts dropped', 'Test data', false],
      ],
    );
    assert.equal(answer.results[1].values, 'google.com|127.0.0.1');
  });

  test('an event without attributes gives an empty list, as upstream', async () => {
    const empty = { response: [{ Event: { info: 'Nothing yet', uuid: '6a1f3c2e-0d4b-4e5f-8a9b-0c1d2e3f4a5b', Object: [] } }] };
    assert.deepEqual(await importJson(JSON.stringify(empty)), { results: [] });
  });

  test('bad files get a clear error', async () => {
    assert.match(await importError('{"Event": {"info": "x", "Attribute": ['), /^The file is not valid JSON/);
    assert.match(await importError('{"foo": 1}'), /has no "Event" object \(keys: foo\)/);
    assert.match(await importError('{"response": []}'), /no MISP event/);
    assert.match(
      await importError('{"Event": {"info": "x", "Attribute": [{"type": "ipv4", "value": "1.2.3.4", "category": "Network activity"}]}}'),
      /Attribute 1 has the type "ipv4", which MISP does not know/,
    );
    assert.match(await importError(''), /empty/);
    assert.match(await importError(sample('EICAR.com.zip')), /not valid UTF-8|binary data/);
  });
});
