import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mod from '../../../src/modules/import/threatanalyzer_import.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValid, b64, fixture, sample, type Json } from './fixtures-b/helpers.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [mod] });
});
after(() => t.close());

const importFile = (data: Buffer | string): Promise<Json> =>
  t.query({ module: 'threatanalyzer_import', event_id: '8', config: {}, data: b64(data), filename: 'archive.zip' });
const rows = (answer: Json): Array<[string, string, string]> => answer.results.map((r: Json) => [r.types[0], r.values, r.comment]);

// What the analysis.json fixture yields, in order.
const ANALYSIS_ROWS: Array<[string, string, string]> = [
  ['domain|ip', 'c2.bad-domain.example|198.51.100.7', ''],
  ['url', 'http://c2.bad-domain.example/payload.exe', 'GET'],
  ['user-agent', 'Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1)', ''],
  ['hostname|port', 'c2.bad-domain.example|8080', ''],
  ['hostname', 'c2.bad-domain.example', ''],
  ['hostname', 'only-name.example', ''],
  ['ip-dst|port', '203.0.113.50|4444', ''],
  ['regkey|value', 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\updater|C:\\Users\\x\\AppData\\Roaming\\upd.exe', 'REG_SZ'],
  ['regkey', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Evil\\flag', 'REG_DWORD'],
  ['filename|md5', 'C:\\Users\\x\\AppData\\Roaming\\upd.exe|d41d8cd98f00b204e9800998ecf8427e', ''],
  ['filename', 'C:\\Users\\x\\empty.flag', ''],
  ['filename|md5', 'C:\\Users\\x\\Documents\\notes.txt|5eb63bbbe01eeed093cb22bb8f5acdc3', 'modified'],
];

describe('threatanalyzer_import', () => {
  test('declares a legacy file import (no format), like upstream', async () => {
    const listed = ((await t.get('/modules')).json() as Json[]).find((m) => m.name === 'threatanalyzer_import')!;
    assert.deepEqual(listed.mispattributes, { userConfig: {}, inputSource: ['file'] });
  });

  test('analysis.json: network, registry and file indicators, noise filtered out', async () => {
    const answer = await importFile(fixture('threatanalyzer/analysis.json'));
    assertValid(answer);
    assert.deepEqual(rows(answer), ANALYSIS_ROWS);
    const first = answer.results[0];
    assert.deepEqual(first.categories, ['Network activity']);
    assert.equal(first.to_ids, true);
    assert.equal(answer.results.find((r: Json) => r.types[0] === 'user-agent').to_ids, false);
    // sandbox noise: 8.8.8.8-style resolvers, 127.0.0.1, wpad, Office registry churn, Prefetch files
    const values = answer.results.map((r: Json) => r.values).join('\n');
    for (const noise of ['wpad', '127.0.0.1', 'Resiliency', 'Prefetch']) assert.ok(!values.includes(noise), noise);
  });

  test('archive.zip: the empty file of mapping.log, modified files and the sample as malware-samples', async () => {
    const answer = await importFile(fixture('threatanalyzer/archive.zip'));
    assertValid(answer);
    assert.deepEqual(rows(answer), [
      ['filename', 'C:\\Users\\x\\AppData\\Local\\Temp\\~zero.tmp', ''],
      ...ANALYSIS_ROWS,
      ['malware-sample', 'C:\\Users\\x\\AppData\\Roaming\\upd.exe', ''],
      ['malware-sample', 'invoice.doc', ''],
    ]);
    const modified = answer.results.find((r: Json) => r.values === 'C:\\Users\\x\\AppData\\Roaming\\upd.exe' && r.types[0] === 'malware-sample');
    assert.deepEqual(Buffer.from(modified.data, 'base64'), sample('EICAR.com'));
    assert.deepEqual(modified.categories, ['Artifacts dropped', 'Payload delivery']);
    const submitted = answer.results.find((r: Json) => r.values === 'invoice.doc');
    assert.equal(Buffer.from(submitted.data, 'base64').toString(), '%PDF-1.4 fake sample body');
  });

  test('duplicate values keep the last entry, at the first one\'s place', async () => {
    const analysis = { analysis: { processes: { process: [
      { stored_files: { stored_created_file: [{ '@filename': 'C:\\a.exe', '@filesize': '0', '@md5': 'x' }] } },
      { stored_files: { stored_modified_file: [{ '@filename': 'C:\\a.exe', '@filesize': '0', '@md5': 'x' }] } },
    ] } } };
    assert.deepEqual(rows(await importFile(JSON.stringify(analysis))), [['filename', 'C:\\a.exe', 'modified']]);
  });

  test('bad files get clear errors', async () => {
    assert.deepEqual(await importFile(''), { error: 'The uploaded file is empty: expected a ThreatAnalyzer archive.zip or analysis.json.' });
    assert.deepEqual(await importFile('hello'), { error: 'Uploaded file is not a zip or json file.' });
    assert.deepEqual(await importFile('{"info": {}}'), { error: 'The JSON is not a ThreatAnalyzer analysis: it has no "analysis" object.' });
    assert.deepEqual(await importFile(sample('EICAR.com.zip')), { error: 'The zip archive is not a ThreatAnalyzer archive: it has no Analysis/analysis.json.' });
    const truncated = fixture('threatanalyzer/archive.zip').subarray(0, 300);
    assert.match(String((await importFile(truncated)).error), /^The ThreatAnalyzer archive cannot be read: it is truncated or corrupt/);
  });
});
