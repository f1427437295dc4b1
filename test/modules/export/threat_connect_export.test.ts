import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import threatConnect from '../../../src/modules/export/threat_connect_export.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, exportText, mispEvent, object, rawEvent, samples, toCore, type Json } from './helpers-a.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [threatConnect] });
});
after(() => t.close());

const MODULE = 'threat_connect_export';
const HEADER = ['Type', 'Value', 'Source', 'Description'];

// ThreatConnect indicator type of each part of a MISP value (null: the part is not an indicator).
const TC_TYPES: Record<string, Array<string | null>> = {
  domain: ['Host'], hostname: ['Host'], 'domain|ip': ['Host', 'Address'],
  'ip-src': ['Address'], 'ip-dst': ['Address'], 'ip-src|port': ['Address', null], 'ip-dst|port': ['Address', null],
  'whois-registrant-email': ['EmailAddress'], 'email-src': ['EmailAddress'], 'email-dst': ['EmailAddress'],
  url: ['URL'], md5: ['File'], 'filename|md5': [null, 'File'],
};

function expectedRows(attributes: Json[], source: string): string[][] {
  return attributes.flatMap((a) => {
    const types = TC_TYPES[a.type];
    if (!types) return [];
    const at = a.value.lastIndexOf('|');
    const parts = types.length === 1 ? [a.value] : [a.value.slice(0, at), a.value.slice(at + 1)];
    return types.flatMap((type, i) => (type ? [[type, parts[i], source, a.comment]] : []));
  });
}

/** Parses the CSV with `\r\n` as the only record separator (a bare `\n` outside quotes would show up in a field). */
function rows(text: string): string[][] {
  assert.ok(text.endsWith('\r\n'), 'the file ends with \\r\\n');
  return parse(text, { record_delimiter: '\r\n', relax_column_count: false }) as string[][];
}

describe('threat_connect_export', () => {
  test('/modules shows the setting and the file type', async () => {
    await assertDescriptor(t, MODULE, { responseType: 'application/txt', outputFileExtension: 'csv', userConfig: {}, inputSource: [] }, ['Default_Source']);
  });

  test("upstream's test: misp_event.json with a Default_Source, in both shapes", async () => {
    const expected = [HEADER, ['Host', 'google.com', 'Test Export', 'Test data'], ['Address', '127.0.0.1', 'Test Export', 'Test data']];
    const text = await exportText(t, MODULE, [mispEvent()], { Default_Source: 'Test Export' });
    assert.equal(text, 'Type,Value,Source,Description\r\nHost,google.com,Test Export,Test data\r\nAddress,127.0.0.1,Test Export,Test data\r\n');
    assert.deepEqual(rows(text), expected);
    assert.deepEqual(rows(await exportText(t, MODULE, [toCore(mispEvent())], { Default_Source: 'Test Export' })), expected);
  });

  test('every sample event, in both shapes: one row per indicator of the mapped standalone attributes', async () => {
    let total = 0;
    for (const sample of samples()) {
      const raw = await exportText(t, MODULE, [sample.raw], { Default_Source: 'MISP' });
      assert.equal(await exportText(t, MODULE, [sample.core], { Default_Source: 'MISP' }), raw, `${sample.name}: both shapes give the same file`);
      assert.deepEqual(rows(raw), [HEADER, ...expectedRows(sample.attributes, 'MISP')], sample.name);
      total += rows(raw).length - 1;
    }
    assert.ok(total > 100, `the samples exercise the module (${total} rows)`);
  });

  test('composite values upstream crashed on: ip|port gives the address, filename|md5 the MD5', async () => {
    const event = rawEvent([
      attr('ip-dst|port', '203.0.113.5|8443', { comment: 'C2' }),
      attr('ip-src|port', '2001:db8::1|53'),
      attr('filename|md5', 'evil|name.exe|d41d8cd98f00b204e9800998ecf8427e', { category: 'Payload delivery' }),
      attr('domain|ip', 'example.org|192.0.2.7'),
    ]);
    assert.deepEqual(rows(await exportText(t, MODULE, [event], { Default_Source: 'S' })).slice(1), [
      ['Address', '203.0.113.5', 'S', 'C2'],
      ['Address', '2001:db8::1', 'S', ''],
      ['File', 'd41d8cd98f00b204e9800998ecf8427e', 'S', ''],
      ['Host', 'example.org', 'S', ''],
      ['Address', '192.0.2.7', 'S', ''],
    ]);
    const realEvent = samples().find((s) => s.name === 'to_delete2.json')!;
    const fromSample = rows(await exportText(t, MODULE, [realEvent.core], {}));
    assert.ok(fromSample.some(([type, value]) => type === 'Address' && value === '125.212.132.222'), 'an ip-dst|port of to_delete2.json');
    assert.ok(!fromSample.some(([, value]) => value!.includes('|')), 'no port left in a value');
    const longEvent = samples().find((s) => s.name === 'long_event.json')!;
    const files = rows(await exportText(t, MODULE, [longEvent.raw], {})).filter(([type]) => type === 'File');
    assert.ok(files.length > 40, 'the filename|md5 and md5 attributes of long_event.json');
    for (const [, value] of files) assert.match(value!, /^[0-9a-f]{32}$/, 'a File indicator is an MD5');
  });

  test('CSV quoting: commas, quotes, line breaks and non-ASCII survive the round trip', async () => {
    const comment = 'seen "twice", on\r\nMonday\nand Tuesday';
    const event = rawEvent([attr('url', 'http://bücher.example/a,b?"q"', { comment }), attr('email-src', 'zoë@example.org', { comment: 'é' })]);
    const text = await exportText(t, MODULE, [event], { Default_Source: 'Feed, "A"' });
    assert.ok(text.includes('URL,"http://bücher.example/a,b?""q""","Feed, ""A""","seen ""twice"", on\r\nMonday\nand Tuesday"\r\n'), 'quoted as Python csv writes it');
    assert.deepEqual(rows(text).slice(1), [
      ['URL', 'http://bücher.example/a,b?"q"', 'Feed, "A"', comment],
      ['EmailAddress', 'zoë@example.org', 'Feed, "A"', 'é'],
    ]);
  });

  test('no exportable attribute (or only inside objects): the header alone', async () => {
    const event = rawEvent([attr('text', 'nothing')], [object('domain-ip', [attr('ip-dst', '10.0.0.1'), attr('domain', 'inside.example')])]);
    assert.equal(await exportText(t, MODULE, [event], {}), 'Type,Value,Source,Description\r\n');
    assert.equal(await exportText(t, MODULE, [toCore(event)]), 'Type,Value,Source,Description\r\n');
  });

  test('Default_Source: empty when unset, a JSON number as its text', async () => {
    const event = rawEvent([attr('hostname', 'a.example')]);
    assert.deepEqual(rows(await exportText(t, MODULE, [event], { Default_Source: null }))[1], ['Host', 'a.example', '', '']);
    assert.deepEqual(rows(await exportText(t, MODULE, [event], { Default_Source: 7 }))[1], ['Host', 'a.example', '7', '']);
  });

  badInputTests(() => t, MODULE, { Default_Source: 'S' });
});
