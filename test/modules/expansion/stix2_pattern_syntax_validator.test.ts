import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import stix2Module from '../../../src/modules/expansion/stix2_pattern_syntax_validator.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [stix2Module] });
});
after(async () => {
  await t.close();
});

/** The module's answer text for a pattern (after checking the answer's shape). */
async function validate(pattern: string): Promise<string> {
  const answer = await t.query({ module: 'stix2_pattern_syntax_validator', 'stix2-pattern': pattern });
  assertValidResults(answer);
  const results = answer['results'] as Array<{ types: string[]; values: unknown }>;
  assert.equal(results.length, 1);
  assert.deepEqual(results[0]!.types, ['text']);
  assert.equal(typeof results[0]!.values, 'string');
  return results[0]!.values as string;
}

// Examples from the STIX 2.1 patterning specification (Part 5).
const SPEC_EXAMPLES: string[] = [
  String.raw`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`,
  String.raw`[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']`,
  String.raw`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']`,
  String.raw`[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`,
  String.raw`([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [win-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS`,
  String.raw`[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']`,
  String.raw`[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']`,
  String.raw`[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\Windows\\System32']`,
  String.raw`[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]`,
  String.raw`[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']`,
  String.raw`[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']`,
  String.raw`[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS`,
  String.raw`[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']`,
  String.raw`[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']`,
  String.raw`[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']`,
  String.raw`[windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\CryptoLocker\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\Microsoft\\CurrentVersion\\Run\\CryptoLocker_0388']`,
  String.raw`[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']`,
  String.raw`[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']`,
  String.raw`[x-usb-device:usbdrive.serial_number = '575833314133343231313937']`,
  String.raw`[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS`,
  String.raw`[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']`,
  String.raw`([file:name = 'foo.dll'] AND [win-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']`,
  String.raw`[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a69faa']`,
];

const VALID: string[] = [
  "[ipv4-addr:value = '8.8.8.8']",
  '[file:size = 1280]',
  '[file:size != 1280]',
  '[file:size < 1024]',
  '[file:size <= 1024]',
  '[file:size > 1024]',
  '[file:size >= 1024]',
  '[file:size <> 1024]',
  "[file:extended_properties.'ntfs-ext'.sid = '234']",
  String.raw`[emailaddr:value MATCHES '.+\\@ibm\\.com$' OR file:name MATCHES '^Final Report.+\\.exe$']`,
  "[ipv4addr:value NOT ISSUBSET '192.168.0.1/24']",
  "[ipv4-addr:value ISSUPERSET '10.0.0.0/8']",
  "[user-account:value = 'Peter'] AND [user-account:value != 'Paul'] AND [user-account:value = 'Mary'] WITHIN 5 SECONDS",
  "[file:file_system_properties.file_name LIKE 'name%']",
  "[file:file_name IN ('test.txt', 'test2.exe', 'README')]",
  '[file:size NOT IN (1024, 2048, 4096)]',
  '[file:size IN ()]',
  "[network-connection:extended_properties[0].source_payload MATCHES 'dGVzdHRlc3R0ZXN0']",
  "[x:list[-1] = 'last']",
  "[x_whatever:detected == t'2018-03-22T12:11:14.1Z']",
  "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']",
  "[file:magic_number_hex = h'']",
  '[foo:bar=1] REPEATS 9 TIMES',
  '[foo:bar = -1.5 AND foo:baz = +2 AND foo:qux = .5]',
  '[foo:flag = true OR foo:flag = false]',
  '( [(network-traffic:dst_port IN(443,6443,8443) AND network-traffic:src_packets != 0) ])',
  "([win-registry-key:key = 'hkey_local_machine\\\\foo\\\\bar']) WITHIN 5 SECONDS WITHIN 6 SECONDS",
  "([win-registry-key:key = 'hkey_local_machine\\\\foo\\\\bar'] REPEATS 2 TIMES) REPEATS 2 TIMES",
  "[file:name = 'a'] WITHIN 2.5 SECONDS",
  "[file:hashes[*] = '8665c8d477534008b3058b72e2dae8ae']",
  "[file:name = 'it\\'s']",
  "[file:name = 'a AND b'] AND [file:size = 1]",
  '[EXISTS file:parent_directory_ref]',
  '[NOT EXISTS file:x_custom]',
  "[file:name = 'a'] /* a comment */ FOLLOWEDBY [file:name = 'b'] // trailing comment",
  "[file:name = 'multi']\n  AND [file:size = 1]",
  "[x:created = t'2024-02-29T12:00:00Z'] START t'2024-01-01T00:00:00Z' STOP t'2024-12-31T23:59:60Z'",
];

/** [pattern, 0-based column of the first error, a piece of the reason]. */
const INVALID: Array<[string, number, string]> = [
  // The failing cases of the OASIS validator's own tests, with its columns.
  ['file:size = 1280', 0, 'input is missing square brackets'],
  ['[file:size = ]', 13, "unexpected ']', expected a literal value"],
  ['[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]', 19, "unexpected 'cead3f77f6cda6ec00f57d76c9a6879f'"],
  ['[file.size = 1280]', 5, "expected ':' between the object type and the property name"],
  ['[file:name MATCHES /.*\\\\.dll/]', 19, 'expected a quoted string after MATCHES'],
  ["[win-registry-key:key = 'hkey_local_machine\\\\foo\\\\bar'] WITHIN ]", 63, 'a positive number of seconds after WITHIN'],
  ["[win-registry-key:key = 'hkey_local_machine\\\\foo\\\\bar'] WITHIN 5 HOURS]", 65, "unexpected 'HOURS', expected SECONDS"],
  ["[win-registry-key:key = 'hkey_local_machine\\\\foo\\\\bar'] WITHIN -5 SECONDS]", 63, "unexpected '-5'"],
  ['[network-traffic:dst_ref.value ISSUBSET ]', 40, 'expected a quoted string after ISSUBSET'],
  ["[file:hashes.MD5 =? 'cead3f77f6cda6ec00f57d76c9a6879f']", 18, "unexpected character '?'"],
  ["[x_whatever:detected == t'2457-73-22T32:81:84.1Z']", 24, 'invalid timestamp literal'],
  ["[artifact:payload_bin = b'====']", 24, 'invalid binary literal'],
  ['[foo:bar=1] within 2 seconds', 12, "keywords are case-sensitive: write 'WITHIN'"],
  ["[x:created = t'2024-13-01T12:00:00Z']", 13, 'invalid timestamp literal'],
  ["[x:created = t'2024-01-15T12:30:61Z']", 13, 'invalid timestamp literal'],
  ["[x:created = t'2024-01-15T12:30:45']", 13, 'invalid timestamp literal'],
  // Unbalanced brackets and parentheses.
  ["[file:name = 'foo'", 18, "unexpected end of the pattern, expected ']'"],
  ["[file:name = 'foo']]", 19, "unexpected ']'"],
  ["([file:name = 'foo']", 20, "expected ')' to close the group"],
  ["[file:name = 'foo'])", 19, "unexpected ')'"],
  ["[file:name == 'a' AND (file:size = 1]", 36, "expected ')' to close the parenthesised comparison"],
  ['[]', 1, 'expected an object path'],
  // Qualifiers.
  ["[file:name = 'a'] REPEATS 0.5 TIMES", 26, 'a positive integer after REPEATS'],
  ["[file:name = 'a'] REPEATS TIMES", 26, 'a positive integer after REPEATS'],
  ["[file:name = 'a'] WITHIN 5 SECONDS REPEATS 2", 44, 'TIMES after the REPEATS count'],
  ["[file:name = 'a'] START '2016-06-01T01:30:00Z' STOP t'2016-06-01T02:20:00Z'", 24, 'a timestamp literal'],
  ["[file:name = 'a'] START t'2016-06-01T01:30:00Z'", 47, 'STOP after the START timestamp'],
  ["[file:name = 'a'] WITHIN 5", 26, 'SECONDS (the only time unit of WITHIN)'],
  // Strings, literals and values.
  ["[file:name = 'unterminated]", 13, 'unterminated string literal'],
  ["[file:name = 'C:\\Windows']", 13, "invalid escape sequence '\\W'"],
  ["[file:name = h'abc']", 13, 'invalid hex literal'],
  ['[file:size = 007]', 13, 'leading zeros are not allowed'],
  ['[file:size > true]', 13, 'expected an orderable literal'],
  ['[file:name = True]', 13, "booleans are written 'true' and 'false'"],
  ['[file:name LIKE 5]', 16, 'expected a quoted string after LIKE'],
  ['[file:size IN (1, 2]', 19, "expected ',' or ')' in the set of values"],
  ['[file:size IN 1, 2]', 14, "expected '(' to start the set of values after IN"],
  ["[file:name = 'a' AND file:size = 1 AND file:mime_type = ]", 56, 'expected a literal value'],
  // Object paths and operators.
  ["[file:hashes.SHA-256 = 'abc']", 13, "quote names that contain '-'"],
  ['[file:sections[x].entropy > 7.0]', 15, "expected a list index (an integer or '*')"],
  ["[file::name = 'a']", 6, "expected a property name after ':'"],
  ["[:name = 'a']", 1, 'expected an object path'],
  ['[file:name NOT EXISTS]', 15, 'expected a comparison operator'],
  ["[file:name = 'a' AND]", 20, 'expected an object path'],
  ["[file:name = 'a' OR OR file:size = 1]", 20, "unexpected 'OR'"],
  // Observation operators.
  ["[file:name = 'a'] AND", 21, "expected '[' to start an observation expression"],
  ["[file:name = 'a'] FOLLOWEDBY", 28, "expected '[' to start an observation expression"],
  ["[file:name != 'a'] and [file:size = 1]", 19, "keywords are case-sensitive: write 'AND'"],
  ["[file:name = 'a'] /* unterminated comment", 18, 'unterminated comment'],
];

describe('stix2_pattern_syntax_validator', () => {
  test("upstream's test: [ipv4-addr:value = '8.8.8.8'] is valid", async () => {
    assert.equal(await validate("[ipv4-addr:value = '8.8.8.8']"), 'Syntax valid');
  });

  test('every example of the STIX 2.1 patterning specification is valid', async () => {
    assert.ok(SPEC_EXAMPLES.length >= 20);
    for (const pattern of SPEC_EXAMPLES) assert.equal(await validate(pattern), 'Syntax valid', pattern);
  });

  test('valid patterns (operators, paths, literals, qualifiers, comments) pass', async () => {
    assert.ok(VALID.length + SPEC_EXAMPLES.length >= 30);
    for (const pattern of VALID) assert.equal(await validate(pattern), 'Syntax valid', pattern);
  });

  test('invalid patterns are reported with their line, column and reason', async () => {
    assert.ok(INVALID.length >= 30);
    for (const [pattern, column, reason] of INVALID) {
      const text = await validate(pattern);
      const lines = text.split('\n');
      assert.match(lines[0]!, /^Syntax errors?: $/, pattern);
      assert.ok(lines[1]!.startsWith(`Error found at line 1:${column}. `), `${pattern} → ${lines[1]}`);
      assert.ok(text.includes(reason), `${pattern} → ${text}`);
    }
  });

  test('a pattern without brackets gets both the bracket message and the parse error', async () => {
    assert.equal(
      await validate('file:size = 1280'),
      "Syntax errors: \nError found at line 1:0. input is missing square brackets\n" +
        "Error found at line 1:0. unexpected 'file', expected '[' to start an observation expression (or '(' to group them)",
    );
  });

  test('every faulty comparison of an observation is reported, with columns in the whole pattern', async () => {
    assert.equal(
      await validate("[a:b = 'x' AND c:d = AND e:f = 'y' AND g:h ~ 1]"),
      "Syntax errors: \nError found at line 1:21. unexpected 'AND', expected a literal value (a quoted string, number, true/false, t'…', h'…' or b'…')\n" +
        "Error found at line 1:43. unexpected character '~'",
    );
  });

  test('errors on a later line give that line and the column in it', async () => {
    assert.equal(
      await validate("[file:name = 'a']\nAND [file:size = ]"),
      "Syntax error: \nError found at line 2:17. unexpected ']', expected a literal value (a quoted string, number, true/false, t'…', h'…' or b'…')",
    );
  });

  test("' AND ' inside strings and between observations is not split (upstream's splitting rejected these)", async () => {
    assert.equal(await validate("[file:name = 'x] AND [y']"), 'Syntax valid');
    assert.equal(await validate("[a:b = 1] AND [c:d = 2]"), 'Syntax valid');
  });

  test('hash values are checked against their algorithm', async () => {
    assert.equal(await validate("[file:hashes.'SHA-256' = 'f00']"), "Syntax error: \n'f00' is not a valid SHA-256 hash");
    assert.equal(await validate("[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']"), 'Syntax valid');
    assert.equal(await validate("[file:hashes.MD5 = 'xyz' AND file:hashes.'SHA-1' = 'abc']"),
      "Syntax errors: \n'xyz' is not a valid MD5 hash\n'abc' is not a valid SHA-1 hash");
  });

  test('a qualifier type repeated on one observation is refused, on a group it is allowed', async () => {
    assert.equal(
      await validate("[win-registry-key:key = 'hkey'] WITHIN 5 SECONDS WITHIN 6 SECONDS"),
      'Syntax error: \nDuplicate qualifier type encountered: WITHIN',
    );
    assert.equal(
      await validate("([win-registry-key:key = 'hkey'] REPEATS 2 TIMES REPEATS 3 TIMES)"),
      'Syntax error: \nDuplicate qualifier type encountered: REPEATS',
    );
    assert.equal(
      await validate("[x:y = 'a'] START t'2016-06-01T01:30:00Z' STOP t'2016-06-01T02:20:00Z' START t'2016-06-01T01:30:00Z' STOP t'2016-06-01T02:20:00Z'"),
      'Syntax error: \nDuplicate qualifier type encountered: STARTSTOP',
    );
    assert.equal(await validate("([x:y = 'a']) WITHIN 5 SECONDS WITHIN 6 SECONDS"), 'Syntax valid');
  });

  test('an empty or missing pattern gets upstream\'s error', async () => {
    assert.deepEqual(await t.query({ module: 'stix2_pattern_syntax_validator', 'stix2-pattern': '' }), { error: 'STIX2 pattern missing' });
    assert.deepEqual(await t.query({ module: 'stix2_pattern_syntax_validator' }), { error: 'STIX2 pattern missing' });
  });

  test('a blank pattern is a syntax error, not a crash', async () => {
    assert.equal(
      await validate('   '),
      "Syntax errors: \nError found at line 1:0. input is missing square brackets\n" +
        "Error found at line 1:3. unexpected end of the pattern, expected '[' to start an observation expression (or '(' to group them)",
    );
  });

  test('absurdly deep nesting is refused at the level where it goes too deep', async () => {
    assert.equal(await validate(`${'('.repeat(50)}[a:b = 1]${')'.repeat(50)}`), 'Syntax valid');
    assert.equal(
      await validate(`${'('.repeat(5000)}[a:b = 1]${')'.repeat(5000)}`),
      'Syntax error: \nError found at line 1:100. expressions are nested more than 100 levels deep',
    );
  });

  test('the module is a hover module for stix2-pattern attributes', async () => {
    const modules = (await t.get('/modules')).json() as Array<Record<string, any>>;
    const entry = modules.find((m) => m['name'] === 'stix2_pattern_syntax_validator')!;
    assert.deepEqual(entry['meta']['module-type'], ['hover']);
    assert.deepEqual(entry['mispattributes'], { input: ['stix2-pattern'], output: ['text'] });
  });
});
