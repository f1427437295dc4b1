import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import openiocimport from '../../../src/modules/import/openiocimport.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures-a/${name}`, import.meta.url));
const sample = (path: string) => readFileSync(new URL(`../../../../shared/samples/${path}`, import.meta.url));

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [openiocimport] });
});
after(() => t.close());

function importIoc(data: string | Buffer, config?: Record<string, string>, filename = 'stuxnet.ioc') {
  return t.query({ module: 'openiocimport', event_id: '3', ...(config && { config }), data: Buffer.from(data).toString('base64'), filename });
}

async function importError(data: string | Buffer): Promise<string> {
  const answer: any = await importIoc(data);
  assert.equal(answer.results, undefined);
  assert.equal(typeof answer.error, 'string');
  return answer.error;
}

const rows = (answer: any) => answer.results.map((r: any) => [r.types[0], r.values[0], r.categories[0], r.comment]);

describe('openiocimport', () => {
  test('declares its form and a legacy file import', () => {
    assert.deepEqual(Object.keys(openiocimport.attributes.userConfig ?? {}), ['not save ioc', 'default tag']);
    assert.deepEqual(openiocimport.attributes.inputSource, ['file']);
    assert.equal(openiocimport.attributes.format, undefined);
  });

  test("upstream's test file: the values it expects, every item, composites and comments", async () => {
    const answer: any = await importIoc(sample('openioc.xml'));
    assertValidResults(answer);
    const values = answer.results.map((r: any) => r.values[0]);
    // upstream tests/test.py::test_openioc
    assert.ok(values.includes('mrxcls.sys'));
    assert.ok(values.includes('mdmcpq3.PNF'));
    assert.deepEqual(rows(answer).slice(2, 5), [
      ['regkey|value', 'HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\MRxCls\\ImagePath|mrxcls.sys', 'Persistence mechanism', ''],
      ['regkey|value', 'HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\MRxNet\\ImagePath|mrxnet.sys', 'Persistence mechanism', ''],
      ['pattern-in-memory', '.stub', 'Payload installation', 'PE SectionName.'],
    ]);
    const [description, author] = rows(answer);
    assert.equal(description[0], 'comment');
    assert.match(description[1], /^Generic indicator for the stuxnet virus/);
    assert.deepEqual(author, ['comment', 'Mandiant', 'Other', '']);
    assert.deepEqual(rows(answer).filter((r: any) => r[1] === 'fs_rec.sys'), [['other', 'fs_rec.sys', 'External analysis', '']]);
    assert.equal(answer.results.length, 17);
    // no config sent: no attachment, no tags
    assert.ok(answer.results.every((r: any) => r.types[0] !== 'attachment' && r.tags === undefined));
  });

  test('the file as an attachment and default tags on everything, as the form asks', async () => {
    const data = sample('openioc.xml');
    const answer: any = await importIoc(data, { 'not save ioc': '0', 'default tag': 'tlp:white, misp:threat-level="no-risk"' });
    assertValidResults(answer);
    const [attachment] = answer.results;
    assert.deepEqual(attachment.types, ['attachment']);
    assert.deepEqual(attachment.values, ['stuxnet.ioc']);
    assert.deepEqual(attachment.categories, ['Support Tool']);
    assert.deepEqual(Buffer.from(attachment.data, 'base64'), data);
    assert.ok(answer.results.every((r: any) => r.tags?.join('|') === 'tlp:white|misp:threat-level="no-risk"'));
    assert.equal(answer.results.length, 18);
  });

  test('"not save ioc" ticked: no attachment', async () => {
    const answer: any = await importIoc(sample('openioc.xml'), { 'not save ioc': '1', 'default tag': '' });
    assert.ok(answer.results.every((r: any) => r.types[0] !== 'attachment' && r.tags === undefined));
  });

  test('composite file hashes, ip:port, route destinations, item comments, entities; empty items skipped', async () => {
    const answer: any = await importIoc(fixture('dropper.ioc'));
    assertValidResults(answer);
    assert.deepEqual(rows(answer), [
      ['comment', 'CERT analyst', 'Other', ''],
      ['filename|md5', 'invoice_march.exe|44d88612fea8a8f36de82e1278abb02f', 'Payload delivery', ''],
      ['ip-dst|port', '203.0.113.50|4444', 'Network activity', ''],
      ['ip-dst', '198.51.100.77', 'Network activity', 'RouteDestination.'],
      ['domain', 'update.evil-cdn.net', 'Network activity', 'resolved by the dropper'],
      ['mutex', 'Global\\QbotMtx_&42', 'Artifacts dropped', 'mutex'],
    ]);
  });

  test('bad files get a clear error', async () => {
    assert.match(await importError(sample('goamlexport.xml')), /not an OpenIOC file: its root element is <report>/);
    assert.match(await importError('<ioc><definition><Indicator></definition></ioc>'), /not well-formed XML.*line 1/);
    assert.match(await importError('just some text'), /not well-formed XML|no XML element/);
    assert.match(await importError('<ioc xmlns="http://schemas.mandiant.com/2010/ioc"><definition/></ioc>'), /no IndicatorItem/);
    assert.match(await importError(''), /empty/);
    assert.match(await importError(sample('test_files/misp-logo.png')), /not valid UTF-8/);
  });
});
