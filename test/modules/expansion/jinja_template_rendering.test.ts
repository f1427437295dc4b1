import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { renderTemplate, TemplateError, TemplateLimitError, TemplateSyntaxError } from '../../../src/modules/_shared/templates/index.js';
import jinja_template_rendering from '../../../src/modules/expansion/jinja_template_rendering.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

// Roaming data as MISP's WorkflowFormatConverterTool builds it for event-publish.
const event = {
  Event: {
    id: '12',
    uuid: '5f1c0d2e-8a4b-4c1d-9e2f-0a1b2c3d4e5f',
    info: 'Phishing <campaign> & co',
    threat_level_id: '2',
    published: true,
    Orgc: { name: 'CIRCL' },
    Tag: [{ name: 'tlp:green' }, { name: 'type:OSINT' }],
    Attribute: [
      { id: '1', type: 'ip-dst', category: 'Network activity', value: '198.51.100.7', to_ids: true, _allTags: [{ name: 'tlp:green' }] },
      { id: '2', type: 'domain', category: 'Network activity', value: 'evil.example', to_ids: false, _allTags: [] },
      { id: '3', type: 'md5', category: 'Payload delivery', value: 'd41d8cd98f00b204e9800998ecf8427e', to_ids: true, _allTags: [] },
    ],
    Object: [],
    _AttributeFlattened: [
      { type: 'ip-dst', value: '198.51.100.7' },
      { type: 'domain', value: 'evil.example' },
      { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
    ],
  },
};

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [jinja_template_rendering] });
});
after(() => t.close());

/** The exact request MISP's WorkflowBaseModule::render_jinja_template sends (no config, text is JSON). */
const workflowQuery = (template: string, data: unknown = event) =>
  t.query({ module: 'jinja_template_rendering', text: JSON.stringify({ template, data }) });

/** What MISP reads: results[0].values[0]. */
async function rendered(template: string, data: unknown = event): Promise<string> {
  const answer = await workflowQuery(template, data);
  assert.equal(answer['error'], undefined, String(answer['error']));
  assertValidResults(answer);
  const results = answer['results'] as Array<{ types: string[]; values: string[] }>;
  assert.deepEqual(results[0]!.types, ['text']);
  return results[0]!.values[0]!;
}

async function failure(template: string, data: unknown = event): Promise<string> {
  const answer = await workflowQuery(template, data);
  assert.equal(answer['results'], undefined);
  assert.equal(typeof answer['error'], 'string');
  return answer['error'] as string;
}

/**
 * A template that fails while rendering: MISP reads "" (as upstream answers
 * it), and the warning in the log says why. Returns the logged reason.
 */
async function emptyRender(template: string, data: unknown = event): Promise<string> {
  const seen = t.logs.lines.length;
  assert.equal(await rendered(template, data), '');
  const prefix = 'The template failed while rendering and gives "": ';
  const warning = t.logs.records().slice(seen).find((r) => typeof r['msg'] === 'string' && r['msg'].startsWith(prefix));
  assert.ok(warning, `a warning is logged for ${template}`);
  assert.equal(warning['level'], 40);
  return (warning['msg'] as string).slice(prefix.length);
}

const render = (template: string, data: Record<string, unknown> = event) => renderTemplate(template, data);

describe('jinja_template_rendering over HTTP (the MISP workflow payload)', () => {
  test('a typical notification template: loops, filters, conditionals', async () => {
    const template = [
      '[{{ Event.Orgc.name }}] {{ Event.info|upper }} ({{ Event.Attribute|length }} attributes)',
      'Tags: {{ Event.Tag|map(attribute="name")|join(", ") }}',
      '{% for a in Event.Attribute %}',
      '{{ loop.index }}. {{ a.type }}: {{ a.value }}{% if a.to_ids %} [IDS]{% endif %}',
      '{% endfor %}',
      'IDS values: {{ Event.Attribute|selectattr("to_ids")|map(attribute="value")|join(" ") }}',
    ].join('\n');
    assert.equal(
      await rendered(template),
      [
        '[CIRCL] PHISHING <CAMPAIGN> & CO (3 attributes)',
        'Tags: tlp:green, type:OSINT',
        '',
        '1. ip-dst: 198.51.100.7 [IDS]',
        '',
        '2. domain: evil.example',
        '',
        '3. md5: d41d8cd98f00b204e9800998ecf8427e [IDS]',
        '',
        'IDS values: 198.51.100.7 d41d8cd98f00b204e9800998ecf8427e',
      ].join('\n'),
    );
  });

  test('whitespace control and the dropped trailing newline follow Jinja defaults', async () => {
    const template = '{%- for a in Event._AttributeFlattened -%}\n  {{ a.value }}\n{%- if not loop.last %},{% endif %}\n{%- endfor %}\n';
    assert.equal(await rendered(template), '198.51.100.7,evil.example,d41d8cd98f00b204e9800998ecf8427e');
  });

  test('no autoescape (Jinja default), escape on request; tojson as Jinja writes it', async () => {
    assert.equal(await rendered('{{ Event.info }} | {{ Event.info|e }}'), 'Phishing <campaign> & co | Phishing &lt;campaign&gt; &amp; co');
    assert.equal(await rendered('{{ Event.Tag[0]|tojson }}'), '{"name": "tlp:green"}');
    assert.equal(await rendered('{{ {"b": 1, "a": "<x>"}|tojson }}'), '{"a": "\\u003cx\\u003e", "b": 1}');
  });

  test('no "data": the template still renders; no "template": upstream default text', async () => {
    const answer = await t.query({ module: 'jinja_template_rendering', text: JSON.stringify({ template: 'static {{ x|default("none") }}' }) });
    assert.deepEqual((answer['results'] as Array<{ values: string[] }>)[0]!.values, ['static none']);
    const noTemplate = await t.query({ module: 'jinja_template_rendering', text: JSON.stringify({ data: {} }) });
    assert.deepEqual((noTemplate['results'] as Array<{ values: string[] }>)[0]!.values, ['- Default template -']);
  });

  test('a text that is not the JSON payload', async () => {
    const answer = await t.query({ module: 'jinja_template_rendering', text: 'Hello {{ name }}' });
    assert.match(String(answer['error']), /^The "text" field must be a JSON object \{"template": …, "data": …\}: /);
    const list = await t.query({ module: 'jinja_template_rendering', text: JSON.stringify({ template: 'x', data: [1, 2] }) });
    assert.match(String(list['error']), /"data" must be a JSON object/);
  });

  test('a syntax error names the line', async () => {
    assert.equal(await failure('line one\n{% for a in Event.Attribute %}\n{{ a.value }}\n'), "Template syntax error (line 3): unexpected end of template, expected 'endfor' or 'else'");
    assert.equal(await failure('{{ Event.info | nosuchfilter }}'), "Template syntax error (line 1): No filter named 'nosuchfilter'.");
  });

  test('escape attempts through JavaScript internals find nothing', async () => {
    assert.equal(await emptyRender("{{ ''.constructor.constructor('return process')() }}"), "Template error (line 1): 'str object' has no attribute 'constructor'");
    assert.equal(await emptyRender('{{ Event.constructor.constructor("return process")().exit() }}'), "Template error (line 1): 'dict object' has no attribute 'constructor'");
    assert.equal(await emptyRender('{{ Event.__proto__.polluted }}'), "Template error (line 1): 'dict object' has no attribute '__proto__'");
    assert.equal(await emptyRender("{{ range.constructor('return process')() }}"), "Template error (line 1): 'function object' has no attribute 'constructor'");
    assert.equal(await emptyRender('{{ [].map.call }}'), "Template error (line 1): 'list object' has no attribute 'map'");
    assert.equal(await rendered('{{ Event["__proto__"] }}|{{ Event.toString }}|{{ Event.hasOwnProperty }}|{{ "x".length }}'), '|||');
  });

  test('escape attempts through Python/Jinja internals find nothing', async () => {
    assert.equal(await emptyRender('{{ cycler.__init__.__globals__.os.popen("id").read() }}'), "Template error (line 1): 'cycler' is undefined");
    assert.equal(await emptyRender("{{ ''.__class__.__mro__[1].__subclasses__() }}"), "Template error (line 1): 'str object' has no attribute '__class__'");
    assert.equal(await emptyRender('{{ self.__init__.__globals__ }}'), "Template error (line 1): 'self' is undefined");
    assert.equal(await emptyRender('{{ config.items() }}'), "Template error (line 1): 'config' is undefined");
    assert.equal(await emptyRender('{{ lipsum.__globals__ }}'), "Template error (line 1): 'lipsum' is undefined");
    assert.equal(await failure('{% include "/etc/passwd" %}'), "Template syntax error (line 1): the 'include' tag is not available here (no template loader, no extensions)");
    assert.equal(await failure('{% import "os" as os %}'), "Template syntax error (line 1): the 'import' tag is not available here (no template loader, no extensions)");
  });

  test('range() past the sandbox limit, as Jinja\'s SandboxedEnvironment says', async () => {
    const message = 'Template stopped by the sandbox (line 1): Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).';
    assert.equal(await failure('{{ range(10**9) }}'), message);
    assert.equal(await failure('{% for i in range(100000000) %}x{% endfor %}'), message);
    assert.equal(await rendered('{{ range(100000)|length }}'), '100000');
  });

  test('endless recursion is stopped', async () => {
    assert.equal(
      await failure('{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}'),
      'Template stopped by the sandbox (line 1): macro calls nest deeper than 100 levels (endless recursion?)',
    );
  });

  test('a loop that would run for hours is stopped by the sandbox', async () => {
    // 20,000,000 steps take about 4 s on an idle machine; on a loaded one the 5 s time budget may come first.
    // Either way the query ends with the sandbox's message; the step budget itself is checked without a clock in the engine tests below.
    assert.match(
      await failure('{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}'),
      /^Template stopped by the sandbox \(line 1\): (the template ran more than 20000000 steps \(an endless or very large loop\?\)|rendering took longer than 5 s)$/,
    );
  });

  test('a template producing 100 MB gets a clear error', async () => {
    assert.equal(await failure("{{ 'x' * 100000000 }}"), 'Template stopped by the sandbox (line 1): the template builds a text of more than 10 MiB');
    assert.equal(
      await failure("{% set mb = 'x' * 1000000 %}{% for i in range(100) %}{{ mb }}{% endfor %}"),
      'Template stopped by the sandbox (line 1): the output is larger than 10 MiB',
    );
    assert.equal(await failure("{{ ['x'] * 100000000 }}"), 'Template stopped by the sandbox (line 1): the template builds a list of more than 1000000 items');
  });

  test('deeply nested expressions are refused at parse time', async () => {
    assert.match(await failure('{{ ' + '('.repeat(500) + '1' + ')'.repeat(500) + ' }}'), /^Template syntax error \(line 1\): the template nests deeper than \d+ levels/);
  });
});

describe('parity with Jinja2 3.1 under upstream\'s module (issue 22)', () => {
  // Each expected text is what `SandboxedEnvironment().from_string(t).render(data)` gives with Jinja2 3.1.6.
  test('floats print as Python prints them, and stay floats through arithmetic', async () => {
    assert.equal(await rendered('{{ 1.0 }}|{{ 1e20 }}|{{ 2.5 * 2 }}'), '1.0|1e+20|5.0');
    assert.equal(
      await rendered('{{ 1e16 }}|{{ 1e15 }}|{{ 0.0001 }}|{{ 0.00001 }}|{{ 1.5e-7 }}|{{ -0.0 }}|{{ 123456789.123 }}|{{ 0.1 + 0.2 }}|{{ 1e300 * 1e300 }}'),
      '1e+16|1000000000000000.0|0.0001|1e-05|1.5e-07|-0.0|123456789.123|0.30000000000000004|inf',
    );
    assert.equal(
      await rendered('{{ 10 / 2 }}|{{ 7 // 2.0 }}|{{ 7 % 2.0 }}|{{ 2 ** -1 }}|{{ 2 ** 0.5 }}|{{ -1.0 }}|{{ 1_000.5 }}|{{ 7 // 2 }}|{{ 2 ** 2 }}|{{ 2.0 ** 2 }}|{{ True + 1.5 }}|{{ range(3)|sum / 3 }}'),
      '5.0|3.0|1.0|0.5|1.4142135623730951|-1.0|1000.5|3|4|4.0|2.5|1.0',
    );
  });

  test('filters, tests and formatting keep int and float apart', async () => {
    assert.equal(
      await rendered('{{ [1.0, 2.5] }}|{{ {"a": 1.0} }}|{{ 1.0|tojson }}|{{ 1e20|tojson }}|{{ 3|round }}|{{ 2.5|round }}|{{ 3|round(method="ceil") }}|{{ 3|float }}|{{ 3.7|int }}|{{ [1, 2.0]|sum }}|{{ -1.5|abs }}|{{ "x"|float }}'),
      "[1.0, 2.5]|{'a': 1.0}|1.0|1e+20|3|2.0|3.0|3.0|3|3.0|1.5|0.0",
    );
    assert.equal(
      await rendered('{{ "{}".format(5.0) }}|{{ "%s"|format(5.0) }}|{{ "%d"|format(5.5) }}|{{ 5.0 is float }}|{{ 5 is float }}|{{ 5.0 is integer }}|{{ "%.2f"|format(2) }}|{{ "{:.1f}".format(3) }}|{{ "{}".format(3) }}|{{ "{:>6}".format(2.5) }}'),
      '5.0|5.0|5|True|False|False|2.00|3.0|3|   2.5',
    );
    assert.equal(
      await rendered('{{ 2.675|round(2) }}|{{ 0.125|round(2) }}|{{ 1234|round(-2) }}|{{ 2.5|round(0, "floor") }}|{{ 1.0 in [1] }}|{{ [3, 1.5, 2]|sort }}|{{ 1.0|pprint }}|{{ "3.0"|int }}|{{ "1e3"|float }}|{{ 5.0|string }}|{{ 10 ** 21 }}'),
      '2.67|0.12|1200|2.0|True|[1.5, 2, 3]|1.0|3|1000.0|5.0|1000000000000000000000',
    );
    // fractional numbers in the data are floats, as Python's json module reads them
    assert.equal(await rendered('{{ score * 2 }}|{{ score is float }}|{{ count / 2 }}', { score: 1.5, count: 3 }), '3.0|True|1.5');
  });

  test('an unknown filter or test is an error only where Jinja\'s compiler checks it', async () => {
    // in an if (tests and branches) and in an inline if, Jinja checks when the template gets there
    assert.equal(await rendered('{% if Event.missing %}{{ Event.info|markdown }}{{ 1 is nosuchtest }}{% endif %}ok'), 'ok');
    assert.equal(await rendered('{{ Event.info|nosuch if Event.missing else "fallback" }}'), 'fallback');
    assert.equal(await rendered("{% if 'markdown' is filter %}{{ Event.info|markdown }}{% else %}plain{% endif %}"), 'plain');
    assert.equal(await emptyRender('{% if Event.published %}{{ Event.info|markdown }}{% endif %}'), "Template error (line 1): No filter named 'markdown' found.");
    // a for, with, macro or block inside the if is checked when compiled, as Jinja's inner frames are
    assert.equal(await failure('{% if Event.missing %}{% for a in Event.Attribute %}{{ a|nosuch }}{% endfor %}{% endif %}'), "Template syntax error (line 1): No filter named 'nosuch'.");
    assert.equal(await failure('{% if Event.missing %}{% macro m() %}{{ 1 is nosuch }}{% endmacro %}{% endif %}'), "Template syntax error (line 1): No test named 'nosuch'.");
    assert.equal(await failure('{{ Event.info|nosuch }}{% if x %}{% endif %}'), "Template syntax error (line 1): No filter named 'nosuch'.");
  });

  test('a render failure gives "" with the reason in the log, as upstream; syntax errors and sandbox stops stay errors', async () => {
    assert.equal(await emptyRender('{{ missing.deep }}'), "Template error (line 1): 'missing' is undefined");
    assert.equal(await emptyRender('line 1\n{{ Event.info + 1 }}'), "Template error (line 2): unsupported operand type(s) for +: 'str' and 'int'");
    assert.equal(await emptyRender('{{ 1.0 / 0 }}'), 'Template error (line 1): float division by zero');
    assert.equal(await emptyRender('{{ "2.5"|round }}'), "Template error (line 1): type str doesn't define __round__ method");
    assert.match(await failure('{% for x in %}'), /^Template syntax error \(line 1\)/);
    assert.match(await failure("{{ 'x' * 100000000 }}"), /^Template stopped by the sandbox/);
  });
});

describe('the template engine (Jinja semantics)', () => {
  test('Python printing of values', () => {
    assert.equal(render('{{ none }} {{ true }} {{ False }} {{ [1, "a", none, 2.5] }} {{ {"k": ["v"]} }} {{ missing }}|'), "None True False [1, 'a', None, 2.5] {'k': ['v']} |");
    assert.equal(render("{{ \"it's\" }} {{ [\"it's\"] }}"), 'it\'s ["it\'s"]');
  });

  test('operators and precedence (** is left-associative in Jinja, unlike Python)', () => {
    assert.equal(render('{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 2 ** 3 ** 2 }} {{ -2 ** 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 1 / 4 }}'), '7 9 64 4 3 -4 1 2 0.25');
    assert.equal(render('{{ "a" ~ 1 ~ none }} {{ "ab" * 3 }} {{ [1] + [2] }} {{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }}'), "a1None ababab [1, 2] True False");
    assert.equal(render('{{ "b" in "abc" }} {{ 2 not in [1, 3] }} {{ "x" in {"x": 1} }} {{ not 0 }} {{ 0 or "y" }} {{ 1 and 2 }}'), 'True True True True y 2');
    assert.equal(render('{{ "yes" if Event.published else "no" }} {{ "a" if 0 }}|'), 'yes |');
  });

  test('loops: loop variables, else, filters, unpacking, recursion', () => {
    assert.equal(render('{% for x in [1,2,3] %}{{ loop.index0 }}{{ loop.revindex }}{{ loop.first }}{{ loop.cycle("a","b") }} {% endfor %}'), '03Truea 12Falseb 21Falsea ');
    assert.equal(render('{% for x in [] %}x{% else %}empty{% endfor %}'), 'empty');
    assert.equal(render('{% for x in [1,2,3,4] if x is even %}{{ x }}/{{ loop.length }} {% endfor %}'), '2/2 4/2 ');
    assert.equal(render('{% for k, v in {"a": 1, "b": 2}.items() %}{{ k }}={{ v }};{% endfor %}'), 'a=1;b=2;');
    assert.equal(
      render('{% for n in tree recursive %}{{ n.name }}{% if n.kids %}({{ loop(n.kids) }}){% endif %}{% endfor %}', { tree: [{ name: 'a', kids: [{ name: 'b' }, { name: 'c', kids: [{ name: 'd' }] }] }] }),
      'a(bc(d))',
    );
  });

  test('scoping: set in a loop stays in the loop; namespace carries values out', () => {
    assert.equal(render('{% set n = 0 %}{% for x in [1,2] %}{% set n = n + x %}{% endfor %}{{ n }}'), '0');
    assert.equal(render('{% set ns = namespace(n=0) %}{% for x in [1,2] %}{% set ns.n = ns.n + x %}{% endfor %}{{ ns.n }}'), '3');
    assert.equal(render('{% set a, b = [1, 2] %}{{ b }}{{ a }}{% set block %}in {{ a }}{% endset %} {{ block|upper }}'), '21 IN 1');
    assert.equal(render('{% with x = 5 %}{{ x }}{% endwith %}{{ x }}|'), '5|');
  });

  test('macros with defaults, keywords, varargs and kwargs', () => {
    assert.equal(render('{% macro tag(name, cls="x") %}<{{ name }} {{ cls }} {{ varargs }} {{ kwargs }}>{% endmacro %}{{ tag("a") }}{{ tag("b", "y", 1, k=2) }}'), "<a x [] {}><b y [1] {'k': 2}>");
  });

  test('filters MISP templates use', () => {
    const items = { xs: [{ t: 'b', v: 2 }, { t: 'a', v: 3 }, { t: 'b', v: 1 }], words: ['Bb', 'a', 'C'] };
    assert.equal(render('{{ xs|sort(attribute="v")|map(attribute="v")|join(",") }} {{ words|sort|join }} {{ words|sort(reverse=true, case_sensitive=true)|join }}', items), '1,2,3 aBbC aCBb');
    assert.equal(render('{% for g in xs|groupby("t") %}{{ g.grouper }}:{{ g.list|length }} {% endfor %}', items), 'a:1 b:2 ');
    assert.equal(render('{{ xs|sum(attribute="v") }} {{ xs|map(attribute="t")|unique|list }} {{ [3,1,2]|max }} {{ []|first|default("none") }}', items), "6 ['b', 'a'] 3 none");
    assert.equal(render('{{ "  Hello World  "|trim|lower|replace("world", "MISP") }} {{ "hello world"|title }} {{ "abc"|capitalize }} {{ "x"|center(5) }}|'), 'hello MISP Hello World Abc   x  |');
    assert.equal(render('{{ "a b c d e f"|truncate(7, true) }}|{{ "a b c d e f"|truncate(7, true, leeway=0) }} {{ "a b c d e f g h"|wordcount }} {{ "<b>x</b>  y"|striptags }} {{ 1536|filesizeformat }} {{ "a/b c"|urlencode }}'), 'a b c d e f|a b ... 8 x y 1.5 kB a/b%20c');
    assert.equal(render('{{ "%s is %d%%"|format("x", 5) }} {{ "{0}-{1:03d}".format("a", 7) }} {{ "3"|int + "2.5"|float }} {{ "abc"|reverse }} {{ "line1\\nline2"|indent(2, true) }}'), 'x is 5% a-007 5.5 cba   line1\n  line2');
    assert.equal(render('{{ [1,2,3,4,5]|batch(2)|list }} {{ [1,2,3,4,5]|slice(2)|list }} {{ {"b":1,"a":2}|dictsort }}'), "[[1, 2], [3, 4], [5]] [[1, 2, 3], [4, 5]] [['a', 2], ['b', 1]]");
    assert.equal(render('{{ [1,0,2,none]|select|list }} {{ [1,2,3,4]|reject("odd")|list }} {{ xs|rejectattr("t", "eq", "b")|map(attribute="v")|first }}', items), '[1, 2] [2, 4] 3');
  });

  test('tests and string methods', () => {
    assert.equal(render('{{ x is defined }} {{ y is undefined }} {{ 9 is divisibleby 3 }} {{ "A" is upper }} {{ none is none }} {{ {} is mapping }} {{ 2 is in [1,2] }}', { x: 1 }), 'True True True True True True True');
    assert.equal(render('{{ "a,b,,c".split(",") }} {{ " x y ".split() }} {{ "a-b-c".rsplit("-", 1) }} {{ "Hi".startswith("H") }} {{ "ab".upper() }} {{ ",".join(["a","b"]) }}'), "['a', 'b', '', 'c'] ['x', 'y'] ['a-b', 'c'] True AB a,b");
    assert.equal(render('{% set l = [] %}{% for a in Event.Attribute %}{% set _ = l.append(a.type) %}{% endfor %}{{ l }} {{ Event.get("info")|length }} {{ Event.Orgc.get("x", "d") }}'), "['ip-dst', 'domain', 'md5'] 24 d");
  });

  test('errors carry their line and kind', () => {
    assert.throws(() => render('a\n{{ x.y }}'), (e: unknown) => e instanceof TemplateError && e.line === 2 && e.message === "'x' is undefined");
    assert.throws(() => render('{{ 1 / 0 }}'), (e: unknown) => e instanceof TemplateError && e.message === 'division by zero');
    assert.throws(() => render('{% endfor %}'), (e: unknown) => e instanceof TemplateSyntaxError);
    assert.throws(() => renderTemplate('{% for i in range(10) %}{{ i }}{% endfor %}', {}, { maxSteps: 20 }), (e: unknown) => e instanceof TemplateLimitError && /20 steps/.test(e.message));
    assert.throws(() => renderTemplate('{{ "abcdef" }}', {}, { maxOutputChars: 5 }), (e: unknown) => e instanceof TemplateLimitError);
  });

  test('writing a "__proto__" key stays data', () => {
    assert.equal(render('{% set d = {} %}{% set _ = d.update({"__proto__": {"polluted": 1}}) %}{{ d.polluted }}|{{ d["__proto__"] }}'), "|{'polluted': 1}");
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
});
