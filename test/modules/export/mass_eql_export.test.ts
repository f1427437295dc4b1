import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import massEql from '../../../src/modules/export/mass_eql_export.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, exportText, mispEvent, object, rawEvent, samples, toCore, type Json } from './helpers-a.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [massEql] });
});
after(() => t.close());

const MODULE = 'mass_eql_export';
const FIELDS: Record<string, [string, string]> = {
  'ip-src': ['network', 'source_address'],
  'ip-dst': ['network', 'destination_address'],
  filename: ['file', 'file_name'],
};

type Query = [eventType: string, conditions: Array<[field: string, value: string]>];

/** Reads the queries back: `<type> where`, then `\t<field> == "<value>"` lines joined with ` or`. */
function parseQueries(text: string): Query[] {
  if (text === '') return [];
  assert.ok(text.endsWith('\n'), 'the file ends with a line break');
  return text.slice(0, -1).split('\n\n').map((block): Query => {
    const [head, ...lines] = block.split('\n');
    const m = /^(\w+) where$/.exec(head!);
    assert.ok(m, `a query head: ${head}`);
    assert.ok(lines.length > 0, 'a query has conditions');
    const conditions = lines.map((line, i): [string, string] => {
      const c = /^\t(\w+) == "((?:[^"\\]|\\.)*)"( or)?$/.exec(line);
      assert.ok(c, `a condition: ${JSON.stringify(line)}`);
      assert.equal(c[3] !== undefined, i < lines.length - 1, 'conditions are joined with or');
      const value = c[2]!.replace(/\\(.)/g, (_, x: string) => ({ n: '\n', r: '\r', t: '\t' })[x] ?? x);
      return [c[1]!, value];
    });
    return [m[1]!, conditions];
  });
}

function expected(attributes: Json[]): Query[] {
  const groups = new Map<string, Array<[string, string]>>();
  for (const a of attributes) {
    const mapping = FIELDS[a.type];
    if (!mapping) continue;
    const list = groups.get(mapping[0]) ?? [];
    if (!list.some(([f, v]) => f === mapping[1] && v === a.value)) list.push([mapping[1], a.value]);
    groups.set(mapping[0], list);
  }
  return [...groups];
}

describe('mass_eql_export', () => {
  test('/modules shows the file type', async () => {
    await assertDescriptor(t, MODULE, { responseType: 'application/txt', outputFileExtension: 'txt', userConfig: {}, inputSource: [] }, []);
  });

  test('every sample event, in both shapes: one complete query per event type', async () => {
    let total = 0;
    let both = 0;
    for (const sample of samples()) {
      const raw = await exportText(t, MODULE, [sample.raw]);
      assert.equal(await exportText(t, MODULE, [sample.core]), raw, `${sample.name}: both shapes give the same file`);
      const want = expected(sample.attributes);
      assert.deepEqual(parseQueries(raw), want, sample.name);
      total += want.reduce((n, [, c]) => n + c.length, 0);
      if (want.length === 2) both += 1;
    }
    assert.ok(total > 100 && both >= 2, `the samples exercise the module (${total} conditions, ${both} events with two queries)`);
  });

  test('the exact text: two queries separated by a blank line (upstream glued them together)', async () => {
    const event = rawEvent([attr('ip-src', '192.0.2.1'), attr('filename', 'a.exe'), attr('ip-dst', '192.0.2.1'), attr('ip-src', '192.0.2.1')]);
    assert.equal(
      await exportText(t, MODULE, [event]),
      'network where\n\tsource_address == "192.0.2.1" or\n\tdestination_address == "192.0.2.1"\n\nfile where\n\tfile_name == "a.exe"\n',
    );
  });

  test('EQL escaping: Windows paths keep their backslashes, quotes stay inside the string', async () => {
    const values = ['C:\\Windows\\Temp\\evil.exe', 'say "hi".txt', 'tab\there', 'ファイル.doc'];
    const text = await exportText(t, MODULE, [rawEvent(values.map((v) => attr('filename', v)))]);
    assert.ok(text.includes('\tfile_name == "C:\\\\Windows\\\\Temp\\\\evil.exe" or\n'));
    assert.deepEqual(parseQueries(text), [['file', values.map((v) => ['file_name', v])]]);
  });

  test('no exportable attribute (misp_event.json, or only inside objects): an empty file', async () => {
    assert.equal(await exportText(t, MODULE, [mispEvent()]), '');
    const event = rawEvent([], [object('file', [attr('filename', 'a.exe')])]);
    assert.equal(await exportText(t, MODULE, [toCore(event)]), '');
  });

  test('several events: their conditions merged per event type (as upstream)', async () => {
    const a = rawEvent([attr('ip-dst', '198.51.100.1')]);
    const b = toCore(rawEvent([attr('ip-dst', '198.51.100.2'), attr('filename', 'b.dll')]));
    assert.deepEqual(parseQueries(await exportText(t, MODULE, [a, b])), [
      ['network', [['destination_address', '198.51.100.1'], ['destination_address', '198.51.100.2']]],
      ['file', [['file_name', 'b.dll']]],
    ]);
  });

  badInputTests(() => t, MODULE);
});
