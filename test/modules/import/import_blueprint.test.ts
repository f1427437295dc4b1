import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import import_blueprint from '../../../src/modules/import/import_blueprint.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [import_blueprint] });
});
after(() => t.close());

const importText = (data: string, config?: Record<string, string>) =>
  t.query({ module: 'import_blueprint', event_id: '9', ...(config && { config }), data: Buffer.from(data).toString('base64') });

const paste = [
  '8.8.8.8, resolver seen in beacon config',
  'update.evil-cdn.net,C2 domain',
  '',
  'https://evil.example/gate.php?id=1,panel',
  '44d88612fea8a8f36de82e1278abb02f,EICAR',
  'e7f1a0c3b2d4e5f60718293a4b5c6d7e8f901234,sha1 of the loader',
  'ops@phish.example,sender',
  'Operation Nightfall,campaign name',
].join('\n');

describe('import_blueprint', () => {
  test("declares upstream's form, file and paste, misp_standard", () => {
    assert.deepEqual(Object.keys(import_blueprint.attributes.userConfig ?? {}), ['number1', 'some_string', 'boolean_field', 'comment']);
    assert.deepEqual(import_blueprint.attributes.inputSource, ['file', 'paste']);
    assert.equal(import_blueprint.attributes.format, 'misp_standard');
  });

  test('each line becomes an attribute of the recognised type, with the form applied', async () => {
    // number1 has a regex, so MISP never sends it: the value column defaults to 0.
    const answer: any = await importText(paste, { some_string: 'tlp:amber', boolean_field: '1', comment: '1' });
    assertValidResults(answer);
    assert.deepEqual(
      answer.results.Attribute.map((a: any) => [a.type, a.value, a.comment, a.to_ids, a.Tag?.map((x: any) => x.name)]),
      [
        ['ip-src', '8.8.8.8', 'resolver seen in beacon config', true, ['tlp:amber']],
        ['domain', 'update.evil-cdn.net', 'C2 domain', true, ['tlp:amber']],
        ['url', 'https://evil.example/gate.php?id=1', 'panel', true, ['tlp:amber']],
        ['md5', '44d88612fea8a8f36de82e1278abb02f', 'EICAR', true, ['tlp:amber']],
        ['sha1', 'e7f1a0c3b2d4e5f60718293a4b5c6d7e8f901234', 'sha1 of the loader', true, ['tlp:amber']],
        ['email', 'ops@phish.example', 'sender', true, ['tlp:amber']],
        ['text', 'Operation Nightfall', 'campaign name', true, ['tlp:amber']],
      ],
    );
  });

  test('another value column; without the optional fields the type defaults apply', async () => {
    const answer: any = await importText('first,192.0.2.4\nsecond,\n', { number1: '1' });
    assertValidResults(answer);
    assert.deepEqual(
      answer.results.Attribute.map((a: any) => [a.type, a.value, a.category, a.to_ids, a.comment, a.Tag]),
      [['ip-src', '192.0.2.4', 'Network activity', true, undefined, undefined]],
    );
  });

  test('bad input gets a clear error', async () => {
    assert.match(((await importText('')) as any).error, /empty/);
    assert.match(((await importText('a,b\n', { number1: 'x' })) as any).error, /"number1" must be a column number/);
    assert.match(((await importText('a\nb\n', { number1: '3' })) as any).error, /No value found in column 3/);
  });
});
