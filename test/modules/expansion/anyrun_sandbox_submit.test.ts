/**
 * anyrun_sandbox_submit against a loopback ANY.RUN API (api.any.run) behind
 * `Authorization: API-KEY …`: the key check anyrun-sdk makes first
 * (`GET /v1/analysis`, the user's history) and `POST /v1/analysis`, which
 * starts a task from a multipart file (the fake reads the `file` part and
 * the fields) or a JSON URL and answers `{"error": false, "data": {"taskid"}}`
 * as ANY.RUN's API does. The fields expected per OS are anyrun-sdk 1.14's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import anyrun_sandbox_submit from '../../../src/modules/expansion/anyrun_sandbox_submit.js';
import { withHeader, type FakeRequest, type FakeResponse, type Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type VendorRequest } from '../../support/module-tester.js';
import { encryptedZipBase64, multipartFields, parseMultipart } from '../../support/multipart-parts.js';

const API_KEY = 'anyrun-key-4b8e1d7a';
const TASK = '9a3c1f6e-2b7d-4e58-a0c4-71d2e8b5f346';
const ATTRIBUTE_UUID = '5f1c2a9e-8d3b-4c6f-b1a7-0e9d4c3b2a18';
const SAMPLE = Buffer.from('MZ\x90\x00\x03\x00 anyrun sample \x00\xff\xfe', 'latin1');
const ZIP = await encryptedZipBase64('6f5902ac237024bdd0c176cb93063dc4', SAMPLE);
const EMPTY_ZIP = await encryptedZipBase64('d41d8cd98f00b204e9800998ecf8427e', Buffer.alloc(0));
const HISTORY: unknown = JSON.parse(readFileSync(new URL('../import/fixtures-net/anyrun/history.json', import.meta.url), 'utf8'));

const UNAUTHORIZED: FakeResponse = { status: 401, json: { error: true, message: 'Authorization is required' } };
const badRequest = (message: string): FakeResponse => ({ status: 400, json: { error: true, message } });

/** ANY.RUN's POST /v1/analysis: a file task needs a `file` part, a URL task an obj_url; both say their obj_type. */
function startTask(req: FakeRequest): FakeResponse {
  if (String(req.headers['content-type']).startsWith('multipart/form-data')) {
    const parts = parseMultipart(req);
    const fields = multipartFields(parts);
    if (!parts.some((p) => p.name === 'file' && p.filename)) return badRequest('File is required');
    if (fields['obj_type'] !== 'file') return badRequest('Invalid obj_type');
  } else {
    const body = req.json<Record<string, unknown>>();
    if (typeof body['obj_url'] !== 'string' || body['obj_type'] !== 'url') return badRequest('obj_url is required');
  }
  return { json: { error: false, data: { taskid: TASK } } };
}

const ANALYSIS = 'POST /v1/analysis';
const ANYRUN: Routes = {
  'GET /v1/analysis': withHeader('authorization', `API-KEY ${API_KEY}`, { json: HISTORY }, UNAUTHORIZED),
  [ANALYSIS]: withHeader('authorization', `API-KEY ${API_KEY}`, startTask, UNAUTHORIZED),
};

const FILE_QUERY = { attachment: 'invoice.exe', data: SAMPLE.toString('base64'), attribute_uuid: ATTRIBUTE_UUID };
const URL_QUERY = { url: 'http://evil.example.com/landing?id=7', attribute_uuid: ATTRIBUTE_UUID };

const RESULTS = [
  { types: ['link'], categories: ['External analysis'], values: `https://app.any.run/tasks/${TASK}`, comment: `ANY.RUN Analysis URL for attribute with ID = ${ATTRIBUTE_UUID}` },
  { types: ['text'], categories: ['Other'], values: TASK, comment: `ANY.RUN Analysis ID for attribute with ID = ${ATTRIBUTE_UUID}` },
];

/** The locale, network, privacy and timeout fields with the SDK's defaults (falsy ones are not sent). */
const commonFields = (timeout: string) => ({
  env_locale: 'en-US',
  opt_network_connect: 'True',
  opt_network_geo: 'fastest',
  opt_network_residential_proxy_geo: 'fastest',
  opt_privacy_type: 'bylink',
  opt_timeout: timeout,
  opt_automated_interactivity: 'True',
});

/** The same for a URL task, as JSON values. */
const commonJson = (timeout: number) => ({
  env_locale: 'en-US',
  opt_network_connect: true,
  opt_network_geo: 'fastest',
  opt_network_residential_proxy_geo: 'fastest',
  opt_privacy_type: 'bylink',
  opt_timeout: timeout,
  opt_automated_interactivity: true,
});

/** The task request: the key check came first, then one POST with the key and MISP's integration header. */
function submission(requests: VendorRequest[]): VendorRequest {
  assert.deepEqual(requests.map((r) => r.target), ['/v1/analysis?team=false&skip=0&limit=25', '/v1/analysis']);
  assert.deepEqual(requests.map((r) => r.method), ['GET', 'POST']);
  for (const request of requests) {
    assert.equal(request.headers.authorization, `API-KEY ${API_KEY}`);
    assert.equal(request.headers['x-anyrun-connector'], 'MISP:0.1');
  }
  return requests[1]!;
}

/** The multipart file part (first, as the SDK sends it) and the fields in their order. */
function fileTask(requests: VendorRequest[], filename: string): Array<[string, string]> {
  const parts = parseMultipart(submission(requests));
  const [file, ...fields] = parts;
  assert.equal(file!.name, 'file');
  assert.equal(file!.filename, filename);
  assert.equal(file!.contentType, 'application/octet-stream');
  assert.ok(file!.content.equals(SAMPLE), 'the sample bytes as they are');
  assert.ok(fields.every((p) => p.filename === undefined));
  return fields.map((p) => [p.name, p.content.toString('utf8')]);
}

/** The JSON body of a URL task, key order included. */
function urlTask(requests: VendorRequest[]): Record<string, unknown> {
  const request = submission(requests);
  assert.match(String(request.headers['content-type']), /^application\/json/);
  return JSON.parse(request.body) as Record<string, unknown>;
}

const assertFields = (actual: Array<[string, string]>, expected: Record<string, string>) => assert.deepEqual(actual, Object.entries(expected));
const assertJson = (actual: Record<string, unknown>, expected: Record<string, unknown>) => assert.deepEqual(Object.entries(actual), Object.entries(expected));
const nothingSent = (requests: VendorRequest[]) => assert.equal(requests.length, 0);

const WINDOWS_FILE_DEFAULTS = {
  env_os: 'windows',
  env_version: '10',
  env_bitness: '64',
  env_type: 'complete',
  ...commonFields('240'),
  obj_ext_startfolder: 'temp',
  auto_confirm_uac: 'True',
  obj_ext_extension: 'True',
  obj_type: 'file',
};

testModule({
  module: anyrun_sandbox_submit,
  vendors: { 'api.any.run': ANYRUN },
  config: { api_key: API_KEY, os_type: 'windows' },
  rows: [
    {
      name: 'listed with upstream\'s settings, types and module-type',
      listing: (entry) => {
        assert.equal(entry.type, 'expansion');
        assert.deepEqual(entry.meta['module-type'], ['expansion']);
        assert.deepEqual(entry.meta['config'], [
          'api_key', 'os_type', 'opt_timeout', 'opt_network_connect', 'opt_network_fakenet', 'opt_network_tor', 'opt_network_geo',
          'opt_network_mitm', 'opt_network_residential_proxy', 'opt_network_residential_proxy_geo', 'opt_privacy_type',
          'obj_ext_extension', 'obj_ext_browser', 'env_locale', 'env_version', 'env_bitness', 'env_type', 'obj_ext_startfolder',
          'obj_ext_cmd', 'obj_force_elevation', 'run_as_root',
        ]);
        assert.deepEqual(entry.mispattributes['input'], ['attachment', 'malware-sample', 'url']);
        assert.deepEqual(entry.mispattributes['output'], ['link', 'text']);
      },
    },

    // Windows
    {
      name: 'Windows, an attachment: the file first, then the SDK\'s default fields; the task link and UUID',
      query: FILE_QUERY,
      results: RESULTS,
      check: (_answer, requests) => assertFields(fileTask(requests, 'invoice.exe'), WINDOWS_FILE_DEFAULTS),
    },
    {
      name: 'Windows, a malware-sample (the sample inside the zip) with settings: they replace the defaults; Linux and URL settings are ignored',
      query: { 'malware-sample': 'dropper.exe|6f5902ac237024bdd0c176cb93063dc4', data: ZIP, attribute_uuid: ATTRIBUTE_UUID },
      config: {
        os_type: ' Windows ',
        env_version: '11',
        env_bitness: '32',
        env_locale: 'de-DE',
        opt_timeout: '60',
        opt_network_tor: 'true',
        opt_network_geo: 'AU',
        opt_privacy_type: 'owner',
        obj_ext_startfolder: 'desktop',
        obj_ext_cmd: 'dropper.exe /silent',
        obj_force_elevation: 'true',
        obj_ext_extension: 'false',
        run_as_root: 'true',
        obj_ext_browser: 'Mozilla Firefox',
        opt_network_fakenet: '',
      },
      results: RESULTS,
      check: (_answer, requests) =>
        assertFields(fileTask(requests, 'dropper.exe'), {
          env_os: 'windows',
          env_version: '11',
          env_bitness: '32',
          env_type: 'complete',
          env_locale: 'de-DE',
          opt_network_connect: 'True',
          opt_network_tor: 'true',
          opt_network_geo: 'AU',
          opt_network_residential_proxy_geo: 'fastest',
          opt_privacy_type: 'owner',
          opt_timeout: '60',
          opt_automated_interactivity: 'True',
          obj_ext_startfolder: 'desktop',
          obj_ext_cmd: 'dropper.exe /silent',
          obj_force_elevation: 'true',
          auto_confirm_uac: 'True',
          obj_ext_extension: 'false',
          obj_type: 'file',
        }),
    },
    {
      name: 'Windows, a URL: JSON with obj_url first, the browser and Windows settings; the file settings are ignored',
      query: URL_QUERY,
      config: { env_version: '7', obj_ext_browser: 'Google Chrome', obj_ext_extension: 'false', obj_ext_startfolder: 'root', obj_ext_cmd: 'x', run_as_root: 'true' },
      results: RESULTS,
      check: (_answer, requests) =>
        assertJson(urlTask(requests), {
          obj_url: 'http://evil.example.com/landing?id=7',
          env_os: 'windows',
          env_version: '7',
          env_bitness: 64,
          env_type: 'complete',
          ...commonJson(120),
          obj_ext_browser: 'Google Chrome',
          obj_ext_extension: true,
          obj_type: 'url',
        }),
    },

    // Linux
    {
      name: 'Ubuntu, an attachment: Ubuntu 22.04.2 64-bit whatever the Windows settings say; run_as_root is honoured',
      query: FILE_QUERY,
      config: { os_type: 'ubuntu', env_version: '11', env_bitness: '32', env_type: 'development', obj_force_elevation: 'true', run_as_root: 'true', obj_ext_browser: 'Mozilla Firefox' },
      results: RESULTS,
      check: (_answer, requests) =>
        assertFields(fileTask(requests, 'invoice.exe'), {
          env_os: 'linux',
          env_version: '22.04.2',
          env_bitness: '64',
          env_type: 'complete',
          ...commonFields('240'),
          obj_ext_startfolder: 'temp',
          run_as_root: 'true',
          obj_ext_extension: 'True',
          obj_type: 'file',
        }),
    },
    {
      name: 'Debian, an attachment: Debian 12.2',
      query: FILE_QUERY,
      config: { os_type: 'debian', obj_ext_cmd: 'chmod +x invoice.exe' },
      results: RESULTS,
      check: (_answer, requests) =>
        assertFields(fileTask(requests, 'invoice.exe'), {
          env_os: 'linux',
          env_version: '12.2',
          env_bitness: '64',
          env_type: 'complete',
          ...commonFields('240'),
          obj_ext_startfolder: 'temp',
          obj_ext_cmd: 'chmod +x invoice.exe',
          obj_ext_extension: 'True',
          obj_type: 'file',
        }),
    },
    {
      name: 'Debian, a URL: Debian 12.2 (upstream sent it to Ubuntu) with Chrome by default',
      query: URL_QUERY,
      config: { os_type: 'debian', opt_timeout: '300' },
      results: RESULTS,
      check: (_answer, requests) =>
        assertJson(urlTask(requests), {
          obj_url: 'http://evil.example.com/landing?id=7',
          env_os: 'linux',
          env_version: '12.2',
          env_bitness: '64',
          env_type: 'complete',
          ...commonJson(120),
          opt_timeout: '300',
          obj_ext_browser: 'Google Chrome',
          obj_ext_extension: true,
          obj_type: 'url',
        }),
    },
    {
      name: 'Ubuntu, a URL with Firefox',
      query: URL_QUERY,
      config: { os_type: 'ubuntu', obj_ext_browser: 'Mozilla Firefox' },
      results: RESULTS,
      check: (_answer, requests) => {
        const body = urlTask(requests);
        assert.equal(body['env_version'], '22.04.2');
        assert.equal(body['obj_ext_browser'], 'Mozilla Firefox');
      },
    },

    // Android
    {
      name: 'Android, an attachment: Android 14 from the downloads folder; extension, start folder and elevation settings ignored (upstream crashed on obj_ext_extension)',
      query: FILE_QUERY,
      config: { os_type: 'android', obj_ext_extension: 'true', obj_ext_startfolder: 'desktop', obj_force_elevation: 'true', run_as_root: 'true', obj_ext_cmd: 'am start', opt_network_mitm: 'true' },
      results: RESULTS,
      check: (_answer, requests) =>
        assertFields(fileTask(requests, 'invoice.exe'), {
          env_os: 'android',
          env_version: '14',
          env_bitness: '64',
          env_type: 'complete',
          env_locale: 'en-US',
          opt_network_connect: 'True',
          opt_network_geo: 'fastest',
          opt_network_mitm: 'true',
          opt_network_residential_proxy_geo: 'fastest',
          opt_privacy_type: 'bylink',
          opt_timeout: '240',
          opt_automated_interactivity: 'True',
          obj_ext_startfolder: 'downloads',
          obj_ext_cmd: 'am start',
          obj_type: 'file',
        }),
    },
    {
      name: 'Android, a URL: no browser field (upstream crashed on obj_ext_browser)',
      query: URL_QUERY,
      config: { os_type: 'android', obj_ext_browser: 'Google Chrome', opt_network_residential_proxy: 'true', opt_network_residential_proxy_geo: 'US' },
      results: RESULTS,
      check: (_answer, requests) =>
        assertJson(urlTask(requests), {
          obj_url: 'http://evil.example.com/landing?id=7',
          env_os: 'android',
          env_version: '14',
          env_bitness: '64',
          env_type: 'complete',
          env_locale: 'en-US',
          opt_network_connect: true,
          opt_network_geo: 'fastest',
          opt_network_residential_proxy: 'true',
          opt_network_residential_proxy_geo: 'US',
          opt_privacy_type: 'bylink',
          opt_timeout: 120,
          opt_automated_interactivity: true,
          obj_type: 'url',
        }),
    },

    {
      name: 'without attribute_uuid the comments say no "ID = None"',
      query: { url: 'http://evil.example.com/' },
      results: [
        { types: ['link'], categories: ['External analysis'], values: `https://app.any.run/tasks/${TASK}`, comment: 'ANY.RUN Analysis URL' },
        { types: ['text'], categories: ['Other'], values: TASK, comment: 'ANY.RUN Analysis ID' },
      ],
    },
    {
      name: 'never coalesced: two identical submissions at once start two tasks',
      query: URL_QUERY,
      routes: { 'GET /v1/analysis': { delayMs: 300, json: HISTORY } },
      check: async (_answer, _requests, _dns, context) => {
        const fake = context.vendor();
        fake.requests.length = 0;
        const same = { module: 'anyrun_sandbox_submit', ...URL_QUERY, config: { api_key: API_KEY, os_type: 'windows' } };
        const answers = await Promise.all([context.server.query(same), context.server.query(same)]);
        for (const answer of answers) assert.equal(answer['error'], undefined);
        assert.equal(fake.requests.filter((r) => r.method === 'POST').length, 2);
      },
    },

    // settings and input
    { name: 'no API key (upstream message)', query: FILE_QUERY, config: { api_key: '' }, messageId: 'missing', requests: nothingSent },
    { name: 'no OS type (upstream message)', query: FILE_QUERY, config: { os_type: '' }, error: '[AnyRun Exception] Status code: unspecified. Description: ANYRUN Sandbox API-KEY and OS type must be specified.', requests: nothingSent },
    { name: 'no config at all', query: FILE_QUERY, config: null, messageId: 'missing', requests: nothingSent },
    {
      name: 'an OS ANY.RUN\'s SDK has but upstream does not take (upstream message)',
      query: FILE_QUERY,
      config: { os_type: 'macos' },
      error: '[AnyRun Exception] Status code: unspecified. Description: Received invalid OS type: macos. Supports: windows, ubuntu, debian, android',
      requests: nothingSent,
    },
    { name: 'an attachment without data', query: { attachment: 'invoice.exe' }, error: 'The attachment has no "data" field with its base64 content.', requests: nothingSent },
    { name: 'data that is not base64', query: { attachment: 'invoice.exe', data: 'not base64!' }, error: 'The "data" field is not valid base64.', requests: nothingSent },
    { name: 'a malware-sample that is not a zip', query: { 'malware-sample': 'x.exe|00', data: Buffer.from('no zip').toString('base64') }, error: /^Could not extract malware sample from ZIP file/, requests: nothingSent },
    { name: 'an empty sample (upstream\'s SDK message)', query: { 'malware-sample': 'empty.bin|d41d8cd98f00b204e9800998ecf8427e', data: EMPTY_ZIP }, messageId: 'noFile', requests: nothingSent },
    { name: 'a url that is not text and nothing else (upstream message)', query: { url: 42 }, messageId: 'badObject', requests: nothingSent },
    { name: 'a type it does not take', query: { domain: 'evil.example.com' }, error: /needs one of these attribute types/, requests: nothingSent },

    // ANY.RUN's answers
    {
      name: 'a wrong API key: ANY.RUN\'s 401 at the key check, nothing submitted',
      query: FILE_QUERY,
      config: { api_key: 'wrong' },
      error: 'ANY.RUN answered HTTP 401 Unauthorized: Authorization is required.',
      requests: (requests) => assert.deepEqual(requests.map((r) => r.method), ['GET']),
    },
    {
      name: 'ANY.RUN refuses the task (400): its message',
      query: FILE_QUERY,
      routes: { [ANALYSIS]: badRequest('Parameter "opt_timeout" must be in range 10-660') },
      error: 'ANY.RUN answered HTTP 400 Bad Request: Parameter "opt_timeout" must be in range 10-660.',
    },
    {
      name: 'a task put in the queue is not started (upstream message)',
      query: URL_QUERY,
      routes: { [ANALYSIS]: { json: { error: false, data: { queueTaskId: '67a1f0c2e4b0d35a9c8e7f61' } } } },
      messageId: 'queued',
      data: { queueId: '67a1f0c2e4b0d35a9c8e7f61' },
    },
    { name: 'an answer without a task id', query: URL_QUERY, routes: { [ANALYSIS]: { json: { error: false, data: {} } } }, messageId: 'noTaskId' },
    { name: 'an answer without data', query: URL_QUERY, routes: { [ANALYSIS]: { json: { error: false } } }, messageId: 'noTaskId' },
    ...vendorFailureRows({ query: FILE_QUERY, route: ANALYSIS, vendorMessage: 'Service temporarily unavailable' }).map((row) => {
      const expected: Record<string, string> = {
        'the vendor refuses the key (401)': 'ANY.RUN answered HTTP 401 Unauthorized.',
        'the vendor rate-limits (429)': 'ANY.RUN answered HTTP 429 Too Many Requests: Service temporarily unavailable.',
        'the vendor fails (500)': 'ANY.RUN answered HTTP 500 Internal Server Error: Service temporarily unavailable.',
        'the vendor answers malformed JSON': 'ANY.RUN answered with invalid JSON (HTTP 200).',
      };
      return expected[row.name] ? { ...row, error: expected[row.name]! } : row;
    }),
    { name: 'the key check never answers (query timeout)', query: { ...URL_QUERY, timeout: 1 }, routes: { 'GET /v1/analysis': { hang: true } }, error: 'Timeout.' },
  ],
});
