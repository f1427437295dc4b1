import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import vmrayImport from '../../../src/modules/import/vmray_import.js';
import { startFakeHttp, type FakeHttp, type FakeRequest, type FakeResponse } from '../../support/fake-http.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValid, attribute, objects, relations, type Json } from './fixtures-b/helpers.js';

const API_KEY = 'vmray-9f8e7d6c5b4a';
const SAMPLE = '4711';
const CONFIG = { url: 'https://vmray.example.org', apikey: API_KEY, 'Sample ID': SAMPLE };
/** What MISP's form sends with the default boxes. */
const FORM = { VTI: '1', IOCs: '1', Artifacts: '0', 'Analysis Details': '1' };
const permalink = (id: number) => `https://vmray.example.org/user/analysis/view?from_sample_id=4711&id=${id}`;

const fixtureText = (name: string): string => readFileSync(new URL(`fixtures-net/vmray/${name}`, import.meta.url), 'utf8');
const fixture = (name: string): unknown => JSON.parse(fixtureText(`${name}.json`));

/** Per-test replacement of an endpoint's answer, keyed by route name. */
let overrides: Record<string, (req: FakeRequest) => FakeResponse> = {};

const authed = (name: string, answer: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse => {
  if (overrides[name]) return overrides[name](req);
  if (req.headers.authorization !== `api_key ${API_KEY}`) return { status: 401, json: fixture('error-auth') };
  return answer(req);
};

const SUMMARIES = new Set(['2431', '2432', '2433']);

let fake: FakeHttp;
let t: TestServer;

before(async () => {
  fake = await startFakeHttp({
    'GET /rest/system_info': authed('system_info', () => ({ json: fixture('system-info') })),
    'GET /rest/sample/:id': authed('sample', (req) => (req.params.id === SAMPLE ? { json: fixture('sample') } : { status: 404, json: fixture('error-not-found') })),
    'GET /rest/submission/sample/:id': authed('submissions', () => ({ json: fixture('submissions') })),
    'GET /rest/analysis/sample/:id': authed('analyses', () => ({ json: fixture('analyses-page1') })),
    'GET /rest/continuation/:id': authed('continuation', (req) => (req.params.id === '77' ? { json: fixture('analyses-page2') } : { status: 404, json: {} })),
    'GET /rest/analysis/:id/archive/logs/:file': authed('summary', (req) => {
      const { id, file } = req.params as { id: string; file: string };
      if (file === 'summary_v2.json' && SUMMARIES.has(id)) return { headers: { 'content-type': 'application/octet-stream' }, body: fixtureText(`summary_v2-${id}.json`) };
      return { status: 404, json: fixture('error-no-summary') };
    }),
  });
  t = await startTestServer({
    builtins: [vmrayImport],
    settings: { upstreams: [`vmray.example.org=${fake.url}`], allowUrlRanges: ['127.0.0.0/8'] },
  });
});
after(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => {
  overrides = {};
  fake.requests.length = 0;
});

const ask = (config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<Json> =>
  t.query({ module: 'vmray_import', event_id: '7', data: '', config: { ...CONFIG, ...FORM, ...config }, ...extra });
const tags = (a: Json): string[] => (a.Tag ?? []).map((x: Json) => x.name);
const calls = () => fake.requests.map((r) => r.path);

describe('vmray_import', () => {
  test('declares upstream\'s form and settings', async () => {
    const listed = ((await t.get('/modules')).json() as Json[]).find((m) => m.name === 'vmray_import')!;
    assert.deepEqual(listed.mispattributes.inputSource, []);
    assert.equal(listed.mispattributes.format, 'misp_standard');
    assert.deepEqual(listed.mispattributes.userConfig, {
      'Sample ID': { type: 'Integer', errorMessage: 'The VMRay sample ID to download the reports' },
      VTI: { type: 'Boolean', message: 'Include VMRay Threat Identifiers', checked: 'True' },
      IOCs: { type: 'Boolean', message: 'Include IOCs', checked: 'True' },
      Artifacts: { type: 'Boolean', message: 'Include other Artifacts' },
      'Analysis Details': { type: 'Boolean', message: 'Include Analysis Details', checked: 'True' },
    });
    assert.deepEqual(listed.meta.config, ['apikey', 'url', 'disable_tags', 'disable_misp_objects', 'ignore_analysis_finished']);
  });

  test('a sample with two dynamic analyses, a static one and one without a summary', async () => {
    const answer = await ask();
    assertValid(answer);
    // upstream's order of calls; the analysis list continues on a second page
    assert.deepEqual(calls(), [
      '/rest/system_info',
      `/rest/sample/${SAMPLE}`,
      `/rest/submission/sample/${SAMPLE}`,
      `/rest/analysis/sample/${SAMPLE}`,
      '/rest/continuation/77',
      '/rest/analysis/2431/archive/logs/summary_v2.json',
      '/rest/analysis/2432/archive/logs/summary_v2.json',
      '/rest/analysis/2433/archive/logs/summary_v2.json',
      '/rest/analysis/2434/archive/logs/summary_v2.json',
    ]);
    for (const request of fake.requests) assert.equal(request.headers.authorization, `api_key ${API_KEY}`);

    // one sandbox report per dynamic analysis; the static one (its IP 192.0.2.99 too) is left out
    assert.deepEqual(objects(answer).map((o) => o.name), ['sandbox-report', 'sandbox-report', 'sb-signature', 'domain-ip', 'file', 'ip-port', 'mutex', 'process', 'registry-key', 'url', 'ip-port']);
    const [first, second] = objects(answer, 'sandbox-report');
    assert.deepEqual(relations(first!), {
      'on-premise-sandbox': ['vmray'], permalink: [permalink(2431)], score: ['malicious'],
      'sandbox-type': ['win10_64_th2_en_mso2016 | Windows Exe (x86-32)'], results: ['Classifications: Ransomware, Downloader'],
    });
    assert.deepEqual(relations(second!), {
      'on-premise-sandbox': ['vmray'], permalink: [permalink(2432)], score: ['suspicious'],
      'sandbox-type': ['win7_32_sp1_en_mso2010 | Windows Exe (x86-32)'], results: ['Classifications: Downloader'],
    });
    assert.deepEqual(tags(attribute(second!, 'score')), ['vmray:verdict="suspicious"']);

    // VTIs of both analyses, once each
    const signature = objects(answer, 'sb-signature')[0]!;
    assert.deepEqual(relations(signature), {
      software: ['VMRay Platform'],
      signature: [
        'Anti Analysis: Tries to detect virtual machine. Checks for VirtualBox artifacts',
        'Data Destruction: Deletes volume shadow copies. Uses vssadmin',
        'Network Connection: Connects to remote host. Outgoing TCP connection',
      ],
    });
    assert.deepEqual(signature.Attribute.filter((a: Json) => a.object_relation === 'signature').map(tags), [
      ['vmray:vti_analysis_score="3/5"'], ['vmray:vti_analysis_score="5/5"'], ['vmray:vti_analysis_score="2/5"'],
    ]);

    // the same domain and file seen in both analyses are merged
    const domain = objects(answer, 'domain-ip')[0]!;
    assert.deepEqual(relations(domain), { domain: ['c2.bad-domain.example'], ip: ['198.51.100.7', '203.0.113.50'] });
    assert.deepEqual(tags(attribute(domain, 'domain')), ['vmray:artifact="IOC"', 'vmray:verdict="malicious"']);
    assert.equal(attribute(domain, 'domain').to_ids, true);
    const file = objects(answer, 'file')[0]!;
    assert.deepEqual(relations(file).filename, ['invoice.exe', 'invoice_copy.exe']);
    assert.deepEqual(relations(file).fullpath, ['%USERPROFILE%\\AppData\\Local\\Temp\\invoice.exe', '%USERPROFILE%\\Downloads\\invoice_copy.exe']);
    assert.equal(attribute(file, 'filename').comment, 'Operations: access, create, read');
    assert.deepEqual(relations(file).sha256, ['275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f']);
    assert.deepEqual(objects(answer, 'ip-port').map((o) => relations(o).ip), [['198.51.100.7'], ['203.0.113.50']]);
    assert.deepEqual(relations(objects(answer, 'url')[0]!), { url: ['http://c2.bad-domain.example/gate.php'], domain: ['c2.bad-domain.example'], ip: ['198.51.100.7'] });

    // ATT&CK techniques of both analyses, then the sample's verdict from /rest/sample
    assert.deepEqual(answer.results.Tag.map((x: Json) => x.name), [
      'misp-galaxy:mitre-attack-pattern="Inhibit System Recovery - T1490"',
      'misp-galaxy:mitre-attack-pattern="Virtualization/Sandbox Evasion - T1497"',
      'misp-galaxy:mitre-attack-pattern="Standard Application Layer Protocol - T1071"',
      'vmray:verdict="malicious"',
    ]);
  });

  test('disable_misp_objects: plain attributes with the analysis details and permalinks', async () => {
    const answer = await ask({ disable_misp_objects: 'true' });
    assertValid(answer);
    assert.equal(objects(answer).length, 0);
    const pairs = answer.results.Attribute.map((a: Json) => [a.type, a.value]);
    assert.deepEqual(pairs.slice(0, 6), [
      ['text', 'Analysis 2431: execution_successful: True'],
      ['text', 'Analysis 2431: termination_reason: timeout'],
      ['text', 'Analysis 2431: result: Malicious'],
      ['text', 'Classifications: Ransomware, Downloader'],
      ['text', 'Tries to detect virtual machine'],
      ['text', 'Deletes volume shadow copies'],
    ]);
    const links = pairs.filter(([type]: string[]) => type === 'link').map(([, value]: string[]) => value);
    assert.deepEqual(links, [permalink(2431), permalink(2432)]);
    assert.ok(pairs.some(([type, value]: string[]) => type === 'ip-dst' && value === '203.0.113.50'));
    assert.ok(!pairs.some(([, value]: string[]) => value === '192.0.2.99'), 'the static analysis is left out');
    assert.equal(answer.results.Tag, undefined, 'no tags in attribute mode');
  });

  test('"Analysis Details" off drops the details; IOCs off drops the artifacts; VTI off drops the signatures', async () => {
    const plain = await ask({ disable_misp_objects: 'yes', 'Analysis Details': '0', IOCs: '0', VTI: '0' });
    assertValid(plain);
    assert.deepEqual(plain.results.Attribute.map((a: Json) => [a.type, a.value]), [
      ['text', 'Classifications: Ransomware, Downloader'],
      ['link', permalink(2431)],
      ['text', 'Classifications: Downloader'],
      ['link', permalink(2432)],
    ]);

    const noIocs = await ask({ IOCs: '0', VTI: '0' });
    assertValid(noIocs);
    assert.deepEqual(objects(noIocs).map((o) => o.name), ['sandbox-report', 'sandbox-report']);
  });

  test('"Artifacts" adds the non-IOC ones; disable_tags leaves the VMRay tags out', async () => {
    const answer = await ask({ Artifacts: '1', disable_tags: 'true' });
    assertValid(answer);
    assert.deepEqual(objects(answer, 'file').map((o) => relations(o).filename), [['invoice.exe', 'invoice_copy.exe'], ['README.txt']]);
    assert.ok(objects(answer).every((o) => o.Attribute.every((a: Json) => !a.Tag)));
    assert.ok(!answer.results.Tag.some((x: Json) => x.name.startsWith('vmray:')));
  });

  test('a VMRay before 3.3: summary.json (v1), every artifact', async () => {
    overrides.system_info = () => ({ json: fixture('system-info-3.2') });
    overrides.summary = (req) => (req.params.id === '2431' && req.params.file === 'summary.json'
      ? { body: fixtureText('summary-v1-2431.json') }
      : { status: 404, json: fixture('error-no-summary') });
    const answer = await ask({ IOCs: '0' });
    assertValid(answer);
    assert.ok(calls().includes('/rest/analysis/2431/archive/logs/summary.json'));
    assert.deepEqual(objects(answer).map((o) => o.name), ['sandbox-report', 'sb-signature', 'domain-ip', 'file', 'ip-port']);
    assert.deepEqual(relations(objects(answer, 'sandbox-report')[0]!), {
      'on-premise-sandbox': ['vmray'], permalink: [permalink(2431)], score: ['malicious'],
      'sandbox-type': ['win7_32_sp1 | Windows Exe (x86-32)'], results: ['Classifications: Trojan'],
    });
    // the non-IOC address is there although "IOCs" is off: this version marks no IOCs
    assert.deepEqual(relations(objects(answer, 'ip-port')[0]!), { ip: ['203.0.113.9'] });

    const plain = await ask({ disable_misp_objects: 'true' });
    assert.equal(plain.results.Attribute[0].value, 'Analysis 2431: execution_successful: True');
  });

  test('a sample ID with spaces or a sign is read as Python\'s int() reads it; a scheme-less url means https', async () => {
    const answer = await ask({ 'Sample ID': ' +4711 ', url: 'vmray.example.org/' });
    assertValid(answer);
    assert.equal(calls()[1], `/rest/sample/${SAMPLE}`);
  });
});

describe('vmray_import: analyses still running', () => {
  test('refused while a submission is unfinished (upstream\'s message)', async () => {
    overrides.submissions = () => ({ json: fixture('submissions-running') });
    assert.deepEqual(await ask(), { error: 'Not all analysis for `4711` are finished. Try it again in a few minutes.' });
    assert.ok(!calls().includes(`/rest/analysis/sample/${SAMPLE}`), 'no analysis is fetched');
  });

  test('ignore_analysis_finished imports what is there', async () => {
    overrides.submissions = () => ({ json: fixture('submissions-running') });
    const answer = await ask({ ignore_analysis_finished: 'True' });
    assertValid(answer);
    assert.ok(!calls().includes(`/rest/submission/sample/${SAMPLE}`));
    assert.equal(objects(answer, 'sandbox-report').length, 2);
  });

  test('no dynamic report at all: a clear error rather than an empty event', async () => {
    overrides.analyses = () => ({ json: { result: 'ok', data: (fixture('analyses-page2') as Json).data } });
    assert.deepEqual(await ask(), { error: 'VMRay has no dynamic analysis report for sample `4711`: nothing to import.' });
  });
});

describe('vmray_import: configuration (upstream messages)', () => {
  const withConfig = (config: Record<string, unknown>) => t.query({ module: 'vmray_import', data: '', config });

  test('missing url, apikey or sample ID, in upstream\'s order; nothing is sent', async () => {
    assert.deepEqual(await withConfig({ apikey: API_KEY, 'Sample ID': SAMPLE }), { error: 'VMRay config is missing a value for `url`.' });
    assert.deepEqual(await withConfig({ url: CONFIG.url, apikey: '', 'Sample ID': SAMPLE }), { error: 'VMRay config is missing a value for `apikey`.' });
    assert.deepEqual(await withConfig({ url: CONFIG.url, apikey: API_KEY, 'Sample ID': null }), { error: 'VMRay config is missing a value for `Sample ID`.' });
    assert.deepEqual(await t.query({ module: 'vmray_import', data: '' }), { error: 'VMRay config is missing a value for `url`.' });
    assert.equal(fake.requests.length, 0);
  });

  test('a sample ID that is not an integer', async () => {
    for (const id of ['12a', '1.5', '0x10', '4711;rm']) {
      assert.deepEqual(await ask({ 'Sample ID': id }), { error: 'Could not convert sample id to integer.' }, id);
    }
    assert.equal(fake.requests.length, 0);
  });

  test('a url that is not a URL or not http(s)', async () => {
    assert.deepEqual(await ask({ url: 'https://' }), { error: 'The VMRay url setting is not a valid URL: https://' });
    assert.deepEqual(await ask({ url: 'ftp://vmray.example.org' }), { error: 'The VMRay url setting must be an https:// URL of the VMRay server.' });
  });

  test('the server goes through the URL guard', async () => {
    const guarded = await startTestServer({ builtins: [vmrayImport] });
    try {
      const refused = await guarded.query({ module: 'vmray_import', data: '', config: { ...CONFIG, url: fake.url } });
      assert.match(String(refused.error), /^Refusing to fetch http:\/\/127\.0\.0\.1:\d+\/rest\/system_info: .*loopback/);
      assert.equal(fake.requests.length, 0);
      assert.ok(!String(refused.error).includes(API_KEY));
    } finally {
      await guarded.close();
    }
  });
});

describe('vmray_import: API failures', () => {
  test('a wrong API key: VMRay\'s 401 and its message, the key never echoed', async () => {
    const answer = await ask({ apikey: 'wrong-key' });
    assert.deepEqual(answer, { error: 'VMRay answered HTTP 401 Unauthorized: Authentication failed.' });
    assert.deepEqual(calls(), ['/rest/system_info']);
  });

  test('an unknown sample ID (upstream\'s message)', async () => {
    assert.deepEqual(await ask({ 'Sample ID': '999' }), { error: 'Could not find sample id `999` on server.' });
    assert.deepEqual(calls(), ['/rest/system_info', '/rest/sample/999']);
  });

  test('an error inside a 200 answer', async () => {
    overrides.analyses = () => ({ json: { result: 'error', error_msg: 'Permission denied.' } });
    assert.deepEqual(await ask(), { error: 'VMRay answered an error: Permission denied.' });
  });

  test('500 with and without a JSON body', async () => {
    overrides.submissions = () => ({ status: 500, json: { result: 'error', error_msg: 'Internal server error' } });
    assert.deepEqual(await ask(), { error: 'VMRay answered HTTP 500 Internal Server Error: Internal server error.' });
    overrides.submissions = () => ({ status: 502, body: '<html>Bad Gateway</html>' });
    assert.deepEqual(await ask(), { error: 'VMRay answered HTTP 502 Bad Gateway.' });
  });

  test('429 with a long Retry-After is not waited for', async () => {
    overrides.sample = () => ({ status: 429, headers: { 'retry-after': '600' }, json: { result: 'error', error_msg: 'Too many requests' } });
    assert.deepEqual(await ask(), { error: 'VMRay answered HTTP 429 Too Many Requests: Too many requests.' });
  });

  test('malformed JSON from the API and in a summary', async () => {
    overrides.system_info = () => ({ body: '{"result": "ok", "data": {"version_major": ' });
    assert.deepEqual(await ask(), { error: 'VMRay answered with invalid JSON (HTTP 200) for /rest/system_info.' });

    overrides = { summary: () => ({ body: '{"_type": "summary", "vti": ' }) };
    assert.deepEqual(await ask(), { error: 'VMRay answered an invalid summary_v2.json for analysis 2431 (not JSON).' });
  });

  test('answers of the wrong shape', async () => {
    overrides.system_info = () => ({ json: { result: 'ok', data: {} } });
    assert.deepEqual(await ask(), { error: 'VMRay answered /rest/system_info without its version.' });
    overrides.system_info = () => ({ json: ['not', 'an', 'answer'] });
    assert.deepEqual(await ask(), { error: 'VMRay answered /rest/system_info with JSON that is not an API response.' });
  });

  test('a server that never answers: the query times out', async () => {
    overrides.summary = () => ({ hang: true });
    assert.deepEqual(await ask({}, { timeout: 1 }), { error: 'Timeout.' });
  });
});
