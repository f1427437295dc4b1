/**
 * vmware_nsx against loopback NSX Defender analysis APIs (both hosted data
 * centers and an on-premise one) answering like tau-clients documents them
 * (`{"success": 1, "data": …}` envelopes, a session cookie from
 * `authentication/login`, multipart `submit/file`), a loopback VirusTotal
 * download and a loopback MISP galaxy.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import vmwareNsx from '../../../src/modules/expansion/vmware_nsx.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const KEY = 'nsx-key';
const TOKEN = 'nsx-api-token';
const COOKIE = 'papi_session=8f1c2d3e4b5a';
const TASK = 'dbc8b217c32a00102d2f5c684d666f47';
const NEW_TASK = 'f3c0ae115d51001017ff8da768fa6049';
const MD5 = '25ea2092ffc29fde64175a19a5795bf7';
const SHA1_UNKNOWN = 'ba81b98f00168b86578e5f5de93d26ed83769432';
const SAMPLES = new URL('../../../../shared/samples/', import.meta.url);
const infectedZip = (await readFile(new URL('infected.zip', SAMPLES))).toString('base64');
/** The sha1 of the file inside infected.zip (a truncated EICAR test string). */
const SAMPLE_SHA1 = '902be10b6a6c1c60fa505fb0c05514fda9bda506';

const ok = (data: unknown): FakeResponse => ({ json: { success: 1, data } });

const RESULT = {
  task_uuid: TASK,
  score: 100,
  analysis_subject: { md5: MD5, sha1: SHA1_UNKNOWN, sha256: '9f247f42114e7449b3dc5ed99ee706fbe1f2393d9f6f41a4a4ff2c3b5b0e1a2c', mime_type: 'application/x-pe-app-32bit-i386' },
  malicious_activity: ['Execution: Ability to download and execute commands', 'Anomaly: AI detected possible malicious code reuse'],
  activity_to_mitre_techniques: { 'Execution: Ability to download and execute commands': [{ id: 'T1105', name: 'Ingress Tool Transfer' }] },
  report: {
    analysis_subjects: [
      {
        dns_queries: [
          { hostname: 'c2.bad-domain.example', results: ['203.0.113.7'] },
          { hostname: 'wpad', results: [] },
          { hostname: '2.2.0.10.in-addr.arpa.', results: [] },
        ],
        http_conversations: [{ src_ip: '10.0.2.15', dst_ip: '203.0.113.7', src_port: 49162, dst_port: 8080, dst_host: 'c2.bad-domain.example', url: 'GET /gate.php?id=1 HTTP/1.1' }],
      },
    ],
  },
};

const TAGS = {
  task_uuid: TASK,
  analysis_tags: [
    { data: { score: 70, type: 'activity', value: 'Execution: Ability to download and execute commands' }, format: 'typed_tag' },
    { data: { score: 100, type: 'av_family', value: 'hacktoolx' }, format: 'typed_tag' },
    { data: { score: 100, type: 'av_class', value: 'trojan' }, format: 'typed_tag' },
  ],
};

/** One NSX Defender analysis API; `known` lists the hashes it has a task for. */
function analysisApi(known: Record<string, string>, prefix = ''): Routes {
  const session = (req: FakeRequest, answer: () => FakeResponse): FakeResponse =>
    (req.headers.cookie ?? '').includes(COOKIE) ? answer() : { status: 401, json: { success: 0, error_code: 3004, error: 'Authentication required' } };
  return {
    [`POST ${prefix}/authentication/login.json`]: (req: FakeRequest): FakeResponse => {
      const form = new URLSearchParams(req.body);
      if (form.get('key') !== KEY || form.get('api_token') !== TOKEN) return { json: { success: 0, error_code: 3004, error: 'Invalid credentials' } };
      return { headers: { 'set-cookie': `${COOKIE}; Path=/; HttpOnly` }, json: { success: 1, data: {} } };
    },
    [`GET ${prefix}/analysis/query/file_hash.json`]: (req: FakeRequest) =>
      session(req, () => {
        const task = known[req.query['hash_value'] ?? ''];
        return ok(task ? { tasks: [{ expires: '2031-02-01 14:54:09', task_uuid: task, score: 100, file_md5: MD5 }], files_found: 1 } : { tasks: [], files_found: 0 });
      }),
    [`POST ${prefix}/analysis/submit/url.json`]: (req: FakeRequest) => session(req, () => ok({ submission_timestamp: '2026-12-06 09:00:00', task_uuid: NEW_TASK })),
    [`POST ${prefix}/analysis/submit/file.json`]: (req: FakeRequest) =>
      session(req, () => {
        if (!/^multipart\/form-data; boundary=/.test(req.headers['content-type'] ?? '') || !req.body.includes('filename="dummy-ascii-name-for-file-param"')) {
          return { status: 400, json: { success: 0, error: 'No file' } };
        }
        return ok({ submission_timestamp: '2026-12-06 09:00:00', task_uuid: NEW_TASK });
      }),
    [`GET ${prefix}/analysis/get_analysis_tags.json`]: (req: FakeRequest) => session(req, () => ok(req.query['uuid'] === TASK ? TAGS : { task_uuid: req.query['uuid'], analysis_tags: [] })),
    [`GET ${prefix}/analysis/get.json`]: (req: FakeRequest) =>
      session(req, () => (req.query['uuid'] === TASK ? ok(RESULT) : { json: { success: 0, error_code: 404, error: 'Analysis not finished' } })),
  };
}

const MISP_GALAXY = {
  'GET /galaxies/view/c4e851fa-775f-11e7-8163-b774922098cd': (req: FakeRequest): FakeResponse =>
    req.headers.authorization === 'misp-key'
      ? { json: { Galaxy: { name: 'Attack Pattern', type: 'mitre-attack-pattern' }, GalaxyCluster: [{ value: 'Ingress Tool Transfer - T1105', tag_name: 'misp-galaxy:mitre-attack-pattern="Ingress Tool Transfer - T1105"' }, { value: 'Process Injection - T1055', tag_name: 'misp-galaxy:mitre-attack-pattern="Process Injection - T1055"' }] } }
      : { status: 403, json: { message: 'Authentication failed.' } },
} satisfies Routes;

const VT = {
  'GET /api/v3/files/:hash/download': (req: FakeRequest): FakeResponse =>
    req.headers['x-apikey'] !== 'vt-key' ? { status: 401, json: { error: { code: 'WrongCredentialsError', message: 'Wrong API key' } } }
    : req.params['hash'] === SHA1_UNKNOWN ? { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from('MZ sample from VT') }
    : { status: 404, json: { error: { code: 'NotFoundError', message: `File "${req.params['hash']}" not found` } } },
} satisfies Routes;

const attribute = (type: string, value: string, extra: Record<string, unknown> = {}) => ({ attribute: { type, value, uuid: UUID, ...extra } });

type Out = { Object?: Array<{ name: string; Attribute: Array<{ object_relation: string; value: string }> }>; Tag?: Array<{ name: string }>; Attribute?: Array<{ type: string; value: string; Tag?: Array<{ name: string }> }> };
const out = (answer: Answer) => answer['results'] as Out;
const objectValues = (answer: Answer, name: string) =>
  (out(answer).Object ?? []).filter((o) => o.name === name).map((o) => Object.fromEntries(o.Attribute.map((a) => [a.object_relation, a.value])));
const paths = (requests: Array<{ vendor: string; method: string; path: string }>) => requests.map((r) => `${r.vendor} ${r.method} ${r.path}`);

testModule({
  module: vmwareNsx,
  vendors: {
    'analysis.us.lastline.com': analysisApi({ [MD5]: TASK }),
    'analysis.emea.lastline.com': analysisApi({}),
    'nsx.corp.example': analysisApi({ [MD5]: TASK }, '/papi'),
    'www.virustotal.com': VT,
    'misp.corp.example': MISP_GALAXY,
  },
  config: { analysis_key: KEY, analysis_api_token: TOKEN },
  rows: [
    {
      name: 'a known md5: the latest task\'s report as objects, tags and the ATT&CK galaxy tag',
      query: attribute('md5', MD5),
      config: { misp_url: 'https://misp.corp.example', misp_key: 'misp-key' },
      requests: (requests) =>
        assert.deepEqual(paths(requests).sort(), [
          'analysis.emea.lastline.com GET /analysis/query/file_hash.json',
          'analysis.emea.lastline.com POST /authentication/login.json',
          'analysis.us.lastline.com GET /analysis/get.json',
          'analysis.us.lastline.com GET /analysis/get_analysis_tags.json',
          'analysis.us.lastline.com GET /analysis/query/file_hash.json',
          'analysis.us.lastline.com POST /authentication/login.json',
          'misp.corp.example GET /galaxies/view/c4e851fa-775f-11e7-8163-b774922098cd',
        ]),
      check: (answer) => {
        assert.deepEqual(objectValues(answer, 'file'), [{ md5: MD5, sha1: SHA1_UNKNOWN, sha256: RESULT.analysis_subject.sha256, mimetype: 'application/x-pe-app-32bit-i386' }]);
        assert.deepEqual(objectValues(answer, 'domain-ip'), [{ hostname: 'c2.bad-domain.example', ip: '203.0.113.7' }]);
        assert.deepEqual(objectValues(answer, 'http-request'), [{ host: 'c2.bad-domain.example', method: 'GET', uri: 'http://c2.bad-domain.example:8080/gate.php?id=1', 'ip-dst': '203.0.113.7' }]);
        assert.equal(objectValues(answer, 'network-connection')[0]?.['dst-port'], '8080');
        assert.deepEqual(objectValues(answer, 'sandbox-report'), [
          { score: '100', 'sandbox-type': 'saas', 'saas-sandbox': 'vmware-nsx-defender', permalink: `https://user.lastline.com/portal#/analyst/task/${TASK}/overview` },
        ]);
        assert.equal((out(answer).Object ?? []).find((o) => o.name === 'sb-signature')?.Attribute.filter((a) => a.object_relation === 'signature').length, 2);
        assert.deepEqual((out(answer).Tag ?? []).map((t) => t.name).sort(), ['av-cls:trojan', 'av-fam:hacktoolx', 'misp-galaxy:mitre-attack-pattern="Ingress Tool Transfer - T1105"']);
      },
    },
    {
      name: 'a URL: submitted, the report not ready yet: the task link with the incomplete tag',
      query: attribute('url', 'http://phish.example.net/login'),
      requests: (requests) => {
        const submit = requests.find((r) => r.path === '/analysis/submit/url.json');
        assert.equal(new URLSearchParams(submit?.body).get('url'), 'http://phish.example.net/login');
      },
      check: (answer) => {
        const [link] = out(answer).Attribute ?? [];
        assert.equal(link?.type, 'link');
        assert.equal(link.value, `https://user.lastline.com/portal#/analyst/task/${NEW_TASK}/overview`);
        assert.deepEqual(link.Tag?.map((t) => t.name), ["workflow:state='incomplete'"]);
      },
    },
    {
      name: 'a malware-sample nobody analysed: unzipped ("infected") and submitted as multipart',
      query: attribute('malware-sample', `eicar.com|44d88612fea8a8f36de82e1278abb02f`, { data: infectedZip }),
      requests: (requests) => {
        assert.deepEqual(requests.filter((r) => r.path.endsWith('file_hash.json')).map((r) => r.query['hash_value']), [SAMPLE_SHA1, SAMPLE_SHA1]);
        const submit = requests.find((r) => r.path === '/analysis/submit/file.json');
        assert.match(submit?.body ?? '', /\$EICAR-STANDARD-ANTIVIRUS-TEST-/);
        assert.match(submit?.body ?? '', /name="filename"\r\n\r\neicar\.com\r\n/);
        assert.match(submit?.body ?? '', /name="full_report_score"\r\n\r\n-1\r\n/);
      },
      check: (answer) => assert.equal(out(answer).Attribute?.[0]?.type, 'link'),
    },
    {
      name: 'an unknown hash with vt_key: downloaded from VirusTotal, submitted, tagged vt:download',
      query: attribute('sha1', SHA1_UNKNOWN),
      config: { vt_key: 'vt-key' },
      requests: (requests) => {
        assert.ok(paths(requests).includes(`www.virustotal.com GET /api/v3/files/${SHA1_UNKNOWN}/download`));
        assert.match(requests.find((r) => r.path === '/analysis/submit/file.json')?.body ?? '', /MZ sample from VT/);
      },
      check: (answer) => assert.deepEqual(out(answer).Attribute?.[0]?.Tag?.map((t) => t.name), ['vt:download', "workflow:state='incomplete'"]),
    },
    { name: 'an unknown hash without vt_key', query: attribute('sha1', SHA1_UNKNOWN), error: 'Error processing input: No file available locally and VT is disabled' },
    { name: 'an unknown hash VirusTotal does not have', query: attribute('sha256', 'ab'.repeat(32)), config: { vt_key: 'vt-key' }, error: /^Error processing input: VirusTotal .*404/ },
    {
      name: 'analysis_url: the on-premise API only, an on-premise sandbox report',
      query: attribute('md5', MD5),
      config: { analysis_url: 'https://nsx.corp.example/papi' },
      requests: (requests) => assert.ok(requests.every((r) => r.vendor === 'nsx.corp.example')),
      check: (answer) => {
        const [report] = objectValues(answer, 'sandbox-report');
        assert.equal(report?.['sandbox-type'], 'on-premise');
        assert.equal(report?.['on-premise-sandbox'], 'vmware-nsx-defender');
        assert.equal(report?.permalink, `https://nsx.corp.example/portal#/analyst/task/${TASK}/overview`);
      },
    },
    { name: 'a hash that is no md5/sha1/sha256', query: attribute('md5', 'not-a-hash'), error: 'Error processing input: Hash type not recognized' },
    { name: 'an attachment without data', query: attribute('attachment', 'a.exe'), error: "Error parsing input: 'data'" },
    { name: 'an attachment whose data is null', query: attribute('attachment', 'a.exe', { data: null }), error: "Error decoding input: argument should be a bytes-like object or ASCII string, not 'NoneType'" },
    { name: 'an attachment whose data is not base64', query: attribute('attachment', 'a.exe', { data: '%%%' }), error: 'Error processing input: Incorrect padding' },
    { name: 'a malware-sample that is not a zip', query: attribute('malware-sample', 'x.exe|d41d8cd98f00b204e9800998ecf8427e', { data: Buffer.from('plain').toString('base64') }), error: /^Error processing input: / },
    { name: 'no analysis_key', query: attribute('md5', MD5), config: { analysis_key: '' }, error: "Error connecting to VMware NSX ATA: 'analysis_key'", requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: attribute('md5', MD5), config: null, error: "Error connecting to VMware NSX ATA: 'analysis_key'" },
    { name: 'a wrong token: the login is refused', query: attribute('md5', MD5), config: { analysis_api_token: 'wrong' }, error: 'Error issuing API call: Invalid credentials (error_code 3004)' },
    { name: 'a type it does not take', query: attribute('domain', 'example.org'), error: /does not accept attributes of type 'domain'/ },
    ...vendorFailureRows({ query: attribute('md5', MD5), host: 'analysis.us.lastline.com', vendorMessage: 'Service unavailable', expect: { unauthorized: /VMware NSX Defender answered HTTP 401/ } }),
  ],
});
