/**
 * vulners against a loopback vulners.com: the three POST endpoints the
 * vulners library calls (`/api/v3/search/id/`, `/api/v3/ai/scoretext/`,
 * `/api/v3/search/lucene/`), the `X-Api-Key` header checked (401 with
 * Vulners' `{"result": "error", "data": {"error": …}}` otherwise), answers
 * wrapped in `{"result": "OK", "data": …}` as Vulners documents them.
 */
import assert from 'node:assert/strict';
import vulners from '../../../src/modules/expansion/vulners.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const KEY = 'VULNERS-KEY-5Q2W8E';
const CVE = 'CVE-2014-0160';
const DESCRIPTION =
  'The (1) TLS and (2) DTLS implementations in OpenSSL 1.0.1 before 1.0.1g do not properly handle Heartbeat Extension packets, ' +
  'which allows remote attackers to obtain sensitive information from process memory via crafted packets.';

const ok = (data: unknown): FakeResponse => ({ json: { result: 'OK', data } });
const keyed = (handler: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse =>
  req.headers['x-api-key'] === KEY ? handler(req) : { status: 401, json: { result: 'error', data: { error: 'Wrong API key', errorCode: 157 } } };

const DOCUMENT = {
  id: CVE,
  title: CVE,
  description: DESCRIPTION,
  type: 'cve',
  bulletinFamily: 'NVD',
  cvss: { score: 5.0, vector: 'AV:N/AC:L/Au:N/C:P/I:N/A:N' },
  published: '2014-04-07T22:55:03',
  modified: '2023-11-07T02:18:10',
  lastseen: '2024-05-28T14:19:56',
  href: 'https://web.nvd.nist.gov/view/vuln/detail?vulnId=CVE-2014-0160',
  cvelist: [CVE],
};

const exploit = (id: string, title: string) => ({
  _index: 'bulletins',
  _id: id,
  _score: 12.1,
  _source: { id, title, href: `https://vulners.com/exploitdb/${id}`, type: 'exploitdb', bulletinFamily: 'exploit', cvelist: [CVE] },
});

const EXPLOITS = [
  exploit('EDB-ID:32745', "OpenSSL TLS Heartbeat Extension - 'Heartbleed' Memory Disclosure"),
  exploit('EDB-ID:32764', "OpenSSL 1.0.1f TLS Heartbeat Extension - 'Heartbleed' Memory Disclosure (Multiple SSL/TLS Versions)"),
];

const VULNERS = {
  'POST /api/v3/search/id/': keyed((req) => {
    const ids = req.json<{ id: string[] }>().id;
    return ok({ documents: ids[0] === CVE ? { [CVE]: DOCUMENT } : {} });
  }),
  'POST /api/v3/ai/scoretext/': keyed((req) => ok({ score: req.json<{ text: string }>().text === CVE ? [6.5, 'NONE'] : [0, 'NONE'] })),
  'POST /api/v3/search/lucene/': keyed((req) => {
    const body = req.json<{ query: string }>();
    return ok({ search: body.query === `bulletinFamily:exploit AND "${CVE}"` ? EXPLOITS : [], total: body.query.includes(CVE) ? 2 : 0, maxSearchSize: 100 });
  }),
} satisfies Routes;

const text = (summary: string) => [{ types: ['text'], values: summary }];

testModule({
  module: vulners,
  vendors: { 'vulners.com': VULNERS },
  config: { apikey: KEY },
  rows: [
    {
      name: 'a CVE with exploits: AI score, the exploits and the description (once)',
      query: { vulnerability: CVE },
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['POST /api/v3/search/id/', 'POST /api/v3/ai/scoretext/', 'POST /api/v3/search/lucene/']);
        assert.deepEqual(JSON.parse(requests[0]!.body).id, [CVE]);
        assert.deepEqual(JSON.parse(requests[1]!.body), { text: CVE });
        const search = JSON.parse(requests[2]!.body) as Record<string, unknown>;
        assert.deepEqual([search['query'], search['skip'], search['size']], [`bulletinFamily:exploit AND "${CVE}"`, 0, 100]);
      },
      results: text(
        'Vulners AI Score is 6.5  ||  2 Public exploits available:\n  ' +
          "OpenSSL TLS Heartbeat Extension - 'Heartbleed' Memory Disclosure https://vulners.com/exploitdb/EDB-ID:32745\n  " +
          "OpenSSL 1.0.1f TLS Heartbeat Extension - 'Heartbleed' Memory Disclosure (Multiple SSL/TLS Versions) https://vulners.com/exploitdb/EDB-ID:32764\n  " +
          `|| Vulnerability Description:  ${DESCRIPTION}`,
      ),
    },
    {
      name: 'a CVE without exploits: the score and the description',
      query: { vulnerability: CVE },
      routes: { 'POST /api/v3/search/lucene/': ok({ search: [], total: 0 }) },
      results: text(`Vulners AI Score is 6.5 ${DESCRIPTION}`),
    },
    {
      name: 'a document carrying its score (enchantments): no AI scoring call; a numeric score',
      query: { vulnerability: CVE },
      routes: {
        'POST /api/v3/search/id/': ok({ documents: { [CVE]: { ...DOCUMENT, enchantments: { score: { value: 7.5, vector: 'NONE' } } } } }),
        'POST /api/v3/search/lucene/': ok({ search: [], total: 0 }),
      },
      requests: (requests) => assert.ok(!requests.some((r) => r.path.includes('/ai/'))),
      results: text(`Vulners AI Score is 7.5 ${DESCRIPTION}`),
    },
    { name: 'an unknown CVE: "Non existing CVE", nothing invented', query: { vulnerability: 'CVE-2099-0001' }, results: text('Non existing CVE') },
    {
      name: 'exploits over several pages are read up to the total',
      query: { vulnerability: CVE },
      routes: {
        'POST /api/v3/search/lucene/': (req: FakeRequest) =>
          ok(req.json<{ skip: number }>().skip === 0 ? { search: [EXPLOITS[0]], total: 2 } : { search: [EXPLOITS[1]], total: 2 }),
      },
      requests: (requests) => assert.deepEqual(requests.filter((r) => r.path.includes('lucene')).map((r) => JSON.parse(r.body).skip), [0, 1]),
      check: (answer) => assert.match(String((answer['results'] as Array<{ values: string }>)[0]!.values), /2 Public exploits available/),
    },
    // The runner refuses a query without a vulnerability before the module runs.
    { name: 'no vulnerability', query: { vulnerability: '' }, error: "Module 'vulners' needs one of these attribute types in the request: vulnerability." },
    { name: 'a vulnerability that is not text', query: { vulnerability: 42 }, messageId: 'noVulnerability' },
    { name: 'no apikey: upstream\'s exact message', query: { vulnerability: CVE }, config: { apikey: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all (upstream test)', query: { vulnerability: 'CVE-2010-3333' }, config: null, error: 'A Vulners api key is required for this module.' },
    {
      name: 'a wrong key: Vulners refuses it, its message carried',
      query: { vulnerability: CVE },
      config: { apikey: 'wrong' },
      error: 'Vulners refused the key (setting apikey, HTTP 401 Unauthorized): Wrong API key.',
    },
    {
      name: "Vulners' error inside a 200 answer",
      query: { vulnerability: CVE },
      routes: { 'POST /api/v3/search/id/': { json: { result: 'error', data: { error: 'Query limit exceeded', errorCode: 109 } } } },
      error: 'Vulners answered an error (HTTP 200 OK): Query limit exceeded.',
    },
    ...vendorFailureRows({ query: { vulnerability: CVE }, vendorMessage: 'Service Unavailable' }),
  ],
});
