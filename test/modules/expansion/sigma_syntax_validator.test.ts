import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import sigmaValidator from '../../../src/modules/expansion/sigma_syntax_validator.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures-rules/${name}`, import.meta.url), 'utf8');

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [sigmaValidator] });
});
after(async () => {
  await t.close();
});

async function validate(sigma: string): Promise<string> {
  const answer = await t.query({ module: 'sigma_syntax_validator', sigma });
  assertValidResults(answer);
  const results = answer['results'] as Array<{ types: string[]; values: unknown }>;
  assert.equal(results.length, 1);
  assert.deepEqual(results[0]!.types, ['text']);
  assert.equal(typeof results[0]!.values, 'string');
  return results[0]!.values as string;
}

/** A small valid rule with the given detection block (indented under `detection:`). */
const rule = (detection: string, extra = ''): string =>
  `title: Test rule\nstatus: test\nlogsource:\n    product: windows\ndetection:\n${detection}level: high\n${extra}`;

describe('sigma_syntax_validator', () => {
  test("upstream's test rule is valid, summarised as Python's repr of its field values", async () => {
    const text = await validate(fixture('av_webshell_upstream.yml'));
    assert.ok(text.startsWith('Syntax valid:'));
    assert.equal(
      text,
      `Syntax valid: {'Signature': {"['PHP/Backdoor*', 'JSP/Backdoor*', 'ASP/Backdoor*', 'Backdoor.PHP*', 'Backdoor.JSP*', 'Backdoor.ASP*', '*Webshell*']"}}`,
    );
  });

  test('valid rules give the summary legacy sigmatools printed (modifiers in the keys, str() of each value)', async () => {
    const expected: Record<string, string> = {
      'proc_selection_filter.yml': String.raw`Syntax valid: {'ParentImage|endswith': {"['\\\\winword.exe', '\\\\excel.exe']"}, 'Image|endswith': {'\\powershell.exe'}, 'CommandLine|contains|all': {"[' -enc', 'JAB']"}, 'User': {'NT AUTHORITY\\SYSTEM'}}`,
      'keywords.yml': 'Syntax valid: {}',
      'one_of_them.yml': "Syntax valid: {'EventID': {'4720', '4728'}, 'TargetUserName|startswith': {'adm'}, 'TargetUserName': {'Domain Admins'}}",
      'null_regex.yml': String.raw`Syntax valid: {'c-uri|re': {'^/admin/.*\\.php$'}, 'cs-referer': {'None'}}`,
      'aggregation.yml': "Syntax valid: {'EventID': {'4625'}}",
      'base64_windash.yml': "Syntax valid: {'CommandLine|base64offset|contains': {'http://'}, 'CommandLine|windash|contains': {' -decode '}}",
      'global_action.yml': "Syntax valid: {'EventID': {'1'}}\n{'EventID': {'2'}}",
    };
    for (const [file, summary] of Object.entries(expected)) assert.equal(await validate(fixture(file)), summary, file);
  });

  test('modifiers of the current specification are accepted', async () => {
    const text = await validate(rule('    sel:\n        DestinationIp|cidr: 10.0.0.0/8\n        Count|gte: 5\n        User|exists: true\n        Path|re|i: "^c:"\n    condition: sel\n'));
    assert.equal(text, "Syntax valid: {'DestinationIp|cidr': {'10.0.0.0/8'}, 'Count|gte': {'5'}, 'User|exists': {'True'}, 'Path|re|i': {'^c:'}}");
  });

  test('unparsable YAML: the parser message and its position', async () => {
    assert.equal(
      await validate('title: [unclosed\nlogsource: x\n'),
      'Syntax error: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (line 2, column 1)',
    );
    assert.match(await validate('title: a\ntitle: b\n'), /^Syntax error: invalid YAML: Map keys must be unique \(line 2, column 1\)$/);
  });

  test('a rule without detection, or without condition', async () => {
    assert.equal(await validate('title: T\nlogsource:\n    product: windows\n'), "Syntax error: the rule has no 'detection'");
    assert.equal(
      await validate('title: T\nlogsource:\n    product: windows\ndetection:\n    sel:\n        A: 1\n'),
      "Syntax error: 'detection' has no 'condition' (detection, line 4, column 1)",
    );
    assert.equal(
      await validate('title: T\nlogsource:\n    product: windows\ndetection:\n    condition: sel\n'),
      "Syntax error: 'detection' defines no search identifier (detection, line 4, column 1)",
    );
  });

  test('a condition naming an undefined selection', async () => {
    assert.equal(
      await validate(rule('    selection:\n        A: 1\n    condition: selection and not filter\n')),
      "Syntax error: the condition refers to 'filter' (column 19), which is not defined under detection (detection.condition, line 8, column 5)",
    );
    assert.equal(
      await validate(rule('    selection:\n        A: 1\n    condition: 1 of sel_*\n')),
      "Syntax error: 'sel_*' (column 6 of the condition) matches no search identifier (detection.condition, line 8, column 5)",
    );
  });

  test('unbalanced parentheses and other condition mistakes', async () => {
    const cases: Array<[string, string]> = [
      ['(sel and not filter', "missing ')' for the '(' at column 1 of the condition (found the end of the condition)"],
      ['sel and filter)', "unexpected ')' at column 15 in the condition: expected 'and', 'or' or the end"],
      ['sel and ()', 'empty parentheses at column 9 of the condition'],
      ['sel filter', "unexpected 'filter' at column 5 in the condition: expected 'and', 'or' or the end"],
      ['sel and', "expected a search identifier, 'not', '1 of', 'all of' or '(' in the condition, found the end of the condition"],
      ['sel*', "'sel*' at column 1 of the condition needs '1 of' or 'all of' before it"],
      ['sel | count() >', 'expected a value to compare the aggregation with, found the end of the condition'],
      ['sel | total() > 5', "unknown aggregation 'total' at column 7: expected count, min, max, avg, sum or near"],
      ['sel & filter', "unexpected character '&' in the condition at column 5"],
      [`${'('.repeat(3000)}sel${')'.repeat(3000)}`, 'the condition nests more than 100 levels deep'],
    ];
    for (const [condition, message] of cases) {
      const text = await validate(rule(`    sel:\n        A: 1\n    filter:\n        B: 2\n    condition: ${condition}\n`));
      assert.equal(text, `Syntax error: ${message} (detection.condition, line 10, column 5)`, condition);
    }
  });

  test('unknown modifiers, bad level and status, bad dates and ids are reported together', async () => {
    const text = await validate(
      'title: T\nid: not-a-uuid\nstatus: beta\ndate: 15/01/2024\nlogsource:\n    product: windows\ndetection:\n' +
        '    sel:\n        CommandLine|contians: x\n    condition: sel and missing\nlevel: severe\n',
    );
    assert.equal(
      text,
      [
        "Syntax error: 'status' must be one of stable, test, experimental, deprecated, unsupported (found 'beta') (status, line 3, column 1)",
        "'level' must be one of informational, low, medium, high, critical (found 'severe') (level, line 11, column 1)",
        "'id' must be a UUID (id, line 2, column 1)",
        "'date' must be a date written YYYY-MM-DD (date, line 4, column 1)",
        "unknown modifier 'contians' in 'CommandLine|contians' (detection.sel.CommandLine|contians, line 9, column 9)",
        "the condition refers to 'missing' (column 9), which is not defined under detection (detection.condition, line 10, column 5)",
      ].join('\n'),
    );
  });

  test('missing title and logsource, wrong types', async () => {
    assert.equal(
      await validate('detection:\n    sel:\n        A: 1\n    condition: sel\nfalsepositives: 5\n'),
      "Syntax error: the rule has no 'title'\n'falsepositives' must be a list of strings (or a string) (falsepositives, line 5, column 1)\nthe rule has no 'logsource'",
    );
    assert.equal(
      await validate(rule('    sel: just a string\n    condition: sel\n')),
      "Syntax error: search identifier 'sel' must be a map or a list, not a string (detection.sel, line 6, column 5)",
    );
    assert.equal(await validate('- just\n- a list\n'), 'Syntax error: YAML document 1 is not a map of rule attributes');
    assert.equal(await validate('# only a comment\n'), 'Syntax error: the text holds no Sigma rule');
  });

  test('an empty value or no sigma field gets upstream\'s error', async () => {
    assert.deepEqual(await t.query({ module: 'sigma_syntax_validator', sigma: '' }), { error: 'Sigma rule missing' });
    assert.deepEqual(await t.query({ module: 'sigma_syntax_validator' }), { error: 'Sigma rule missing' });
  });
});
