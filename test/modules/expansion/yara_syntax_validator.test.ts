import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { compileYara } from '../../../src/modules/_shared/yara/engine.js';
import validator from '../../../src/modules/expansion/yara_syntax_validator.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [validator] });
});
after(() => t.close());

const MODULE = 'yara_syntax_validator';
const SAMPLES = new URL('../../../../shared/samples/', import.meta.url);

/** The module's answer text for a rule (after checking the answer's shape). */
async function validate(rule: unknown): Promise<string> {
  const answer = await t.query({ module: MODULE, yara: rule });
  assertValidResults(answer);
  assert.deepEqual(answer.results, [{ types: ['text'], values: (answer.results as Array<{ values: unknown }>)[0]!.values }]);
  const text = (answer.results as Array<{ values: unknown }>)[0]!.values;
  assert.equal(typeof text, 'string');
  return text as string;
}

describe('yara_syntax_validator', () => {
  test("upstream's test: a hash rule is valid", async () => {
    const rule = 'import "hash"\r\nrule MD5 {\r\n\tcondition:\r\n\t\thash.md5(0, filesize) == "b2a5abfeef9e36964281a31e17b57c97"\r\n}';
    assert.equal(await validate(rule), 'Syntax valid');
  });

  test("upstream's fixtures yara_hash_module_test.yara and yara_pe_module_test.yara are valid, with and without their import", async () => {
    for (const name of ['yara_hash_module_test.yara', 'yara_pe_module_test.yara']) {
      const rule = readFileSync(new URL(name, SAMPLES), 'utf8');
      assert.match(rule, /^import "(hash|pe)"/);
      assert.equal(await validate(rule), 'Syntax valid', name);
      assert.equal(await validate(rule.replace(/^import "\w+"\n/, '')), 'Syntax valid', `${name} without its import`);
    }
  });

  test('missing imports are added for every module this libyara has, several in one rule', async () => {
    const rule = [
      'rule many {',
      '  condition:',
      '    pe.is_dll() and hash.md5(0, filesize) == "x" and math.entropy(0, filesize) > 7 and',
      '    elf.type == elf.ET_EXEC and dotnet.is_dotnet == 1 and time.now() > 0',
      '}',
    ].join('\n');
    assert.equal(await validate(rule), 'Syntax valid');
  });

  test('undefined names become string externals: in conditions only, never in strings or regexes', async () => {
    assert.equal(await validate('rule a { condition: filename == "test.exe" }'), 'Syntax valid');
    const rule = [
      'rule b {',
      '  strings:',
      '    $s = "filename owner"',
      '    $r = /filename|owner/',
      '  condition:',
      '    $s and $r and filename matches /\\.exe$/ and owner contains "root" and filepath icontains "tmp"',
      '}',
    ].join('\n');
    assert.equal(await validate(rule), 'Syntax valid');
    // An external used as a number fails as it would with upstream's string value.
    // (libyara gives the line where it noticed: here the closing brace.)
    assert.equal(await validate('rule c {\n condition:\n  threshold > 5\n}'), 'Syntax error: line 4: type mismatch');
  });

  test('nine externals are fixed; ten exceed the ten compiles upstream allows', async () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `ext${i} == "x"`).join(' and ');
    assert.equal(await validate(`rule a { condition: ${names(9)} }`), 'Syntax valid');
    assert.equal(await validate(`rule a { condition: ${names(10)} }`), 'Syntax error: Max validation attempts exceeded');
  });

  test("invalid rules: libyara's reason and the line of the analyst's rule (imports added on line 1 shift nothing)", async () => {
    const cases: Array<[string, string]> = [
      ['rule a {\n condition:\n  true and\n }', 'Syntax error: line 4: syntax error'],
      ['rule a {\n condition:\n  pe.is_dll() and\n  $b\n}', 'Syntax error: line 5: undefined string "$b"'],
      ['import "pe" rule a {\n condition:\n  pe.is_dll() and\n  $b\n}', 'Syntax error: line 5: undefined string "$b"'],
      ['rule a { condition: true }\nrule a { condition: true }', 'Syntax error: line 2: duplicated identifier "a"'],
      ['rule a {\n strings:\n  $a = "abc"\n condition:\n  true\n}', 'Syntax error: line 6: unreferenced string "$a"'],
      ['import "pe"\nrule a { condition: pe.nope }', 'Syntax error: line 2: invalid field name "nope"'],
      ['rule a { condition: pe.nope }', 'Syntax error: line 1: invalid field name "nope"'],
      ['import "foo"\nrule a { condition: true }', 'Syntax error: line 1: unknown module "foo"'],
      ['rule a { strings: $a = "" condition: $a }', 'Syntax error: line 1: empty string "$a"'],
      ['include "other.yar"\nrule a { condition: true }', 'Syntax error: line 1: can\'t open include file: other.yar'],
      ['this is not yara', 'Syntax error: line 1: syntax error'],
    ];
    for (const [rule, expected] of cases) assert.equal(await validate(rule), expected, rule);
  });

  test('a rule that already imports the module it lacks is reported, not retried', async () => {
    assert.equal(
      await validate('rule a { condition: pe.is_dll() }\nimport "pe"'),
      'Syntax error: line 1: undefined identifier "pe"',
    );
  });

  test('modules this libyara lacks (cuckoo, magic, macho) are reported as not checked', async () => {
    for (const rule of ['rule a { condition: cuckoo.network.host(/evil/) }', 'import "magic"\nrule a { condition: magic.mime_type() == "x" }', 'rule a { condition: macho.cputype == 7 }']) {
      assert.match(await validate(rule), /^Syntax not checked: the YARA module "(cuckoo|magic|macho)" is not available on this server \(available: console, dotnet, elf, hash, math, pe, time\)\.$/);
    }
  });

  test('empty input, no yara field, a value of the wrong type: "Yara rule missing"', async () => {
    for (const body of [{ yara: '' }, {}, { md5: 'b2a5abfeef9e36964281a31e17b57c97' }, { yara: null }, { yara: { rule: 'x' } }, { yara: ['rule a { condition: true }'] }]) {
      assert.deepEqual(await t.query({ module: MODULE, ...body }), { error: 'Yara rule missing' }, JSON.stringify(body));
    }
    assert.equal(await validate(42), 'Syntax error: line 1: syntax error');
    assert.equal(await validate('   \n'), 'Syntax valid', 'no rule at all compiles, as in yara-python');
  });

  test('huge input: 5,000 rules are valid; an error on their last line is found', async () => {
    const rules = Array.from({ length: 5000 }, (_, i) => `rule r${i} {\n  strings:\n    $a = "indicator number ${i}"\n  condition:\n    $a and pe.is_dll()\n}`);
    assert.equal(await validate(rules.join('\n')), 'Syntax valid');
    assert.equal(await validate(`${rules.join('\n')}\nrule broken { condition: and }`), `Syntax error: line ${5000 * 6 + 1}: syntax error`);
  });

  test('a condition that loops for ages is stopped by the query timeout; the next query is answered', async () => {
    const answer = await t.query({ module: MODULE, timeout: 1, yara: 'rule slow { condition: for all i in (0..9223372036854775807) : ( i >= 0 ) }' });
    assert.deepEqual(answer, { error: 'Timeout.' });
    assert.equal(await validate('rule quick { condition: true }'), 'Syntax valid');
  });

  test('/modules lists it as a hover module for yara attributes', async () => {
    const list = (await t.get('/modules')).json() as Array<Record<string, any>>;
    const entry = list.find((m) => m.name === MODULE)!;
    assert.deepEqual(entry.mispattributes, { input: ['yara'], output: ['text'] });
    assert.deepEqual(entry.meta['module-type'], ['hover']);
  });
});

describe('the YARA engine (src/modules/_shared/yara/engine.ts)', () => {
  test("leaves no process listeners behind and survives many compiles (instances are recycled as the wrapper leaks)", async () => {
    const before = [process.listeners('uncaughtException').length, process.listeners('unhandledRejection').length];
    for (let i = 0; i < 30; i++) {
      const result = await compileYara(`rule r${i} { strings: $a = "abc${i}" condition: $a }`, `xx abc${i} yy`);
      assert.deepEqual(result, { errors: [], warnings: [], matched: [`r${i}`] });
    }
    assert.deepEqual([process.listeners('uncaughtException').length, process.listeners('unhandledRejection').length], before);
  });

  test('reports errors and warnings with their lines', async () => {
    assert.deepEqual(await compileYara('rule a {\n strings: $a = "x"\n condition: $a and nope\n}'), {
      errors: [{ message: 'undefined identifier "nope"', line: 3 }],
      warnings: [{ message: 'string "$a" may slow down scanning', line: 2 }],
      matched: [],
    });
  });
});
