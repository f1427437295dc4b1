/**
 * vmray_import against a loopback VMRay REST API (vmray.example.org):
 * `GET /rest/...` with `Authorization: api_key …`, answered from recorded
 * fixtures (fixtures-net/vmray/); a wrong key is VMRay's 401 error.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vmrayImport from '../../../src/modules/import/vmray_import.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, type ModuleTestRow, type VendorRequest } from '../../support/module-tester.js';
import { assertValid, attribute, objects, relations, type Json } from './fixtures-b/helpers.js';

const API_KEY = 'vmray-9f8e7d6c5b4a';
const SAMPLE = '4711';
const CONFIG = { url: 'https://vmray.example.org', apikey: API_KEY, 'Sample ID': SAMPLE };
/** What MISP's form sends with the default boxes. */
const FORM = { VTI: '1', IOCs: '1', Artifacts: '0', 'Analysis Details': '1' };
const permalink = (id: number) => `https://vmray.example.org/user/analysis/view?from_sample_id=4711&id=${id}`;

const fixtureText = (name: string): string => readFileSync(new URL(`fixtures-net/vmray/${name}`, import.meta.url), 'utf8');
const fixture = (name: string): unknown => JSON.parse(fixtureText(`${name}.json`));

const authed = (answer: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse => {
  if (req.headers.authorization !== `api_key ${API_KEY}`) return { status: 401, json: fixture('error-auth') };
  return answer(req);
};

const SUMMARIES = new Set(['2431', '2432', '2433']);

const SYSTEM_INFO = 'GET /rest/system_info';
const SAMPLE_ROUTE = 'GET /rest/sample/:id';
const SUBMISSIONS = 'GET /rest/submission/sample/:id';
const ANALYSES = 'GET /rest/analysis/sample/:id';
const SUMMARY = 'GET /rest/analysis/:id/archive/logs/:file';

const VMRAY: Routes = {
  [SYSTEM_INFO]: authed(() => ({ json: fixture('system-info') })),
  [SAMPLE_ROUTE]: authed((req) => (req.params.id === SAMPLE ? { json: fixture('sample') } : { status: 404, json: fixture('error-not-found') })),
  [SUBMISSIONS]: authed(() => ({ json: fixture('submissions') })),
  [ANALYSES]: authed(() => ({ json: fixture('analyses-page1') })),
  'GET /rest/continuation/:id': authed((req) => (req.params.id === '77' ? { json: fixture('analyses-page2') } : { status: 404, json: {} })),
  [SUMMARY]: authed((req) => {
    const { id, file } = req.params as { id: string; file: string };
    if (file === 'summary_v2.json' && SUMMARIES.has(id)) return { headers: { 'content-type': 'application/octet-stream' }, body: fixtureText(`summary_v2-${id}.json`) };
    return { status: 404, json: fixture('error-no-summary') };
  }),
};

/** A VMRay before 3.3: summary.json (v1) for analysis 2431 only. */
const VMRAY_3_2: Routes = {
  [SYSTEM_INFO]: () => ({ json: fixture('system-info-3.2') }),
  [SUMMARY]: (req) => (req.params.id === '2431' && req.params.file === 'summary.json'
    ? { body: fixtureText('summary-v1-2431.json') }
    : { status: 404, json: fixture('error-no-summary') }),
};
const RUNNING: Routes = { [SUBMISSIONS]: () => ({ json: fixture('submissions-running') }) };

const tags = (a: Json): string[] => (a.Tag ?? []).map((x: Json) => x.name);
const calls = (requests: VendorRequest[]) => requests.map((r) => r.path);
const nothingSent = (requests: VendorRequest[]) => assert.equal(requests.length, 0);
/** The import query as MISP sends it; `config` is the table's (settings and form) unless a row says otherwise. */
const IMPORT = { event_id: '7', data: '' };

/** Configurations without a value upstream requires, in its order; sent as they are, without the form. */
const missingConfigRows: ModuleTestRow[] = (
  [
    ['url', { apikey: API_KEY, 'Sample ID': SAMPLE }],
    ['apikey', { url: CONFIG.url, apikey: '', 'Sample ID': SAMPLE }],
    ['Sample ID', { url: CONFIG.url, apikey: API_KEY, 'Sample ID': null }],
    ['url', undefined],
  ] as Array<[string, Record<string, unknown> | undefined]>
).map(([missing, config]) => ({
  name: `missing ${missing} (${config ? JSON.stringify(Object.keys(config)) : 'no config'}): upstream's message, nothing is sent`,
  query: { data: '', ...(config ? { config } : {}) },
  config: null,
  error: `VMRay config is missing a value for \`${missing}\`.`,
  requests: nothingSent,
}));

testModule({
  module: vmrayImport,
  vendors: { 'vmray.example.org': VMRAY },
  config: { ...CONFIG, ...FORM },
  settings: { allowUrlRanges: ['127.0.0.0/8'] },
  rows: [
    {
      name: 'declares upstream\'s form and settings',
      listing: (listed: Json) => {
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
      },
    },
    {
      name: 'a sample with two dynamic analyses, a static one and one without a summary',
      query: IMPORT,
      check: (answer: Json, requests) => {
        assertValid(answer);
        // upstream's order of calls; the analysis list continues on a second page
        assert.deepEqual(requests.map((r) => r.path), [
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
        for (const request of requests) assert.equal(request.headers.authorization, `api_key ${API_KEY}`);

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
      },
    },
    {
      name: 'disable_misp_objects: plain attributes with the analysis details and permalinks',
      query: IMPORT,
      config: { disable_misp_objects: 'true' },
      check: (answer: Json) => {
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
      },
    },
    {
      name: '"Analysis Details" off drops the details (IOCs and VTI off too, attribute mode)',
      query: IMPORT,
      config: { disable_misp_objects: 'yes', 'Analysis Details': '0', IOCs: '0', VTI: '0' },
      check: (plain: Json) => {
        assertValid(plain);
        assert.deepEqual(plain.results.Attribute.map((a: Json) => [a.type, a.value]), [
          ['text', 'Classifications: Ransomware, Downloader'],
          ['link', permalink(2431)],
          ['text', 'Classifications: Downloader'],
          ['link', permalink(2432)],
        ]);
      },
    },
    {
      name: 'IOCs off drops the artifacts; VTI off drops the signatures',
      query: IMPORT,
      config: { IOCs: '0', VTI: '0' },
      check: (noIocs: Json) => {
        assertValid(noIocs);
        assert.deepEqual(objects(noIocs).map((o) => o.name), ['sandbox-report', 'sandbox-report']);
      },
    },
    {
      name: '"Artifacts" adds the non-IOC ones; disable_tags leaves the VMRay tags out',
      query: IMPORT,
      config: { Artifacts: '1', disable_tags: 'true' },
      check: (answer: Json) => {
        assertValid(answer);
        assert.deepEqual(objects(answer, 'file').map((o) => relations(o).filename), [['invoice.exe', 'invoice_copy.exe'], ['README.txt']]);
        assert.ok(objects(answer).every((o) => o.Attribute.every((a: Json) => !a.Tag)));
        assert.ok(!answer.results.Tag.some((x: Json) => x.name.startsWith('vmray:')));
      },
    },
    {
      name: 'a VMRay before 3.3: summary.json (v1), every artifact',
      query: IMPORT,
      config: { IOCs: '0' },
      routes: VMRAY_3_2,
      requests: (requests) => assert.ok(calls(requests).includes('/rest/analysis/2431/archive/logs/summary.json')),
      check: (answer: Json) => {
        assertValid(answer);
        assert.deepEqual(objects(answer).map((o) => o.name), ['sandbox-report', 'sb-signature', 'domain-ip', 'file', 'ip-port']);
        assert.deepEqual(relations(objects(answer, 'sandbox-report')[0]!), {
          'on-premise-sandbox': ['vmray'], permalink: [permalink(2431)], score: ['malicious'],
          'sandbox-type': ['win7_32_sp1 | Windows Exe (x86-32)'], results: ['Classifications: Trojan'],
        });
        // the non-IOC address is there although "IOCs" is off: this version marks no IOCs
        assert.deepEqual(relations(objects(answer, 'ip-port')[0]!), { ip: ['203.0.113.9'] });
      },
    },
    {
      name: 'a VMRay before 3.3 in attribute mode: the analysis details of summary.json',
      query: IMPORT,
      config: { disable_misp_objects: 'true' },
      routes: VMRAY_3_2,
      check: (plain: Json) => assert.equal(plain.results.Attribute[0].value, 'Analysis 2431: execution_successful: True'),
    },
    {
      name: 'a sample ID with spaces or a sign is read as Python\'s int() reads it; a scheme-less url means https',
      query: IMPORT,
      config: { 'Sample ID': ' +4711 ', url: 'vmray.example.org/' },
      check: (answer: Json) => assertValid(answer),
      requests: (requests) => assert.equal(calls(requests)[1], `/rest/sample/${SAMPLE}`),
    },

    // analyses still running
    {
      name: 'refused while a submission is unfinished (upstream\'s message)',
      query: IMPORT,
      routes: RUNNING,
      error: 'Not all analysis for `4711` are finished. Try it again in a few minutes.',
      requests: (requests) => assert.ok(!calls(requests).includes(`/rest/analysis/sample/${SAMPLE}`), 'no analysis is fetched'),
    },
    {
      name: 'ignore_analysis_finished imports what is there',
      query: IMPORT,
      config: { ignore_analysis_finished: 'True' },
      routes: RUNNING,
      requests: (requests) => assert.ok(!calls(requests).includes(`/rest/submission/sample/${SAMPLE}`)),
      check: (answer: Json) => {
        assertValid(answer);
        assert.equal(objects(answer, 'sandbox-report').length, 2);
      },
    },
    {
      name: 'no dynamic report at all: a clear error rather than an empty event',
      query: IMPORT,
      routes: { [ANALYSES]: () => ({ json: { result: 'ok', data: (fixture('analyses-page2') as Json).data } }) },
      error: 'VMRay has no dynamic analysis report for sample `4711`: nothing to import.',
    },

    // configuration (upstream messages)
    ...missingConfigRows,
    ...['12a', '1.5', '0x10', '4711;rm'].map((id) => ({
      name: `a sample ID that is not an integer: ${id}`,
      query: IMPORT,
      config: { 'Sample ID': id },
      error: 'Could not convert sample id to integer.',
      requests: nothingSent,
    })),
    { name: 'a url that is not a URL', query: IMPORT, config: { url: 'https://' }, error: 'The VMRay url setting is not a valid URL: https://' },
    { name: 'a url that is not http(s)', query: IMPORT, config: { url: 'ftp://vmray.example.org' }, error: 'The VMRay url setting must be an https:// URL of the VMRay server.' },
    {
      name: 'the server goes through the URL guard',
      // A server that does not allow loopback fetches, asked for the fake's own URL.
      settings: { allowUrlRanges: [], upstreams: [] },
      query: ({ vendor }) => ({ data: '', config: { ...CONFIG, url: vendor().url } }),
      config: null,
      error: /^Refusing to fetch http:\/\/127\.0\.0\.1:\d+\/rest\/system_info: .*loopback/,
      requests: nothingSent,
      check: (refused) => assert.ok(!String(refused['error']).includes(API_KEY)),
    },

    // API failures
    {
      name: 'a wrong API key: VMRay\'s 401 and its message, the key never echoed',
      query: IMPORT,
      config: { apikey: 'wrong-key' },
      error: 'VMRay answered HTTP 401 Unauthorized: Authentication failed.',
      requests: (requests) => assert.deepEqual(calls(requests), ['/rest/system_info']),
    },
    {
      name: 'an unknown sample ID (upstream\'s message)',
      query: IMPORT,
      config: { 'Sample ID': '999' },
      error: 'Could not find sample id `999` on server.',
      requests: (requests) => assert.deepEqual(calls(requests), ['/rest/system_info', '/rest/sample/999']),
    },
    {
      name: 'an error inside a 200 answer',
      query: IMPORT,
      routes: { [ANALYSES]: { json: { result: 'error', error_msg: 'Permission denied.' } } },
      error: 'VMRay answered an error: Permission denied.',
    },
    {
      name: '500 with a JSON body',
      query: IMPORT,
      routes: { [SUBMISSIONS]: { status: 500, json: { result: 'error', error_msg: 'Internal server error' } } },
      error: 'VMRay answered HTTP 500 Internal Server Error: Internal server error.',
    },
    {
      name: '502 without a JSON body',
      query: IMPORT,
      routes: { [SUBMISSIONS]: { status: 502, body: '<html>Bad Gateway</html>' } },
      error: 'VMRay answered HTTP 502 Bad Gateway.',
    },
    {
      name: '429 with a long Retry-After is not waited for',
      query: IMPORT,
      routes: { [SAMPLE_ROUTE]: { status: 429, headers: { 'retry-after': '600' }, json: { result: 'error', error_msg: 'Too many requests' } } },
      error: 'VMRay answered HTTP 429 Too Many Requests: Too many requests.',
    },
    {
      name: 'malformed JSON from the API',
      query: IMPORT,
      routes: { [SYSTEM_INFO]: { body: '{"result": "ok", "data": {"version_major": ' } },
      error: 'VMRay answered with invalid JSON (HTTP 200) for /rest/system_info.',
    },
    {
      name: 'malformed JSON in a summary',
      query: IMPORT,
      routes: { [SUMMARY]: { body: '{"_type": "summary", "vti": ' } },
      error: 'VMRay answered an invalid summary_v2.json for analysis 2431 (not JSON).',
    },
    {
      name: 'an answer of the wrong shape: system_info without its version',
      query: IMPORT,
      routes: { [SYSTEM_INFO]: { json: { result: 'ok', data: {} } } },
      error: 'VMRay answered /rest/system_info without its version.',
    },
    {
      name: 'an answer of the wrong shape: not an API response',
      query: IMPORT,
      routes: { [SYSTEM_INFO]: { json: ['not', 'an', 'answer'] } },
      error: 'VMRay answered /rest/system_info with JSON that is not an API response.',
    },
    {
      name: 'a server that never answers: the query times out',
      query: { ...IMPORT, timeout: 1 },
      routes: { [SUMMARY]: { hang: true } },
      error: 'Timeout.',
    },
  ],
});
