import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REMAINING_TARGETS } from '../../../src/modules/expansion/_sigma/backends/index.js';
import { convertWith, fixture, sigmaServer } from './sigma-helpers.js';

const server = sigmaServer();
const convert = (rule: string) => convertWith(server(), rule);

/** The saved searches of a Kibana answer: [_id, query, columns]. */
function kibanaSearches(text: string): Array<[string, string, string[]]> {
  return (JSON.parse(text) as Array<Record<string, any>>).map((entry) => [
    entry['_id'],
    JSON.parse(entry['_source']['kibanaSavedObjectMeta']['searchSourceJSON']).query.query_string.query,
    entry['_source']['columns'],
  ]);
}

const UPSTREAM_RULE = fixture('av_webshell_upstream.yml');

describe('sigma_queries', () => {
  test("upstream's test: the Kibana export starts with the rule's saved search", async () => {
    const values = await convert(UPSTREAM_RULE);
    assert.ok(values['kibana']!.startsWith('[\n  {\n    "_id": "Antivirus-Web-Shell-Detection"'));
  });

  test('the upstream rule, every backend, exactly', async () => {
    const values = await convert(UPSTREAM_RULE);
    // mdatp has no mapping for Signature without a configuration.
    assert.deepEqual(Object.keys(values), ['es-dsl', 'es-qs', 'graylog', 'kibana', 'xpack-watcher', 'logpoint', 'splunk', 'grep', 'splunkxml', 'arcsight', 'qualys']);
    const list = ['PHP/Backdoor*', 'JSP/Backdoor*', 'ASP/Backdoor*', 'Backdoor.PHP*', 'Backdoor.JSP*', 'Backdoor.ASP*', '*Webshell*'];
    assert.equal(values['splunk'], `(${list.map((v) => `Signature="${v}"`).join(' OR ')}) | table FileName,User`);
    const esList = list.map((v) => v.replace('/', '\\/'));
    assert.equal(values['es-qs'], `Signature.keyword:(${esList.join(' OR ')})`);
    assert.equal(values['graylog'], `Signature.keyword:(${esList.join(' ')})`);
    assert.equal(values['logpoint'], `Signature IN [${list.map((v) => `"${v}"`).join(', ')}]`);
    assert.equal(
      values['grep'],
      String.raw`grep -P -i '^(?:.*PHP/Backdoor.*|.*JSP/Backdoor.*|.*ASP/Backdoor.*|.*Backdoor\.PHP.*|.*Backdoor\.JSP.*|.*Backdoor\.ASP.*|.*.*Webshell.*)'`,
    );
    assert.ok(values['splunkxml']!.startsWith('<form><label>MyDashboard</label>'));
    assert.ok(values['splunkxml']!.includes(`<title>Antivirus Web Shell Detection</title><table><search><query>(${list.map((v) => `Signature="${v}"`).join(' OR ')})</query>`));
    assert.ok(values['splunkxml']!.endsWith('</row></form>'));
    const searchSource =
      '{\\"index\\": \\"*\\", \\"filter\\": [], \\"highlight\\": {\\"pre_tags\\": [\\"@kibana-highlighted-field@\\"], ' +
      '\\"post_tags\\": [\\"@/kibana-highlighted-field@\\"], \\"fields\\": {\\"*\\": {}}, \\"require_field_match\\": false, ' +
      '\\"fragment_size\\": 2147483647}, \\"query\\": {\\"query_string\\": {\\"query\\": \\"Signature.keyword:(' +
      esList.map((v) => v.replace('\\', '\\\\\\\\')).join(' OR ') +
      ')\\", \\"analyze_wildcard\\": true}}}';
    assert.equal(
      values['kibana'],
      [
        '[',
        '  {',
        '    "_id": "Antivirus-Web-Shell-Detection",',
        '    "_type": "search",',
        '    "_source": {',
        '      "title": "Sigma: Antivirus Web Shell Detection",',
        '      "description": "Detects a highly relevant Antivirus alert that reports a web shell",',
        '      "hits": 0,',
        '      "columns": [',
        '        "FileName",',
        '        "User"',
        '      ],',
        '      "sort": [',
        '        "@timestamp",',
        '        "desc"',
        '      ],',
        '      "version": 1,',
        '      "kibanaSavedObjectMeta": {',
        `        "searchSourceJSON": "${searchSource}"`,
        '      }',
        '    }',
        '  }',
        ']',
      ].join('\n'),
    );
  });

  test('selection and not filter, endswith lists, contains|all, fields', async () => {
    const values = await convert(fixture('proc_selection_filter.yml'));
    assert.equal(
      values['splunk'],
      String.raw`(((((ParentImage="*\\winword.exe" OR ParentImage="*\\excel.exe") Image="*\\powershell.exe" CommandLine="* -enc*" CommandLine="*JAB*")) NOT ((User="NT AUTHORITY\\SYSTEM")))) | table CommandLine,ParentImage`,
    );
    const esqs = String.raw`((ParentImage.keyword:(*\\winword.exe OR *\\excel.exe) AND Image.keyword:*\\powershell.exe AND CommandLine.keyword:*\ \-enc* AND CommandLine.keyword:*JAB*) AND (NOT (User:"NT\ AUTHORITY\\SYSTEM")))`;
    assert.equal(values['es-qs'], esqs);
    assert.equal(
      values['logpoint'],
      String.raw`((ParentImage IN ["*\\winword.exe", "*\\excel.exe"] Image="*\\powershell.exe" CommandLine="* -enc*" CommandLine="*JAB*")  -(User="NT AUTHORITY\\SYSTEM"))`,
    );
    assert.equal(
      values['grep'],
      String.raw`grep -P -i '^(?:.*(?=.*(?:.*(?=.*(?:.*.*\winword\.exe|.*.*\excel\.exe))(?=.*.*\powershell\.exe)(?=.*.* -enc.*)(?=.*.*JAB.*)))(?=.*(?!.*(?:.*(?=.*NT AUTHORITY\SYSTEM)))))'`,
    );
    // The rule id names the saved search; its query is the es-qs one.
    assert.deepEqual(kibanaSearches(values['kibana']!), [['5b8a8a70-3f0e-4ef3-9c0b-2d1a4f5e6c7d', esqs, ['CommandLine', 'ParentImage']]]);
  });

  test('keyword lists search every keyword field', async () => {
    const values = await convert(fixture('keywords.yml'));
    assert.equal(values['splunk'], '("() {" OR "bash -c")');
    assert.equal(values['es-qs'], String.raw`\*.keyword:(*\(\)\ \{* OR *bash\ \-c*)`);
    assert.equal(values['grep'], String.raw`grep -P -i '^(?:.*(?:.*\(\) \{|.*bash -c))'`);
  });

  test('1 of selection_* with integers and startswith', async () => {
    const values = await convert(fixture('one_of_them.yml'));
    assert.equal(values['splunk'], '(((EventID="4720" TargetUserName="adm*")) OR ((EventID="4728" TargetUserName="Domain Admins")))');
    assert.equal(values['es-qs'], String.raw`((EventID:"4720" AND TargetUserName.keyword:adm*) OR (EventID:"4728" AND TargetUserName:"Domain\ Admins"))`);
    assert.equal(values['logpoint'], '((EventID="4720" TargetUserName="adm*") OR (EventID="4728" TargetUserName="Domain Admins"))');
  });

  test('null values and the re modifier: Elasticsearch only, as with legacy sigmac', async () => {
    const values = await convert(fixture('null_regex.yml'));
    assert.deepEqual(Object.keys(values), ['es-dsl', 'es-qs', 'graylog', 'kibana', 'xpack-watcher']);
    assert.equal(values['es-qs'], String.raw`(c-uri.keyword://admin/.*\.php/ AND NOT _exists_:cs-referer)`);
  });

  test('aggregations: Splunk eventstats, LogPoint chart; the query-string backends leave them out', async () => {
    const values = await convert(fixture('aggregation.yml'));
    assert.deepEqual(Object.keys(values), ['es-dsl', 'kibana', 'xpack-watcher', 'logpoint', 'splunk', 'grep', 'splunkxml']);
    assert.equal(values['splunk'], 'EventID="4625" | eventstats dc(TargetUserName) as val by IpAddress | search val > 10');
    assert.equal(values['logpoint'], 'EventID="4625" | chart count(TargetUserName) as val by IpAddress | search val > 10');
    assert.ok(values['splunkxml']!.includes('<query>EventID="4625" | stats count(TargetUserName) as val by IpAddress | search val &gt; 10</query>'));
    assert.deepEqual(kibanaSearches(values['kibana']!), [['Many-Failed-Logons', 'EventID:"4625"', []]]);
  });

  test('base64offset|contains and windash|contains, all of selection_*', async () => {
    const values = await convert(fixture('base64_windash.yml'));
    assert.equal(
      values['splunk'],
      '(((CommandLine="*aHR0cDovL*" OR CommandLine="*h0dHA6Ly*" OR CommandLine="*odHRwOi8v*") (CommandLine="* -decode *" OR CommandLine="* /decode *")))',
    );
    assert.equal(
      values['es-qs'],
      String.raw`((CommandLine.keyword:*aHR0cDovL* OR CommandLine.keyword:*h0dHA6Ly* OR CommandLine.keyword:*odHRwOi8v*) AND (CommandLine.keyword:*\ \-decode\ * OR CommandLine.keyword:*\ \/decode\ *))`,
    );
  });

  test('a file of several YAML documents with action: global gives one query per rule', async () => {
    const values = await convert(fixture('global_action.yml'));
    assert.equal(values['splunk'], 'EventID="1"\nEventID="2"');
    assert.equal(values['es-qs'], 'EventID:"1"\nEventID:"2"');
    assert.deepEqual(kibanaSearches(values['kibana']!), [
      ['Multi-Doc-Rule', 'EventID:"1"', []],
      ['Multi-Doc-Rule-2', 'EventID:"2"', []],
    ]);
  });

  test('the condition language: precedence, parentheses, not, 1 of / all of them, duplicates', async () => {
    const rule = (condition: string): string =>
      `title: Cond\nlogsource:\n  product: test\ndetection:\n  a:\n    FieldA: 'x'\n  b:\n    FieldB:\n      - 'y1'\n      - 'y2'\n` +
      `  c:\n    FieldC: 'z'\n    FieldD: 5\n  condition: ${condition}\n`;
    const cases: Array<[string, string, string]> = [
      ['a or b and c', '(FieldA="x" OR (((FieldB="y1" OR FieldB="y2") FieldC="z" FieldD="5")))', '(FieldA:"x" OR (FieldB:("y1" OR "y2") AND FieldC:"z" AND FieldD:"5"))'],
      ['(a or b) and not c', '(((FieldA="x" OR (FieldB="y1" OR FieldB="y2")) NOT ((FieldC="z" FieldD="5"))))', '((FieldA:"x" OR FieldB:("y1" OR "y2")) AND (NOT (FieldC:"z" AND FieldD:"5")))'],
      ['all of them', '((FieldA="x" (FieldB="y1" OR FieldB="y2") FieldC="z" FieldD="5"))', '(FieldA:"x" AND FieldB:("y1" OR "y2") AND FieldC:"z" AND FieldD:"5")'],
      ['1 of them', '(FieldA="x" OR (FieldB="y1" OR FieldB="y2") OR ((FieldC="z" FieldD="5")))', '(FieldA:"x" OR FieldB:("y1" OR "y2") OR (FieldC:"z" AND FieldD:"5"))'],
      ['NOT a', 'NOT ((FieldA="x"))', '(NOT (FieldA:"x"))'],
      ['a and b and c', '((FieldA="x" (FieldB="y1" OR FieldB="y2") FieldC="z" FieldD="5"))', '(FieldA:"x" AND FieldB:("y1" OR "y2") AND FieldC:"z" AND FieldD:"5")'],
      ['a or a', 'FieldA="x"', 'FieldA:"x"'],
      // 'all of' ANDs the items of a list identifier; a map's list value stays an OR (legacy semantics).
      ['all of b', '(FieldB="y1" OR FieldB="y2")', 'FieldB:("y1" OR "y2")'],
    ];
    for (const [condition, splunk, esqs] of cases) {
      const values = await convert(rule(condition));
      assert.equal(values['splunk'], splunk, condition);
      assert.equal(values['es-qs'], esqs, condition);
    }
  });

  test('escaping of quotes, backslashes and empty values', async () => {
    const values = await convert(`title: T\nlogsource: {product: x}\ndetection:\n  sel:\n    A: ''\n    B: 'a"b'\n    C: 'x\\y\\*'\n  condition: sel\n`);
    assert.equal(values['splunk'], String.raw`((A="" B="a\"b" C="x\\y\*"))`);
    assert.equal(values['es-qs'], String.raw`(A:"" AND B:"a\"b" AND C:"x\\y\*")`);
  });

  test('no backend can express the cidr modifier: a clear error', async () => {
    const answer = await server().query({ module: 'sigma_queries', sigma: 'title: T\nlogsource: {product: x}\ndetection:\n  sel:\n    A|cidr: 10.0.0.0/8\n  condition: sel\n' });
    assert.match(String(answer['error']), /^The Sigma rule cannot be converted: the 'cidr' modifier is not supported/);
  });

  test('bad input: unparsable YAML, no detection, an undefined selection, unbalanced parentheses, an unknown modifier, nothing', async () => {
    const ask = (sigma: string) => server().query({ module: 'sigma_queries', sigma });
    assert.match(String((await ask('title: [unclosed\nlogsource: x\n'))['error']), /^The Sigma rule is not valid YAML: .*\(line 2, column 1\)$/);
    assert.deepEqual(await ask('title: T\nlogsource:\n  product: x\n'), { error: 'The Sigma rule cannot be converted: No detection definitions found' });
    assert.deepEqual(await ask('title: T\nlogsource: {product: x}\ndetection:\n  sel:\n    A: 1\n  condition: sel and filter\n'), {
      error: "The Sigma rule cannot be converted: the condition refers to 'filter' (column 9), which is not defined under detection",
    });
    assert.deepEqual(await ask('title: T\nlogsource: {product: x}\ndetection:\n  sel:\n    A: 1\n  condition: (sel\n'), {
      error: "The Sigma rule cannot be converted: missing ')' for the '(' at column 1 of the condition (found the end of the condition)",
    });
    assert.deepEqual(await ask('title: T\nlogsource: {product: x}\ndetection:\n  sel:\n    A|contians: 1\n  condition: sel\n'), {
      error: "The Sigma rule cannot be converted: detection 'sel': unknown modifier 'contians'",
    });
    assert.deepEqual(await ask(''), { error: 'Sigma rule missing' });
  });

  test('every one of upstream’s twelve backends is ported', () => {
    assert.deepEqual(REMAINING_TARGETS, []);
  });
});
