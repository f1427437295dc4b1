/**
 * urlhaus against a loopback URLhaus API: `POST /v1/{host,payload,url}/` with
 * a form body and the `Auth-Key` header, answers shaped like the examples of
 * https://urlhaus-api.abuse.ch/ (query_status, urls, payloads, virustotal);
 * a wrong key is HTTP 401 `{"query_status": "unknown_auth_key"}`.
 */
import assert from 'node:assert/strict';
import urlhaus from '../../../src/modules/expansion/urlhaus.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'abusech-test-key';
const UUID = 'ea89a33b-4ab7-4515-9f02-922a0bee333d';
const HOST = 'vektorex.com';
const SHA256 = '01fa56184fcaa42b6ee1882787a34098c79898c182814774fd81dc18a6af0b00';
const MD5 = '12c8aec5766ac3e6f26f2505e2f4a8f2';
const URL = 'http://sskymedia.com/VMYB-ht_JAQo-gi/INV/99401FORPO/20673114777/US/Outstanding-Invoices/';

/** `/v1/host/` for a known host (URLhaus docs, trimmed to two URLs). */
const HOST_INFO = {
  query_status: 'ok',
  urlhaus_reference: 'https://urlhaus.abuse.ch/host/vektorex.com/',
  host: HOST,
  firstseen: '2019-01-15 07:09:01 UTC',
  url_count: '2',
  blacklists: { spamhaus_dbl: 'abused_legit_malware', surbl: 'not listed' },
  urls: [
    {
      id: '105821',
      urlhaus_reference: 'https://urlhaus.abuse.ch/url/105821/',
      url: 'http://vektorex.com/source/Z/Order%20specification%20and%20drawings.zip',
      url_status: 'offline',
      date_added: '2019-01-15 07:09:01 UTC',
      threat: 'malware_download',
      reporter: 'abuse_ch',
      larted: 'true',
      takedown_time_seconds: null,
      tags: ['zip'],
    },
    {
      id: '105803',
      urlhaus_reference: 'https://urlhaus.abuse.ch/url/105803/',
      url: 'http://vektorex.com/source/Z/Order%20specification%20and%20drawings.exe',
      url_status: 'offline',
      date_added: '2019-01-15 06:38:03 UTC',
      threat: 'malware_download',
      reporter: 'abuse_ch',
      larted: 'true',
      takedown_time_seconds: null,
      tags: ['exe', 'Loki'],
    },
  ],
};

/** `/v1/payload/` for a known payload (URLhaus docs, trimmed to two URLs). */
const PAYLOAD_INFO = {
  query_status: 'ok',
  md5_hash: MD5,
  sha256_hash: SHA256,
  file_type: 'exe',
  file_size: '183296',
  signature: 'Heodo',
  firstseen: '2019-01-14 10:00:20',
  lastseen: '2019-01-16 15:53:27',
  url_count: '2',
  urlhaus_download: `https://urlhaus-api.abuse.ch/v1/download/${SHA256}/`,
  virustotal: { result: '26 / 69', percent: '37.68', link: `https://www.virustotal.com/file/${SHA256}/analysis/1547571924/` },
  imphash: 'f3fd2a8c5e8b1a4b6a5e2d6e5c9b1f0a',
  ssdeep: '3072:PZ8BxOqZ8mG5+zBYvHxNp6BvFUVVVNmLaG/:PZ8BsqZ8mG5+tYvHxN+vF0VN+',
  tlsh: '2B04E7417B85C2FAD5E713B2B8B2624F4AB80FEB01A46CCCD2B55C8B1A5E4C70B6',
  urls: [
    { url_id: '105531', url: 'http://sskymedia.com/VMYB-ht_JAQo-gi/INV/99401FORPO/', url_status: 'offline', urlhaus_reference: 'https://urlhaus.abuse.ch/url/105531/', filename: 'Invoice_99401.exe', firstseen: '2019-01-14', lastseen: '2019-01-14' },
    { url_id: '105530', url: 'http://ahmadnawaz.info/6wV2-0uBAC_uvTVR-Tl/', url_status: 'offline', urlhaus_reference: 'https://urlhaus.abuse.ch/url/105530/', filename: null, firstseen: '2019-01-14', lastseen: '2019-01-14' },
  ],
};

/** `/v1/url/` for a known URL (URLhaus docs, one payload with a VirusTotal report, one without). */
const URL_INFO = {
  query_status: 'ok',
  id: '105821',
  urlhaus_reference: 'https://urlhaus.abuse.ch/url/105821/',
  url: URL,
  url_status: 'online',
  host: 'sskymedia.com',
  date_added: '2019-01-15 07:09:01 UTC',
  threat: 'malware_download',
  blacklists: { spamhaus_dbl: 'not listed', surbl: 'not listed' },
  reporter: 'abuse_ch',
  larted: 'true',
  takedown_time_seconds: null,
  tags: ['doc', 'emotet', 'heodo'],
  payloads: [
    {
      firstseen: '2019-01-15',
      filename: '6631_Outstanding_Invoices.doc',
      file_type: 'doc',
      response_size: '172928',
      response_md5: 'b5d5c5b0cd1ee8bd06a6b5d9e1b1f5d3',
      response_sha256: 'a04ac6d98ad989312783d4fe3456c53730b212c79a426fb215708b6c6daa3de3',
      urlhaus_download: 'https://urlhaus-api.abuse.ch/v1/download/a04ac6d98ad989312783d4fe3456c53730b212c79a426fb215708b6c6daa3de3/',
      signature: 'Heodo',
      virustotal: { result: '18 / 58', percent: '31.03', link: 'https://www.virustotal.com/file/a04ac6d98ad989312783d4fe3456c53730b212c79a426fb215708b6c6daa3de3/analysis/1547543543/' },
      imphash: null,
      ssdeep: '3072:2rVj8xDw3Z/Wj0pUzFi2vVGHULY+H6Qv:cVj8xDw3Z/WjUUzFi2vVGY',
      tlsh: '5E14F0AB74E55C2AD5F30B3A3C7A8D81E0B67DAB4A1E7F1C1A4C2AB61E71434D8A',
    },
    {
      firstseen: '2019-01-16',
      filename: null,
      file_type: 'doc',
      response_size: '171520',
      response_md5: 'c9f1c0a3b2d4e5f60718293a4b5c6d7e',
      response_sha256: 'd31e4ac0b5e0c1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80910',
      urlhaus_download: 'https://urlhaus-api.abuse.ch/v1/download/d31e4ac0b5e0c1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80910/',
      signature: null,
      virustotal: null,
      imphash: null,
      ssdeep: null,
      tlsh: null,
    },
  ],
};

const NO_RESULTS = { query_status: 'no_results' };

/** Every route checks the Auth-Key as abuse.ch does, and answers from the form field. */
function keyed(answer: (form: URLSearchParams) => FakeResponse) {
  return (req: FakeRequest): FakeResponse => {
    if (req.headers['auth-key'] !== KEY) return { status: 401, json: { query_status: 'unknown_auth_key' } };
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return { json: { query_status: 'http_post_expected' } };
    return answer(new URLSearchParams(req.body));
  };
}

const URLHAUS: Routes = {
  'POST /v1/host/': keyed((form) => ({ json: form.get('host') === HOST ? HOST_INFO : NO_RESULTS })),
  'POST /v1/payload/': keyed((form) => ({ json: form.get('sha256_hash') === SHA256 || form.get('md5_hash') === MD5 ? PAYLOAD_INFO : NO_RESULTS })),
  'POST /v1/url/': keyed((form) => ({ json: form.get('url') === URL ? URL_INFO : NO_RESULTS })),
};

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID } });

type Attr = { uuid: string; type: string; value: string; object_relation?: string; category: string };
type Obj = { uuid: string; name: string; Attribute: Attr[]; ObjectReference?: Array<{ referenced_uuid: string; relationship_type: string }> };
const attributes = (answer: Answer) => ((answer['results'] as { Attribute?: Attr[] }).Attribute ?? []);
const objects = (answer: Answer) => ((answer['results'] as { Object?: Obj[] }).Object ?? []);
const relations = (object: Obj) => object.Attribute.map((a) => [a.object_relation, a.type, a.value]);

testModule({
  module: urlhaus,
  vendors: { 'urlhaus-api.abuse.ch': URLHAUS },
  config: { auth_key: KEY },
  rows: [
    {
      name: 'a known host gives its URLs as url attributes',
      query: attribute('domain', HOST),
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path} ${r.body}`), [`POST /v1/host/ host=${HOST}`]);
        assert.equal(requests[0]!.headers['auth-key'], KEY);
      },
      check: (answer) => {
        assert.deepEqual(attributes(answer).map((a) => [a.type, a.value]), HOST_INFO.urls.map((u) => ['url', u.url]));
        assert.deepEqual(objects(answer), []);
      },
    },
    {
      name: 'an ip-dst is asked at /v1/host/ too',
      query: attribute('ip-dst', '79.118.195.239'),
      routes: { 'POST /v1/host/': keyed((form) => ({ json: { ...HOST_INFO, host: form.get('host'), urls: HOST_INFO.urls.slice(0, 1) } })) },
      requests: (requests) => assert.deepEqual(requests.map((r) => r.body), ['host=79.118.195.239']),
      check: (answer) => assert.deepEqual(attributes(answer).map((a) => a.value), [HOST_INFO.urls[0]!.url]),
    },
    {
      name: 'a known sha256 gives a file object retrieved from each URL and analysed with VirusTotal',
      query: attribute('sha256', SHA256),
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.path} ${r.body}`), [`/v1/payload/ sha256_hash=${SHA256}`]),
      check: (answer) => {
        const [file, vt] = [objects(answer).find((o) => o.name === 'file')!, objects(answer).find((o) => o.name === 'virustotal-report')!];
        assert.deepEqual(relations(file), [
          ['md5', 'md5', MD5],
          ['size-in-bytes', 'size-in-bytes', '183296'],
          ['filename', 'filename', 'Invoice_99401.exe'],
        ]);
        assert.deepEqual(relations(vt), [
          ['detection-ratio', 'text', '26 / 69'],
          ['permalink', 'link', PAYLOAD_INFO.virustotal.link],
        ]);
        const urls = attributes(answer);
        assert.deepEqual(urls.map((a) => [a.type, a.value]), PAYLOAD_INFO.urls.map((u) => ['url', u.url]));
        assert.deepEqual(
          file.ObjectReference!.map((r) => [r.relationship_type, r.referenced_uuid]),
          [['analyzed-with', vt.uuid], ...urls.map((u) => ['retrieved-from', u.uuid])],
        );
      },
    },
    {
      name: 'an md5 is sent as md5_hash and the file object carries the sha256',
      query: attribute('md5', MD5),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.body), [`md5_hash=${MD5}`]),
      check: (answer) => assert.deepEqual(relations(objects(answer).find((o) => o.name === 'file')!)[0], ['sha256', 'sha256', SHA256]),
    },
    {
      name: 'a payload without VirusTotal report, size or urls still gives what it has (upstream crashes)',
      query: attribute('sha256', SHA256),
      routes: { 'POST /v1/payload/': { json: { query_status: 'ok', md5_hash: MD5, sha256_hash: SHA256, virustotal: null } } },
      check: (answer) => {
        assert.deepEqual(objects(answer).map((o) => [o.name, relations(o)]), [['file', [['md5', 'md5', MD5]]]]);
        assert.deepEqual(attributes(answer), []);
      },
    },
    {
      name: 'a known URL gives one file object per payload, with its VirusTotal report when there is one',
      query: attribute('url', URL),
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.path} ${new URLSearchParams(r.body).get('url')}`), [`/v1/url/ ${URL}`]),
      check: (answer) => {
        const files = objects(answer).filter((o) => o.name === 'file');
        const [first, second] = URL_INFO.payloads;
        assert.deepEqual(files.map(relations), [
          [
            ['filename', 'filename', first!.filename],
            ['size-in-bytes', 'size-in-bytes', first!.response_size],
            ['md5', 'md5', first!.response_md5],
            ['sha256', 'sha256', first!.response_sha256],
          ],
          [
            ['size-in-bytes', 'size-in-bytes', second!.response_size],
            ['md5', 'md5', second!.response_md5],
            ['sha256', 'sha256', second!.response_sha256],
          ],
        ]);
        const vts = objects(answer).filter((o) => o.name === 'virustotal-report');
        assert.equal(vts.length, 1);
        assert.deepEqual(files[0]!.ObjectReference!.map((r) => [r.relationship_type, r.referenced_uuid]), [['analyzed-with', vts[0]!.uuid]]);
        assert.equal(files[1]!.ObjectReference, undefined);
        assert.deepEqual(attributes(answer), []);
      },
    },
    {
      name: 'a known URL without payloads gives an empty result, nothing invented',
      query: attribute('url', URL),
      routes: { 'POST /v1/url/': { json: { ...URL_INFO, payloads: [] } } },
      results: {},
    },
    { name: 'an unknown host is upstream\'s "No results found" with the type', query: attribute('hostname', 'unknown.example'), messageId: 'noResults', data: { type: 'hostname' } },
    { name: 'an unknown URL likewise', query: attribute('url', 'http://unknown.example/'), error: 'No results found on URLhaus for this url attribute' },
    {
      name: 'another query_status is upstream\'s query error with the status',
      query: attribute('url', 'not a url'),
      routes: { 'POST /v1/url/': { json: { query_status: 'invalid_url' } } },
      error: 'Error encountered during the query of URLhaus: invalid_url',
    },
    { name: 'no auth_key: upstream\'s exact message, nothing sent', query: attribute('domain', HOST), config: { auth_key: '' }, error: 'A auth key is required to access all abuse.ch API services.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all: the same message', query: attribute('domain', HOST), config: null, messageId: 'noKey' },
    { name: 'a type it does not take is refused before any request', query: attribute('sha1', 'a'.repeat(40)), error: /does not accept attributes of type 'sha1'/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute at all', query: { domain: HOST }, error: /requires an "attribute" field/ },
    {
      name: 'a wrong key is refused by URLhaus with its query_status',
      query: attribute('domain', HOST),
      config: { auth_key: 'wrong' },
      error: 'URLhaus refused the key (setting auth_key, HTTP 401 Unauthorized): unknown_auth_key.',
    },
    { name: 'a 404 (the endpoint moved) names URLhaus and the status', query: attribute('domain', HOST), routes: { 'POST /v1/host/': { status: 404, body: '<html><head><title>404 Not Found</title></head></html>', headers: { 'content-type': 'text/html' } } }, error: 'URLhaus answered HTTP 404 Not Found: 404 Not Found.' },
    ...vendorFailureRows({ query: attribute('domain', HOST), route: 'POST /v1/host/', vendorMessage: 'Service temporarily unavailable' }).map((row) =>
      row.name.includes('500') ? { ...row, error: 'URLhaus answered HTTP 500 Internal Server Error: Service temporarily unavailable.' } : row,
    ),
  ],
});
