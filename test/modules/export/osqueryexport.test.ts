import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import osquery from '../../../src/modules/export/osqueryexport.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, exportText, mispEvent, object, rawEvent, samples, toCore, type Json } from './helpers-a.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [osquery] });
});
after(() => t.close());

const MODULE = 'osqueryexport';

// Statement shapes, `?` standing for a SQL string literal.
const SHAPES: Record<string, string> = {
  regkey: 'SELECT * FROM registry WHERE path LIKE ?;',
  'regkey|value': 'SELECT * FROM registry WHERE path LIKE ? AND data LIKE ?;',
  mutex: 'SELECT * FROM winbaseobj WHERE object_name LIKE ?;',
  'windows-service-displayname': 'SELECT * FROM services WHERE display_name LIKE ? OR name like ?;',
  'windows-scheduled-task': 'SELECT * FROM scheduled_tasks WHERE name LIKE ?;',
  yara: "SELECT * FROM file JOIN yara USING (path) WHERE (path LIKE '/%' AND type = 'regular' AND size < 8000000 AND sigrule=? AND count > 0);",
  'ip-dst': 'SELECT * FROM process_open_sockets where remote_address LIKE ?;',
  'ip-src': 'SELECT * FROM process_open_sockets where local_address LIKE ?;',
  filename: 'select * from file where path LIKE ?;',
  sha256: "SELECT *, sha256 FROM file JOIN hash USING (path) WHERE file.directory LIKE '/%' AND sha256 like ? ORDER BY mtime DESC LIMIT 1;",
  'windows-service-name': 'SELECT * FROM services WHERE service_name LIKE ?;',
  'named pipe': 'SELECT * FROM pipes WHERE name LIKE ?;',
  domain: 'SELECT * FROM dns_cache WHERE name LIKE ?;',
};

interface Statement {
  shape: string;
  literals: string[];
}

/** Splits the file into statements (each ending with `;` and a line break outside literals) and their literals. */
function statements(text: string): Statement[] {
  const out: Statement[] = [];
  let shape = '';
  let literals: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      let literal = '';
      for (i++; ; i++) {
        assert.ok(i < text.length, 'every literal is closed');
        if (text[i] === "'" && text[i + 1] === "'") {
          literal += "'";
          i++;
        } else if (text[i] === "'") break;
        else literal += text[i];
      }
      // The fixed patterns of upstream's statements stay literal text.
      if (literal === '/%' || literal === 'regular') shape += `'${literal}'`;
      else {
        shape += '?';
        literals.push(literal);
      }
    } else if (c === ';' && text[i + 1] === '\n') {
      out.push({ shape: `${shape};`, literals });
      shape = '';
      literals = [];
      i++;
    } else {
      assert.ok(c !== '\n', `no line break outside a literal: ${shape}`);
      shape += c;
    }
  }
  assert.equal(shape, '', 'the file ends with a complete statement');
  return out;
}

/** What the module must ask for an attribute (hive short names rewritten at the start of a key). */
function expected(a: Json): Statement {
  const hive = (key: string) => key.replace(/^HKLM(?=\\|$)/, 'HKEY_LOCAL_MACHINE').replace(/^HKCU(?=\\|$)/, 'HKEY_USERS\\%');
  const literals =
    a.type === 'regkey' ? [hive(a.value)]
    : a.type === 'regkey|value' ? [hive(a.value.slice(0, a.value.indexOf('|'))), a.value.slice(a.value.indexOf('|') + 1)]
    : a.type === 'windows-service-displayname' ? [a.value, a.value]
    : [a.value];
  return { shape: SHAPES[a.type]!, literals };
}

describe('osqueryexport', () => {
  test('/modules shows the file type', async () => {
    await assertDescriptor(t, MODULE, { responseType: 'application/txt', userConfig: {}, outputFileExtension: 'conf', inputSource: ['event'] }, []);
  });

  test('every sample event, in both shapes: one statement per supported attribute outside objects', async () => {
    let total = 0;
    for (const sample of samples()) {
      const raw = await exportText(t, MODULE, [sample.raw]);
      assert.equal(await exportText(t, MODULE, [sample.core]), raw, `${sample.name}: both shapes give the same file`);
      const want = sample.attributes.filter((a) => a.type in SHAPES).map(expected);
      assert.deepEqual(statements(raw), want, sample.name);
      total += want.length;
    }
    assert.ok(total > 100, `the samples exercise the module (${total} statements)`);
  });

  test("misp_event.json: upstream's statement for the YARA rule, line breaks kept inside the literal", async () => {
    const rule = mispEvent().Attribute.find((a: Json) => a.type === 'yara').value as string;
    const text = await exportText(t, MODULE, [toCore(mispEvent())]);
    assert.equal(text, `SELECT * FROM file JOIN yara USING (path) WHERE (path LIKE '/%' AND type = 'regular' AND size < 8000000 AND sigrule='${rule}' AND count > 0);\n`);
    assert.deepEqual(statements(text), [{ shape: SHAPES.yara, literals: [rule] }]);
  });

  test('SQL escaping: a quote in a value stays inside its literal', async () => {
    const values = ["Global\\it's", "x' OR 1=1; DROP TABLE t; --", 'C:\\Users\\Zoë\\a.exe'];
    const event = rawEvent([attr('mutex', values[0]!), attr('named pipe', values[1]!), attr('filename', values[2]!)]);
    const text = await exportText(t, MODULE, [event]);
    assert.ok(text.includes("object_name LIKE 'Global\\it''s';"));
    assert.deepEqual(statements(text).map((s) => s.literals), values.map((v) => [v]));
  });

  test('registry keys: hives rewritten at the start only; regkey|value split at the first |', async () => {
    const event = rawEvent([
      attr('regkey', 'HKCU\\Software\\Run'),
      attr('regkey', 'HKEY_CURRENT_USER\\Software\\HKLM\\x'),
      attr('regkey', 'hklm\\SYSTEM'),
      attr('regkey|value', 'HKLM\\Software\\Evil|cmd.exe /c a|b'),
    ]);
    assert.deepEqual(statements(await exportText(t, MODULE, [event])).map((s) => s.literals), [
      ['HKEY_USERS\\%\\Software\\Run'],
      ['HKEY_USERS\\%\\Software\\HKLM\\x'],
      ['HKEY_LOCAL_MACHINE\\SYSTEM'],
      ['HKEY_LOCAL_MACHINE\\Software\\Evil', 'cmd.exe /c a|b'],
    ]);
  });

  test('no supported attribute (or only inside objects): an empty file', async () => {
    const event = rawEvent([attr('text', 'x')], [object('file', [attr('sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'), attr('filename', 'a.exe')])]);
    assert.equal(await exportText(t, MODULE, [event]), '');
    assert.equal(await exportText(t, MODULE, [toCore(event)], {}), '');
  });

  badInputTests(() => t, MODULE);
});
