import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import threatStream from '../../../src/modules/export/threatStream_misp_export.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, exportText, mispEvent, object, rawEvent, samples, toCore, type Json } from './helpers-a.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [threatStream] });
});
after(() => t.close());

const MODULE = 'threatStream_misp_export';
const HEADER = ['value', 'itype', 'tags'];
const ITYPES: Record<string, string> = {
  domain: 'mal_domain', hostname: 'mal_domain', 'ip-src': 'mal_ip', 'ip-dst': 'mal_ip', 'email-src': 'phish_email', url: 'mal_url', md5: 'mal_md5',
};

const expectedRows = (attributes: Json[]): string[][] =>
  attributes.filter((a) => a.type in ITYPES).map((a) => [a.value, ITYPES[a.type]!, a.comment]);

function rows(text: string): string[][] {
  assert.ok(text.endsWith('\r\n'), 'the file ends with \\r\\n');
  return parse(text, { record_delimiter: '\r\n' }) as string[][];
}

describe('threatStream_misp_export', () => {
  test('/modules shows the file type', async () => {
    await assertDescriptor(t, MODULE, { responseType: 'application/txt', outputFileExtension: 'csv', userConfig: {}, inputSource: [] }, []);
  });

  test('every sample event, in both shapes: one row per mapped standalone attribute', async () => {
    let total = 0;
    for (const sample of samples()) {
      const raw = await exportText(t, MODULE, [sample.raw]);
      assert.equal(await exportText(t, MODULE, [sample.core]), raw, `${sample.name}: both shapes give the same file`);
      assert.deepEqual(rows(raw), [HEADER, ...expectedRows(sample.attributes)], sample.name);
      total += rows(raw).length - 1;
    }
    assert.ok(total > 100, `the samples exercise the module (${total} rows)`);
  });

  test('a hand-made event: the exact file, comments in the tags column (as upstream)', async () => {
    const event = rawEvent([
      attr('ip-dst', '198.51.100.9', { comment: 'C2, "beacon"' }),
      attr('email-src', 'phisher@example.org'),
      attr('md5', 'd41d8cd98f00b204e9800998ecf8427e', { comment: 'dropper\nstage 1' }),
      attr('domain', 'münchen.example'),
      attr('sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'),
    ]);
    const text = await exportText(t, MODULE, [event]);
    assert.equal(
      text,
      'value,itype,tags\r\n198.51.100.9,mal_ip,"C2, ""beacon"""\r\nphisher@example.org,phish_email,\r\n' +
        'd41d8cd98f00b204e9800998ecf8427e,mal_md5,"dropper\nstage 1"\r\nmünchen.example,mal_domain,\r\n',
    );
    assert.deepEqual(rows(text).slice(1), [
      ['198.51.100.9', 'mal_ip', 'C2, "beacon"'],
      ['phisher@example.org', 'phish_email', ''],
      ['d41d8cd98f00b204e9800998ecf8427e', 'mal_md5', 'dropper\nstage 1'],
      ['münchen.example', 'mal_domain', ''],
    ]);
  });

  test('no exportable attribute (misp_event.json, or only inside objects): the header alone', async () => {
    assert.equal(await exportText(t, MODULE, [mispEvent()]), 'value,itype,tags\r\n');
    const event = rawEvent([], [object('domain-ip', [attr('ip-dst', '10.0.0.1')])]);
    assert.equal(await exportText(t, MODULE, [toCore(event)]), 'value,itype,tags\r\n');
  });

  test('several events: the rows of each', async () => {
    const a = rawEvent([attr('url', 'http://a.example/')]);
    const b = toCore(rawEvent([attr('hostname', 'b.example')]));
    assert.deepEqual(rows(await exportText(t, MODULE, [a, b])).slice(1), [['http://a.example/', 'mal_url', ''], ['b.example', 'mal_domain', '']]);
  });

  badInputTests(() => t, MODULE);
});
