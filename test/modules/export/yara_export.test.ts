import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compileYara } from '../../../src/modules/_shared/yara/engine.js';
import yaraExport from '../../../src/modules/export/yara_export.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, exportText, mispEvent, object, rawEvent, samples, toCore, type Json } from './helpers-a.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [yaraExport] });
});
after(() => t.close());

const MODULE = 'yara_export';

// The types whose IDS values become strings, and the composite types whose parts may.
const STRING_TYPES = new Set([
  'hostname', 'domain', 'ip', 'ip-src', 'ip-dst', 'url', 'email', 'email-src', 'email-dst', 'email-subject',
  'email-attachment', 'email-header', 'email-reply-to', 'email-x-mailer', 'email-mime-boundary',
  'email-thread-index', 'email-message-id', 'filename', 'pattern-in-file', 'pattern-in-traffic', 'pattern-in-memory',
]);

const COMBINED_TYPES = new Set([
  'hostname|port', 'domain|ip', 'ip-dst|port', 'ip-src|port',
  ...['md5', 'sha1', 'sha256', 'authentihash', 'vhash', 'ssdeep', 'imphash', 'impfuzzy', 'pehash', 'sha224', 'sha384',
    'sha512', 'sha512/224', 'sha512/256', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512', 'tlsh'].map((h) => `filename|${h}`),
]);

/** How many strings the event rule should hold for these attributes. */
function expectedStrings(attributes: Json[]): number {
  const usable = (value: string): number => Number(value !== '' && Buffer.byteLength(value) < 8000);
  let count = 0;
  for (const a of attributes) {
    if (!a.to_ids) continue;
    const value = String(a.value);
    if (STRING_TYPES.has(a.type)) count += usable(value);
    else if (a.type === 'malware-sample' || COMBINED_TYPES.has(a.type)) {
      const [left, right] = (a.type === 'malware-sample' ? 'filename|md5' : a.type).split('|');
      const at = value.lastIndexOf('|');
      if (STRING_TYPES.has(left)) count += usable(at < 0 ? value : value.slice(0, at));
      if (STRING_TYPES.has(right) && at >= 0) count += usable(value.slice(at + 1));
    }
  }
  return count;
}

/** The rule names a YARA file declares. */
function declaredRules(text: string): string[] {
  return [...text.matchAll(/^(?:(?:private|global)\s+)*rule\s+(\w+)/gm)].map((m) => m[1]!);
}

/** Compiles the file with libyara: no error, and every name is a rule of it (a condition referring to it compiles). */
async function assertCompiles(text: string, names: string[] = declaredRules(text)): Promise<void> {
  const check = names.length === 0 ? '' : `\nrule __names_check { condition: ${names.map((n) => `(${n} or true)`).join(' and ')} }\n`;
  const { errors } = await compileYara(text + check);
  assert.deepEqual(errors, [], `the exported file compiles and declares ${names.join(', ')}`);
}

describe('yara_export', () => {
  test('/modules shows the file type as upstream', async () => {
    await assertDescriptor(t, MODULE, { responseType: 'text/plain', userConfig: {}, outputFileExtension: 'yara', inputSource: ['event'] }, []);
  });

  test("upstream's test: misp_event.json gives exactly upstream's file, in both shapes", async () => {
    const expected =
      'rule MISP_e625_MetadataExample\n{\n    meta:\n        my_identifier_1 = "Some string data"\n       ' +
      ' my_identifier_2 = 24\n        my_identifier_3 = true\n\n    strings:\n        $my_text_string = "text' +
      ' here"\n        $my_hex_string = { E2 34 A1 C8 23 FB }\n\n    condition:\n        $my_text_string or' +
      ' $my_hex_string\n}\n\n';
    assert.equal(await exportText(t, MODULE, [mispEvent()]), expected);
    assert.equal(await exportText(t, MODULE, [toCore(mispEvent())]), expected);
    await assertCompiles(expected, ['MISP_e625_MetadataExample']);
  });

  test('every sample event, in both shapes: the same file, which compiles, with the expected rules and strings', async () => {
    let totalStrings = 0;
    for (const sample of samples()) {
      const text = await exportText(t, MODULE, [sample.raw]);
      assert.equal(await exportText(t, MODULE, [sample.core]), text, `${sample.name}: both shapes give the same file`);
      await assertCompiles(text);
      const strings = expectedStrings([...sample.attributes, ...sample.objectAttributes]);
      const info = sample.core.Event.info as string;
      const eventRule = `rule MISP_e${sample.core.Event.id ?? ''}_${Array.from(info, (c) => (/\w/.test(c) ? c : '_')).join('')} {`;
      const at = text.indexOf(eventRule);
      assert.equal(at >= 0, strings > 0, `${sample.name}: an event rule only with strings`);
      assert.equal(at < 0 ? 0 : (text.slice(at).match(/^ {8}\$\w+ = "/gm) ?? []).length, strings, `${sample.name}: one string per IDS value`);
      totalStrings += strings;
      for (const name of declaredRules(text)) assert.match(name, /^[A-Za-z0-9_]{1,128}$/, `${sample.name}: ${name}`);
    }
    assert.ok(totalStrings > 300, `the samples exercise the module (${totalStrings} strings)`);

    const image = samples().find((s) => s.name === 'image_event.json')!;
    const imageText = await exportText(t, MODULE, [image.core]);
    assert.deepEqual(declaredRules(imageText), [
      'MISP_e1203_MAL_PE_Type_BabyShark_Loader',
      'MISP_e1203_OSINT___New_BabyShark_Malware_Targets_U_S__National_Security_Think_Tanks',
    ]);
    assert.ok(imageText.startsWith('import "pe"\n\nrule MISP_e1203_MAL_PE_Type_BabyShark_Loader {\n'), 'the yara attribute first, renamed');
    assert.ok(imageText.includes('        author = "MISP - CIRCL"\n        misp_event_date = "2019-02-22"\n        misp_event_id = "1203"\n'));
    assert.match(imageText, /\n {8}link_0 = "https:\/\/unit42\.paloaltonetworks\.com\//);

    // long_event.json's yara attribute has a syntax error (and Unicode meta keys): left out.
    const long = samples().find((s) => s.name === 'long_event.json')!;
    const longText = await exportText(t, MODULE, [long.raw]);
    assert.ok(!longText.includes('kivars'), 'the broken rule is dropped');
    assert.deepEqual(declaredRules(longText), ['MISP_e_OSINT___ASERT_Threat_Intelligence_Report_2016_03_The_Four_Element_Sword_Engagement']);

    const japanese = samples().find((s) => s.name === 'japanese_test.json')!;
    assert.equal(await exportText(t, MODULE, [japanese.core]), '\n', 'no IDS attribute, no yara attribute: an empty line');
  });

  test('an event without yara attributes or IDS values gives an empty (valid) file', async () => {
    const event = rawEvent([attr('text', 'nothing'), attr('domain', 'not-ids.example', { to_ids: false }), attr('link', 'https://example.org/report')]);
    assert.equal(await exportText(t, MODULE, [event]), '\n');
    assert.equal(await exportText(t, MODULE, [toCore(event)]), '\n');
    await assertCompiles('\n', []);
  });

  test('an event whose only rule does not compile gives an empty file', async () => {
    for (const rule of ['rule broken { condition: and }', 'rule needs_cuckoo { condition: cuckoo.network.host(/x/) }', 'not yara at all', 'rule a { condition: true']) {
      const event = rawEvent([attr('yara', rule, { category: 'Payload installation', to_ids: false })]);
      assert.equal(await exportText(t, MODULE, [event]), '\n', rule);
    }
    // An empty rule compiles: upstream kept it too (an empty line before the event's).
    assert.equal(await exportText(t, MODULE, [rawEvent([attr('yara', '', { to_ids: false })])]), '\n\n');
  });

  test('IDS values become escaped strings that match the value; composites give their string parts', async () => {
    const values = ['say "hi"', 'C:\\Windows\\evil.exe', 'line1\nline2\ttab', 'bücher.example', '日本.example'];
    const event = rawEvent([
      ...values.map((v) => attr('pattern-in-file', v)),
      attr('filename|md5', 'odd|name.exe|d41d8cd98f00b204e9800998ecf8427e', { category: 'Payload delivery' }),
      attr('domain|ip', 'example.org|192.0.2.7'),
      attr('ip-dst|port', '203.0.113.5|8443'),
      attr('malware-sample', 'sample.zip|d41d8cd98f00b204e9800998ecf8427e', { category: 'Payload delivery' }),
      attr('md5', 'd41d8cd98f00b204e9800998ecf8427e', { category: 'Payload delivery' }),
      attr('domain', '', {}),
      attr('url', `http://example.org/${'a'.repeat(9000)}`),
      attr('link', 'https://example.org/"quoted"', { to_ids: false }),
    ], [object('file', [attr('filename', 'in-object.dll', { category: 'Payload delivery' })])]);
    const text = await exportText(t, MODULE, [event]);
    assert.ok(text.includes('        $pattern_in_file_0 = "say \\"hi\\""\n'), text);
    assert.ok(text.includes('        $pattern_in_file_1 = "C:\\\\Windows\\\\evil.exe"\n'));
    assert.ok(text.includes('        $pattern_in_file_2 = "line1\\x0aline2\\x09tab"\n'));
    assert.ok(text.includes('        $filename_0 = "odd|name.exe"\n        $filename_1 = "sample.zip"\n        $filename_2 = "in-object.dll"\n'));
    assert.ok(text.includes('        $domain_0 = "example.org"\n        $ip_0 = "192.0.2.7"\n        $ip_dst_0 = "203.0.113.5"\n'));
    assert.ok(text.includes('        link = "https://example.org/\\"quoted\\""\n'));
    assert.ok(!text.includes('aaaaaaaaaa'), 'a value longer than libyara takes is left out');
    assert.ok(!text.includes('d41d8cd98f00b204e9800998ecf8427e'), 'hashes are not strings');
    await assertCompiles(text, ['MISP_e42_Test_event']);
    for (const value of [...values, 'odd|name.exe', '192.0.2.7']) {
      assert.deepEqual((await compileYara(text, `<<${value}>>`)).matched, ['MISP_e42_Test_event'], `matches ${JSON.stringify(value)}`);
    }
    assert.deepEqual((await compileYara(text, 'nothing to see')).matched, []);
  });

  test('yara attributes: cleaned, every rule renamed with its references, open comments closed', async () => {
    const rules = [
      // Typographic quotes, backtick, \r\n, a capitalised keyword, indentation.
      '  Rule Smart {\r\n  strings:\r\n    $a = “quoted” \r\n  condition:\r\n    $a\r\n}',
      // A private rule used by another; a string and a regex holding the name stay as they are.
      'private rule Helper { condition: filesize > 10 }\nrule User {\n strings:\n  $h = "Helper"\n  $r = /Helper/\n condition:\n  Helper and ($h or $r)\n}',
      // A global rule, tags, and a block comment left open.
      'global rule Gate : tag1 tag2 { condition: true }\nrule After { condition: Gate } /* unfinished',
      // The same name again: already taken in the file, so this attribute is dropped.
      'rule User { condition: true }',
      // A rule that uses the pe module imported by the first attribute would fail alone, but comes after no import: dropped.
      'rule NeedsPe { condition: pe.is_dll() }',
      'import "pe"\nrule HasPe { condition: pe.is_dll() }',
      'rule UsesPeLater { condition: pe.is_32bit() }',
    ];
    const event = rawEvent(rules.map((r) => attr('yara', r, { event_id: '7', to_ids: false })), [], { id: '7' });
    const text = await exportText(t, MODULE, [event]);
    assert.deepEqual(declaredRules(text), [
      'MISP_e7_Smart', 'MISP_e7_Helper', 'MISP_e7_User', 'MISP_e7_Gate', 'MISP_e7_After', 'MISP_e7_HasPe', 'MISP_e7_UsesPeLater',
    ]);
    assert.ok(text.startsWith('rule MISP_e7_Smart {\n  strings:\n    $a = "quoted" \n  condition:\n    $a\n}\n'), text);
    assert.ok(text.includes('  $h = "Helper"\n  $r = /Helper/\n condition:\n  MISP_e7_Helper and ($h or $r)\n'));
    assert.ok(text.includes('global rule MISP_e7_Gate : tag1 tag2 { condition: true }\nrule MISP_e7_After { condition: MISP_e7_Gate } /* unfinished*/\n'));
    assert.ok(text.endsWith('rule MISP_e7_UsesPeLater { condition: pe.is_32bit() }\n\n'));
    await assertCompiles(text);
  });

  test('rule names: ASCII only, at most 128 characters, never twice in a file', async () => {
    const info = `Événement 日本 ${'long '.repeat(40)}`;
    const event = rawEvent([attr('domain', 'a.example'), attr('yara', `rule ${'Test_event'} { condition: true }`, { to_ids: false })], [], { info: 'Test event' });
    const twin = rawEvent([attr('domain', 'b.example')], [], { info: 'Test event' });
    const long = rawEvent([attr('domain', 'c.example')], [], { id: '43', info });
    const text = await exportText(t, MODULE, [event, twin, long]);
    const names = declaredRules(text);
    assert.deepEqual(names.slice(0, 3), ['MISP_e42_Test_event', 'MISP_e42_Test_event_2', 'MISP_e42_Test_event_3']);
    assert.equal(names[3], `MISP_e43__v_nement____${'long_'.repeat(40)}`.slice(0, 128));
    await assertCompiles(text);
  });

  test('more than 10,000 IDS strings are spread over rules of 10,000 (libyara refuses more in one rule)', async () => {
    const attributes = Array.from({ length: 10_001 }, (_, i) => ({ type: 'domain', value: `host-${i}.example`, to_ids: true, category: 'Network activity' }));
    const text = await exportText(t, MODULE, [rawEvent(attributes)]);
    assert.deepEqual(declaredRules(text), ['MISP_e42_Test_event', 'MISP_e42_Test_event_2']);
    assert.ok(text.includes('        $domain_10000 = "host-10000.example"\n    condition:'), 'the last string in the second rule');
    await assertCompiles(text);
  });

  test('a yara attribute whose condition loops for ages is stopped by the query timeout', async () => {
    const event = rawEvent([attr('yara', 'rule slow { condition: for all i in (0..9223372036854775807) : ( i >= 0 ) }', { to_ids: false })]);
    assert.deepEqual(await t.query({ module: MODULE, timeout: 1, data: [event] }), { error: 'Timeout.' });
    assert.equal(await exportText(t, MODULE, [mispEvent()]), await exportText(t, MODULE, [toCore(mispEvent())]), 'the next export works');
  });

  badInputTests(() => t, MODULE);
});
