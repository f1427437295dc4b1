/**
 * Issue 13 (same class of fault as items 1 and 7): imports whose small or
 * ordinary-sized input builds far more than it weighs. Each is an error
 * naming the budget, and the same server keeps serving.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import csvimport from '../../../src/modules/import/csvimport.js';
import goamlimport from '../../../src/modules/import/goamlimport.js';
import joe_import from '../../../src/modules/import/joe_import.js';
import openiocimport from '../../../src/modules/import/openiocimport.js';
import { MAX_JSON_CONTAINERS } from '../../../src/modules/_shared/budget.js';
import { MAX_CSV_ATTRIBUTES } from '../../../src/modules/import/_csv/import.js';
import { MAX_XML_ELEMENTS } from '../../../src/modules/import/_openioc/xml.js';
import { startTestServer, type TestServer } from '../../server/harness.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [csvimport, openiocimport, goamlimport, joe_import] });
});
after(() => t.close());

const b64 = (text: string) => Buffer.from(text).toString('base64');
const n = (value: number) => value.toLocaleString('en-US');
const csv = (data: string, header = 'ip-src') => t.query({ module: 'csvimport', event_id: '1', config: { header, has_header: '0', special_delimiter: ' ' }, data: b64(data), filename: 'x.csv' });

async function stillServing(): Promise<void> {
  assert.equal((await t.get('/healthcheck')).text, '{"status":true}');
  const answer: any = await csv('198.51.100.7\n');
  assert.equal(answer.results?.Attribute?.[0]?.value, '198.51.100.7');
}

describe('import budgets', () => {
  test('csvimport: rows of 100 typed columns past the attribute budget stop at it', async () => {
    const columns = 100;
    const row = (i: number) => Array.from({ length: columns }, (_, j) => `10.${(i >> 8) & 255}.${i & 255}.${j}`).join(',');
    const rows = Array.from({ length: MAX_CSV_ATTRIBUTES / columns + 1 }, (_, i) => row(i)).join('\n');
    assert.deepEqual(await csv(rows, Array(columns).fill('ip-src').join(',')), { error: `The CSV file holds more than ${n(MAX_CSV_ATTRIBUTES)} attributes, the resource budget for one import on this server.` });
    await stillServing();
  });

  test(`joe_import: a JSON report of ${n(MAX_JSON_CONTAINERS + 1)} empty arrays (15 MB) stops at the JSON budget`, async () => {
    const json = `{"analysis": [${'[],'.repeat(MAX_JSON_CONTAINERS)}"x"]}`;
    assert.deepEqual(await t.query({ module: 'joe_import', event_id: '1', config: {}, data: b64(json), filename: 'report.json' }), {
      error: `The uploaded file holds more than ${n(MAX_JSON_CONTAINERS)} JSON objects and arrays, the resource budget for one upload on this server.`,
    });
    await stillServing();
  });

  for (const [module, root] of [['openiocimport', 'ioc'], ['goamlimport', 'report']] as const) {
    test(`${module}: an XML file of ${n(MAX_XML_ELEMENTS + 1)} empty elements stops at the element budget`, async () => {
      const xml = `<?xml version="1.0"?><${root}>${'<a/>'.repeat(MAX_XML_ELEMENTS)}</${root}>`;
      assert.deepEqual(await t.query({ module, event_id: '1', data: b64(xml), filename: 'x.xml' }), {
        error: `The file holds more than ${n(MAX_XML_ELEMENTS)} XML elements, the resource budget for one imported file on this server.`,
      });
      await stillServing();
    });
  }
});
