import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import cef from '../../../src/modules/export/cef_export.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, exportError, exportText, mispEvent, object, rawEvent, samples, toCore, type Json } from './helpers-a.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [cef] });
});
after(() => t.close());

const MODULE = 'cef_export';
// What MISP sends for settings an admin never set.
const UNSET = { Default_Severity: null, Device_Vendor: null, Device_Product: null, Device_Version: null };
const KEYS: Record<string, string> = { 'ip-src': 'src', 'ip-dst': 'dst', hostname: 'dhost', domain: 'dhost', md5: 'fileHash', sha1: 'fileHash', sha256: 'fileHash', url: 'request' };

interface CefRecord {
  time: string;
  header: string[];
  extension: Array<[string, string]>;
}

/** Splits a CEF line into its syslog prefix, its 7 header fields (unescaped) and its extension pairs (unescaped). */
function parseCef(line: string): CefRecord {
  const m = /^([A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2}) host CEF:(.*)$/s.exec(line);
  assert.ok(m, `a CEF line: ${line}`);
  const rest = m[2]!;
  const header: string[] = [];
  let field = '';
  let i = 0;
  for (; i < rest.length && header.length < 7; i++) {
    const c = rest[i]!;
    if (c === '\\') {
      const next = rest[++i];
      assert.ok(next === '\\' || next === '|', `only \\\\ and \\| are escapes in the header: ${line}`);
      field += next;
    } else if (c === '|') {
      header.push(field);
      field = '';
    } else {
      assert.ok(c !== '\n' && c !== '\r', 'no line break in a header');
      field += c;
    }
  }
  assert.equal(header.length, 7, `seven header fields: ${line}`);
  return { time: m[1]!, header, extension: parseExtension(rest.slice(i)) };
}

function parseExtension(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let key: string | undefined;
  let buffer = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[++i]!;
      assert.ok('\\=nr'.includes(next), `only \\\\ \\= \\n \\r are escapes in the extension: ${text}`);
      buffer += next === 'n' ? '\n' : next === 'r' ? '\r' : next;
    } else if (c === '=') {
      const k = /(^| )([A-Za-z0-9_]+)$/.exec(buffer);
      assert.ok(k, `a key before "=": ${text}`);
      if (key !== undefined) pairs.push([key, buffer.slice(0, k.index)]);
      key = k[2]!;
      buffer = '';
    } else {
      assert.ok(c !== '\n' && c !== '\r', 'no raw line break in the extension');
      buffer += c;
    }
  }
  if (key !== undefined) pairs.push([key, buffer]);
  return pairs;
}

const lines = (text: string): string[] => {
  if (text === '') return [];
  assert.ok(text.endsWith('\n'), 'every record ends with a line break');
  return text.slice(0, -1).split('\n');
};

/** `%b %d %H:%M:%S` in the local time zone, computed with Intl (independently of the module). */
function localSyslogTime(epochSeconds: number): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(epochSeconds * 1000));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('month')} ${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

describe('cef_export', () => {
  test('/modules shows the settings and the file type', async () => {
    await assertDescriptor(t, MODULE, { responseType: 'application/txt', outputFileExtension: 'cef' }, [
      'Default_Severity', 'Device_Vendor', 'Device_Product', 'Device_Version',
    ]);
  });

  test('every sample event, in both shapes: one parsable record per mapped standalone attribute', async () => {
    let total = 0;
    for (const sample of samples()) {
      const raw = await exportText(t, MODULE, [sample.raw], UNSET);
      const core = await exportText(t, MODULE, [sample.core], UNSET);
      assert.equal(core, raw, `${sample.name}: both shapes give the same file`);
      const expected = sample.attributes.filter((a) => a.type in KEYS);
      const records = lines(raw).map(parseCef);
      assert.equal(records.length, expected.length, `${sample.name}: one record per mapped attribute`);
      records.forEach((record, i) => {
        const a = expected[i]!;
        assert.deepEqual(record.header, ['0', 'MISP', 'MISP', '1', a.category, a.category, '1']);
        assert.deepEqual(record.extension, [[KEYS[a.type], a.value]]);
        assert.equal(record.time, localSyslogTime(Number(a.timestamp)));
      });
      total += records.length;
    }
    assert.ok(total > 100, `the samples exercise the module (${total} records)`);
  });

  test('misp_event.json has no mapped attribute: an empty file', async () => {
    assert.equal(await exportText(t, MODULE, [mispEvent()], UNSET), '');
    assert.equal(await exportText(t, MODULE, [toCore(mispEvent())], UNSET), '');
  });

  test('attributes inside objects are not exported (as upstream)', async () => {
    const event = rawEvent([attr('text', 'not mapped')], [object('domain-ip', [attr('ip-dst', '10.0.0.1'), attr('domain', 'inside.example')])]);
    assert.equal(await exportText(t, MODULE, [event], UNSET), '');
  });

  test('CEF escaping: extension values keep =, \\, | and line breaks; header fields keep | and \\', async () => {
    const values = ['http://x.example/?a=b&c=d\\e|f\nnext\r\nline', 'bücher.example', 'a|b=c\\\\d'];
    const event = rawEvent([attr('url', values[0]!), attr('domain', values[1]!), attr('hostname', values[2]!, { category: 'Payload|delivery\\x' })]);
    const config = { Device_Vendor: 'Acme|Corp\\', Device_Product: 'Line1\nLine2', Device_Version: '2.0=beta', Default_Severity: 'Very-High' };
    const text = await exportText(t, MODULE, [event], config);
    const records = lines(text).map(parseCef);
    assert.equal(records.length, 3, 'one line per record: line breaks never split a record');
    assert.deepEqual(records.map((r) => r.extension), [[['request', values[0]]], [['dhost', values[1]]], [['dhost', values[2]]]]);
    assert.deepEqual(records[0]!.header, ['0', 'Acme|Corp\\', 'Line1 Line2', '2.0=beta', 'Network activity', 'Network activity', 'Very-High']);
    assert.deepEqual(records[2]!.header.slice(4, 6), ['Payload|delivery\\x', 'Payload|delivery\\x']);
    assert.ok(text.includes('CEF:0|Acme\\|Corp\\\\|Line1 Line2|2.0=beta|'), 'header escapes as the CEF guide writes them');
    assert.ok(text.includes('request=http://x.example/?a\\=b&c\\=d\\\\e|f\\nnext\\r\\nline\n'), 'extension escapes as the CEF guide writes them');
  });

  test('timestamps: the attribute time in local time, else the event time', async () => {
    const epochs = [0, 946684799, 1709251200, 1700000000];
    const event = rawEvent([...epochs.map((e) => attr('ip-src', '192.0.2.1', { timestamp: String(e) })), attr('ip-dst', '192.0.2.2', { timestamp: undefined })], [], { timestamp: '1234567890' });
    const records = lines(await exportText(t, MODULE, [event], UNSET)).map(parseCef);
    assert.deepEqual(records.map((r) => r.time), [...epochs, 1234567890].map(localSyslogTime));
  });

  test('settings: defaults without config, values as given otherwise', async () => {
    const event = rawEvent([attr('md5', 'd41d8cd98f00b204e9800998ecf8427e', { category: 'Payload delivery' })]);
    const [noConfig] = lines(await exportText(t, MODULE, [event])).map(parseCef);
    assert.deepEqual(noConfig!.header, ['0', 'MISP', 'MISP', '1', 'Payload delivery', 'Payload delivery', '1']);
    const config = { Device_Vendor: 'CIRCL', Device_Product: 'MISP-TS', Device_Version: 3, Default_Severity: 10 };
    const [given] = lines(await exportText(t, MODULE, [event], config)).map(parseCef);
    assert.deepEqual(given!.header, ['0', 'CIRCL', 'MISP-TS', '3', 'Payload delivery', 'Payload delivery', '10']);
  });

  test('several events: the records of each', async () => {
    const a = rawEvent([attr('ip-src', '198.51.100.1')]);
    const b = toCore(rawEvent([attr('sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')]));
    const records = lines(await exportText(t, MODULE, [a, b], UNSET)).map(parseCef);
    assert.deepEqual(records.map((r) => r.extension[0]), [['src', '198.51.100.1'], ['fileHash', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']]);
  });

  for (const severity of ['11', 'abc', '-1', { level: 1 }] as Json[]) {
    test(`a Default_Severity CEF refuses (${JSON.stringify(severity)}) gives an error`, async () => {
      const message = await exportError(t, { module: MODULE, config: { Default_Severity: severity }, data: [rawEvent([attr('ip-src', '192.0.2.1')])] });
      assert.match(message, /Default_Severity must be 0 to 10/);
    });
  }

  badInputTests(() => t, MODULE, UNSET);
});
