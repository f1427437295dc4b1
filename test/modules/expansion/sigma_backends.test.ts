/**
 * The backends ported last (es-dsl, xpack-watcher, mdatp, arcsight, qualys)
 * on the fixture rules. The expected texts were derived by reading the legacy
 * sigmatools 0.23.1 Python code (tools/sigma/backends/elasticsearch.py,
 * mdatp.py, arcsight.py, qualys.py) step by step, not by running it. JSON
 * outputs are compared both as data and as text: for ASCII data Python's
 * json.dumps(indent=2) and JSON.stringify(…, null, 2) write the same bytes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { convertWith, fixture, sigmaServer } from './sigma-helpers.js';

const server = sigmaServer();
const convert = (rule: string) => convertWith(server(), rule);

/** Compares a JSON answer with the expected data, as data and as Python's indent=2 text. */
function assertJson(actual: string | undefined, expected: unknown): void {
  assert.ok(actual !== undefined, 'the backend gave no answer');
  assert.deepEqual(JSON.parse(actual), expected);
  assert.equal(actual, JSON.stringify(expected, null, 2));
}

/** The watch of an xpack-watcher answer: [watch name, watch]. */
function watches(text: string | undefined): Array<[string, any]> {
  assert.ok(text !== undefined, 'xpack-watcher gave no answer');
  const re = /^curl -s -XPUT -H 'Content-Type: application\/json' --data-binary @- localhost:9200\/_watcher\/watch\/(.*) <<EOF\n([\s\S]*?)\nEOF$/gm;
  const found = [...text.matchAll(re)].map((m) => [m[1]!, m[2]!] as [string, string]);
  assert.equal(found.map(([name, body]) => `curl -s -XPUT -H 'Content-Type: application/json' --data-binary @- localhost:9200/_watcher/watch/${name} <<EOF\n${body}\nEOF`).join('\n'), text);
  return found.map(([name, body]) => {
    assert.equal(body, JSON.stringify(JSON.parse(body), null, 2));
    return [name, JSON.parse(body)];
  });
}

const wildcard = (field: string, value: string) => ({ wildcard: { [field]: value } });
const phrase = (field: string, value: string) => ({ match_phrase: { [field]: value } });
const constant = (filter: unknown) => ({ query: { constant_score: { filter } } });
const SEPARATOR = '='.repeat(80);

function emailAction(subject: string, body: string) {
  return {
    send_email: {
      throttle_period: '15m',
      email: { profile: 'standard', from: 'root@localhost', to: 'root@localhost', subject, body, attachments: { 'data.json': { data: { format: 'json' } } } },
    },
  };
}

function watchBody(query: string, extra: Record<string, unknown> = {}) {
  return {
    search: {
      request: {
        body: {
          size: 0,
          query: { bool: { must: [{ query_string: { query, analyze_wildcard: true } }], filter: { range: { timestamp: { gte: 'now-30m/m' } } } } },
          ...extra,
        },
        indices: [],
      },
    },
  };
}

describe('sigma_queries: es-dsl', () => {
  test('the upstream rule: a wildcard on the keyword field per value, fields as _source', async () => {
    const values = await convert(fixture('av_webshell_upstream.yml'));
    const list = ['PHP/Backdoor*', 'JSP/Backdoor*', 'ASP/Backdoor*', 'Backdoor.PHP*', 'Backdoor.JSP*', 'Backdoor.ASP*', '*Webshell*'];
    assertJson(values['es-dsl'], { ...constant({ bool: { should: list.map((v) => wildcard('Signature.keyword', v)) } }), _source: ['FileName', 'User'] });
    assert.ok(values['es-dsl']!.startsWith('{\n  "query": {\n    "constant_score": {\n      "filter": {\n        "bool": {\n          "should": [\n            {\n              "wildcard": {\n                "Signature.keyword": "PHP/Backdoor*"'));
  });

  test('selection and not filter: backslashes doubled in wildcards, phrases for plain values', async () => {
    const values = await convert(fixture('proc_selection_filter.yml'));
    assertJson(values['es-dsl'], {
      ...constant({
        bool: {
          must: [
            {
              bool: {
                must: [
                  { bool: { should: [wildcard('ParentImage.keyword', String.raw`*\\winword.exe`), wildcard('ParentImage.keyword', String.raw`*\\excel.exe`)] } },
                  wildcard('Image.keyword', String.raw`*\\powershell.exe`),
                  wildcard('CommandLine.keyword', '* -enc*'),
                  wildcard('CommandLine.keyword', '*JAB*'),
                ],
              },
            },
            { bool: { must_not: [{ bool: { must: [phrase('User', String.raw`NT AUTHORITY\SYSTEM`)] } }] } },
          ],
        },
      }),
      _source: ['CommandLine', 'ParentImage'],
    });
  });

  test('keywords, 1 of, null and regex (kept anchored), several rules in one file', async () => {
    const multi = (query: string) => ({ multi_match: { query, fields: [], type: 'phrase' } });
    assertJson((await convert(fixture('keywords.yml')))['es-dsl'], constant({ bool: { should: [multi('() {'), multi('bash -c')] } }));
    assertJson(
      (await convert(fixture('one_of_them.yml')))['es-dsl'],
      constant({
        bool: {
          should: [
            { bool: { must: [phrase('EventID', '4720'), wildcard('TargetUserName.keyword', 'adm*')] } },
            { bool: { must: [phrase('EventID', '4728'), phrase('TargetUserName', 'Domain Admins')] } },
          ],
        },
      }),
    );
    assertJson(
      (await convert(fixture('null_regex.yml')))['es-dsl'],
      constant({ bool: { must: [{ regexp: { 'c-uri.keyword': String.raw`^/admin/.*\.php$` } }, { bool: { must_not: { exists: { field: 'cs-referer' } } } }] } }),
    );
    assertJson((await convert(fixture('global_action.yml')))['es-dsl'], [constant(phrase('EventID', '1')), constant(phrase('EventID', '2'))]);
  });

  test('count(field) by group: a terms/cardinality aggregation; the timeframe as a date range', async () => {
    const values = await convert(fixture('aggregation.yml'));
    assertJson(values['es-dsl'], {
      ...constant({ bool: { must: [phrase('EventID', '4625'), { range: { date: { gte: 'now-5m' } } }] } }),
      aggs: {
        IpAddress_count: {
          terms: { field: 'IpAddress' },
          aggs: {
            TargetUserName_distinct: { cardinality: { field: 'TargetUserName' } },
            limit: { bucket_selector: { buckets_path: { count: 'TargetUserName_distinct' }, script: 'params.count > 10' } },
          },
        },
      },
    });
  });
});

describe('sigma_queries: xpack-watcher', () => {
  test('the upstream rule: one watch around the es-qs query, the fields in the mail body', async () => {
    const values = await convert(fixture('av_webshell_upstream.yml'));
    const query = String.raw`Signature.keyword:(PHP\/Backdoor* OR JSP\/Backdoor* OR ASP\/Backdoor* OR Backdoor.PHP* OR Backdoor.JSP* OR Backdoor.ASP* OR *Webshell*)`;
    assert.equal(query, values['es-qs']);
    assert.deepEqual(watches(values['xpack-watcher']), [
      [
        'Antivirus-Web-Shell-Detection',
        {
          metadata: {
            name: 'Antivirus Web Shell Detection',
            description: 'Detects a highly relevant Antivirus alert that reports a web shell',
            tags: ['attack.persistence', 'attack.t1100'],
            query,
          },
          trigger: { schedule: { interval: '30m' } },
          input: watchBody(query),
          condition: { compare: { 'ctx.payload.hits.total': { not_eq: 0 } } },
          actions: emailAction(
            "Sigma Rule 'Antivirus Web Shell Detection'",
            `Hits:\n{{#ctx.payload.hits.hits}}Hit on {{_source.@timestamp}}:\nFileName = {{_source.FileName}}\n    User = {{_source.User}}${SEPARATOR}\n{{/ctx.payload.hits.hits}}`,
          ),
        },
      ],
    ]);
  });

  test('an aggregation: nested terms aggs, min_doc_count, the compare path and a bucket mail body', async () => {
    const values = await convert(fixture('aggregation.yml'));
    const terms = (field: string) => ({ field, size: 10, order: { _count: 'desc' }, min_doc_count: 11 });
    assert.deepEqual(watches(values['xpack-watcher']), [
      [
        'Many-Failed-Logons',
        {
          metadata: { name: 'Many Failed Logons', description: '', tags: '', query: 'EventID:"4625"' },
          trigger: { schedule: { interval: '5m' } },
          input: watchBody('EventID:"4625"', { aggs: { by: { terms: terms('IpAddress'), aggs: { agg: { terms: terms('TargetUserName') } } } } }),
          condition: { compare: { 'ctx.payload.aggregations.by.buckets.0.agg.buckets.0.doc_count': { gt: 10 } } },
          actions: emailAction(
            "Sigma Rule 'Many Failed Logons'",
            'Hits:\n{{#aggregations.agg.buckets}}\n {{key}} {{doc_count}}\n\n{{#by.buckets}}\n-- {{key}} {{doc_count}}\n{{/by.buckets}}\n\n{{/aggregations.agg.buckets}}\n',
          ),
        },
      ],
    ]);
  });

  test('several rules in one file: one watch each, names made unique', async () => {
    const values = await convert(fixture('global_action.yml'));
    assert.deepEqual(watches(values['xpack-watcher']).map(([name, watch]) => [name, watch.metadata.query]), [
      ['Multi-Doc-Rule', 'EventID:"1"'],
      ['Multi-Doc-Rule-2', 'EventID:"2"'],
    ]);
  });
});

describe('sigma_queries: mdatp', () => {
  test('process creation: the table from the log source, mapped fields, the User split at the backslash', async () => {
    const values = await convert(fixture('proc_selection_filter.yml'));
    assert.equal(
      values['mdatp'],
      'DeviceProcessEvents | where (((InitiatingProcessFolderPath endswith @"\\winword.exe" or InitiatingProcessFolderPath endswith @"\\excel.exe") and ' +
        'FolderPath endswith @"\\powershell.exe" and ProcessCommandLine contains " -enc" and ProcessCommandLine contains "JAB") and ' +
        'not (InitiatingProcessAccountDomain =~ "NT AUTHORITY" and InititatingProcessAccountName =~ "SYSTEM"))',
    );
    assert.equal(
      (await convert(fixture('base64_windash.yml')))['mdatp'],
      'DeviceProcessEvents | where ((ProcessCommandLine contains "aHR0cDovL" or ProcessCommandLine contains "h0dHA6Ly" or ProcessCommandLine contains "odHRwOi8v") and ' +
        '(ProcessCommandLine contains " -decode " or ProcessCommandLine contains " /decode "))',
    );
  });

  test('a Sysmon EventID picks the table; skipped fields, inner wildcards as regex, a ports; legacy’s User quirk', async () => {
    const values = await convert(fixture('mdatp_sysmon.yml'));
    // A User without a domain: legacy unpacked the field name and the operator letter by letter ("I n and = ~").
    assert.equal(
      values['mdatp'],
      'DeviceNetworkEvents | where (InitiatingProcessFolderPath endswith @"\\rundll32.exe" and InitiatingProcessCommandLine matches regex @"rundll32\\.exe .*,#1" and RemotePort == "4444" and I n and = ~)',
    );
  });

  test('left out: unknown fields, unmapped EventIDs, no table, regular expressions', async () => {
    for (const name of ['av_webshell_upstream.yml', 'aggregation.yml', 'one_of_them.yml', 'keywords.yml', 'null_regex.yml', 'global_action.yml']) {
      assert.equal((await convert(fixture(name)))['mdatp'], undefined, name);
    }
    const regex = 'title: R\nlogsource: {category: process_creation, product: windows}\ndetection:\n  sel:\n    Image|re: \'.*evil\\.exe\'\n  condition: sel\n';
    const values = await convert(regex);
    assert.equal(values['mdatp'], undefined);
    assert.ok(values['es-qs']);
  });
});

describe('sigma_queries: arcsight', () => {
  const tail = (title: string) => ` AND type != 2 | rex field = flexString1 mode=sed "s//Sigma: ${title}/g"`;

  test('values cut into quoted words, field names dropped, the title in the tail', async () => {
    assert.equal(
      (await convert(fixture('av_webshell_upstream.yml')))['arcsight'],
      '(("PHP" AND "Backdoor") OR ("JSP" AND "Backdoor") OR ("ASP" AND "Backdoor") OR "Backdoor.PHP" OR "Backdoor.JSP" OR "Backdoor.ASP" OR "Webshell")' +
        tail('Antivirus Web Shell Detection'),
    );
    assert.equal(
      (await convert(fixture('proc_selection_filter.yml')))['arcsight'],
      '((("winword.exe" OR "excel.exe") AND ("powershell.exe") AND ("-enc") AND ("JAB")) AND  NOT ((("NT" AND "AUTHORITY" AND "SYSTEM"))))' +
        tail('Suspicious Encoded PowerShell (test rule)'),
    );
    assert.equal((await convert(fixture('keywords.yml')))['arcsight'], '(("{" OR ("bash" AND "-c")))' + tail('Shellshock Keywords'));
    assert.equal(
      (await convert(fixture('one_of_them.yml')))['arcsight'],
      '(((4720 AND ("adm")) OR (4728 AND (("Domain" AND "Admins")))))' + tail('One Of Selections'),
    );
    assert.equal(
      (await convert(fixture('base64_windash.yml')))['arcsight'],
      '(((("aHR0cDovL") OR ("h0dHA6Ly") OR ("odHRwOi8v"))) AND ((("-decode") OR ("decode"))))' + tail('Base64 And Windash'),
    );
    assert.equal((await convert(fixture('global_action.yml')))['arcsight'], `1${tail('Multi Doc Rule')}\n2${tail('Multi Doc Rule')}`);
  });

  test('left out: regular expressions and aggregations', async () => {
    assert.equal((await convert(fixture('null_regex.yml')))['arcsight'], undefined);
    assert.equal((await convert(fixture('aggregation.yml')))['arcsight'], undefined);
  });
});

describe('sigma_queries: qualys', () => {
  test('values alone, as they are', async () => {
    assert.equal(
      (await convert(fixture('av_webshell_upstream.yml')))['qualys'],
      '(PHP/Backdoor* or JSP/Backdoor* or ASP/Backdoor* or Backdoor.PHP* or Backdoor.JSP* or Backdoor.ASP* or *Webshell*)',
    );
    assert.equal((await convert(fixture('keywords.yml')))['qualys'], '(() { or bash -c)');
    assert.equal((await convert(fixture('global_action.yml')))['qualys'], '1\n2');
  });

  test('left out: field conditions under an AND (partial match), nothing left, aggregations, regular expressions', async () => {
    for (const name of ['proc_selection_filter.yml', 'one_of_them.yml', 'null_regex.yml', 'mdatp_sysmon.yml', 'base64_windash.yml', 'aggregation.yml']) {
      assert.equal((await convert(fixture(name)))['qualys'], undefined, name);
    }
  });
});

describe('sigma_queries: aggregations the DSL backends refuse', () => {
  test('sum() by: es-dsl leaves it out, xpack-watcher and mdatp express it', async () => {
    const rule = 'title: Big Transfers\nlogsource: {category: network_connection, product: windows}\ndetection:\n  sel:\n    Image: \'*\\curl.exe\'\n  condition: sel | sum(Bytes) by Host > 100\n';
    const values = await convert(rule);
    assert.equal(values['es-dsl'], undefined);
    assert.equal(values['mdatp'], 'DeviceNetworkEvents | where InitiatingProcessFolderPath endswith @"\\curl.exe" | summarize val=sum(Bytes) by Host | where val > 100');
    const [name, watch] = watches(values['xpack-watcher'])[0]!;
    assert.equal(name, 'Big-Transfers');
    assert.deepEqual(watch.condition, { compare: { 'ctx.payload.aggregations.by.buckets.0.agg.buckets.0.doc_count': { gt: 100 } } });
  });

  test("an '==' comparison on a grouped count: xpack-watcher leaves it out (legacy had no sort order)", async () => {
    const rule = 'title: Eq\nlogsource: {product: windows}\ndetection:\n  sel:\n    EventID: 1\n  condition: sel | count() by Host == 3\n';
    const values = await convert(rule);
    assert.equal(values['xpack-watcher'], undefined);
    assert.ok(values['es-dsl']!.includes('"script": "params.count == 3"'));
  });
});
