/**
 * variotdbs against a loopback VARIoT db API (www.variotdbs.pl, Django REST
 * framework): `GET /api/vuln/{id}/` answers the vulnerability with its
 * `{data, sources}` envelopes; `GET /api/exploits/?cve={id}` pages of
 * `{count, next, previous, results}` where `next` is a full URL on
 * www.variotdbs.pl; a wrong token is 401 `{"detail": "Invalid token."}`.
 */
import assert from 'node:assert/strict';
import variotdbs from '../../../src/modules/expansion/variotdbs.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '9a8b7c6d-5e4f-4321-8fed-cba987654321';
const CVE = 'CVE-2021-44228';
const TOKEN = 'variot-token-0123456789';

const sources = [{ db: 'NVD', id: CVE }];
const VULNERABILITY = {
  id: 'VAR-202112-0566',
  cve: CVE,
  title: { _id: null, data: 'Apache Log4j2 Remote Code Execution Vulnerability', sources },
  description: { _id: null, data: 'Apache Log4j2 JNDI features do not protect against attacker controlled LDAP endpoints.', sources },
  credits: { _id: null, data: 'Chen Zhaojun of Alibaba Cloud Security Team', sources },
  configurations: {
    _id: null,
    data: [
      {
        CVE_data_version: '4.0',
        nodes: [
          {
            children: [],
            operator: 'OR',
            cpe_match: [
              { cpe22Uri: 'cpe:/a:apache:log4j', cpe23Uri: 'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', vulnerable: true },
              { cpe22Uri: 'cpe:/o:debian:debian_linux:10.0', cpe23Uri: 'cpe:2.3:o:debian:debian_linux:10.0:*:*:*:*:*:*:*', vulnerable: false },
            ],
          },
        ],
      },
    ],
    sources,
  },
  cvss: {
    _id: null,
    data: [
      {
        cvssV2: [{ accessComplexity: 'MEDIUM', baseScore: 9.3, trust: 1.0, vectorString: 'AV:N/AC:M/Au:N/C:C/I:C/A:C', version: '2.0' }],
        cvssV3: [
          { attackComplexity: 'LOW', baseScore: 9.8, trust: 0.8, vectorString: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', version: '3.0' },
          { attackComplexity: 'LOW', baseScore: 10.0, trust: 1.0, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', version: '3.1' },
        ],
        severity: [],
      },
    ],
    sources,
  },
  references: { _id: null, data: [{ trust: 1.0, url: 'https://logging.apache.org/log4j/2.x/security.html' }], sources },
  sources_release_date: { _id: null, data: [{ date: '2021-12-10T10:15:09.143000', db: 'JVNDB', id: 'JVNDB-2021-005429' }, { date: '2021-12-10T10:15:09.143000', db: 'NVD', id: CVE }] },
  sources_update_date: { _id: null, data: [{ date: '2023-11-07T03:39:36.747000', db: 'NVD', id: CVE }] },
};

const exploit = (edb: string, title: string) => ({
  id: `VAR-E-202112-${edb}`,
  edb_id: edb,
  title: { data: title },
  description: { data: `${title}: exploit for ${CVE}` },
  credits: { data: 'kozmer' },
  exploit: { data: `# Exploit Title: ${title}\n# CVE : ${CVE}\nimport socket` },
  cve: { data: [{ cve_id: CVE, trust: 1.0 }] },
  references: { data: [{ trust: 1.0, url: `https://www.exploit-db.com/exploits/${edb}` }] },
});
const PAGE_1 = { count: 3, next: `https://www.variotdbs.pl/api/exploits/?cve=${CVE}&page=2`, previous: null, results: [exploit('50590', 'Apache Log4j2 2.14.1 - Remote Code Execution'), exploit('50592', 'Apache Log4j2 2.14.1 - Information Disclosure')] };
const PAGE_2 = { count: 3, next: null, previous: `https://www.variotdbs.pl/api/exploits/?cve=${CVE}`, results: [exploit('51183', 'AD Manager Plus 7122 - Remote Code Execution')] };

/** The token is optional; a wrong one is refused as DRF does. */
function authorised(req: FakeRequest, answer: () => FakeResponse): FakeResponse {
  const header = req.headers.authorization;
  if (header !== undefined && header !== `Token ${TOKEN}`) return { status: 401, json: { detail: 'Invalid token.' } };
  return answer();
}

const VARIOT = {
  'GET /api/vuln/:id/': (req: FakeRequest) => authorised(req, () => (req.params['id'] === CVE ? { json: VULNERABILITY } : { status: 404, json: { detail: 'Not found.' } })),
  'GET /api/exploits/': (req: FakeRequest) =>
    authorised(req, () => {
      if (req.query['cve'] !== CVE) return { json: { count: 0, next: null, previous: null, results: [] } };
      return { json: req.query['page'] === '2' ? PAGE_2 : PAGE_1 };
    }),
} satisfies Routes;

const attribute = (value: string) => ({ attribute: { type: 'vulnerability', value, uuid: UUID, category: 'External analysis' } });

type ResultObject = { name: string; Attribute: Array<{ object_relation: string; type: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> };
function objects(answer: Answer): ResultObject[] {
  const found = (answer['results'] as { Object: ResultObject[] }).Object;
  for (const object of found) assert.deepEqual(object.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['related-to', UUID]]);
  return found;
}
const relations = (object: ResultObject) => object.Attribute.map((a) => [a.object_relation, a.type, a.value]);

testModule({
  module: variotdbs,
  vendors: { 'www.variotdbs.pl': VARIOT },
  config: {},
  rows: [
    {
      name: 'a CVE gives the vulnerability and every exploit, following `next`',
      query: attribute(CVE),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), [`GET /api/vuln/${CVE}/`, `GET /api/exploits/?cve=${CVE}`, `GET /api/exploits/?cve=${CVE}&page=2`]);
        for (const request of requests) assert.equal(request.headers.authorization, undefined, 'no key set, no Authorization header');
      },
      check: (answer) => {
        const found = objects(answer);
        assert.deepEqual(found.map((o) => o.name), ['vulnerability', 'exploit', 'exploit', 'exploit']);
        assert.deepEqual(relations(found[0]!), [
          ['id', 'vulnerability', CVE],
          ['id', 'vulnerability', 'VAR-202112-0566'],
          ['credit', 'text', 'Chen Zhaojun of Alibaba Cloud Security Team'],
          ['description', 'text', VULNERABILITY.description.data],
          ['summary', 'text', 'Apache Log4j2 Remote Code Execution Vulnerability'],
          ['vulnerable-configuration', 'cpe', 'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*'],
          ['cvss-score', 'float', '10'],
          ['cvss-string', 'text', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'],
          ['references', 'link', 'https://logging.apache.org/log4j/2.x/security.html'],
          ['published', 'datetime', '2021-12-10T10:15:09.143000'],
          ['modified', 'datetime', '2023-11-07T03:39:36.747000'],
        ]);
        assert.deepEqual(relations(found[1]!), [
          ['exploitdb-id', 'text', '50590'],
          ['credit', 'text', 'kozmer'],
          ['description', 'text', `Apache Log4j2 2.14.1 - Remote Code Execution: exploit for ${CVE}`],
          ['exploit', 'text', `# Exploit Title: Apache Log4j2 2.14.1 - Remote Code Execution\n# CVE : ${CVE}\nimport socket`],
          ['title', 'text', 'Apache Log4j2 2.14.1 - Remote Code Execution'],
          ['cve-id', 'vulnerability', CVE],
          ['reference', 'link', 'https://www.exploit-db.com/exploits/50590'],
        ]);
        assert.equal(found[3]!.Attribute.find((a) => a.object_relation === 'exploitdb-id')?.value, '51183');
      },
    },
    {
      name: 'API_key goes in `Authorization: Token <key>` on every page',
      query: attribute(CVE),
      config: { API_key: TOKEN },
      requests: (requests) => assert.deepEqual(requests.map((r) => r.headers.authorization), [`Token ${TOKEN}`, `Token ${TOKEN}`, `Token ${TOKEN}`]),
      check: (answer) => assert.equal(objects(answer).length, 4),
    },
    {
      name: 'a vulnerability VARIoT does not have (404) still gives its exploits',
      query: attribute(CVE),
      routes: { 'GET /api/vuln/:id/': { status: 404, json: { detail: 'Not found.' } } },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(objects(answer).map((o) => o.name), ['exploit', 'exploit', 'exploit']),
    },
    {
      name: 'a later page that fails keeps the exploits already read',
      query: attribute(CVE),
      routes: { 'GET /api/exploits/': (req: FakeRequest) => (req.query['page'] === '2' ? { status: 500, json: { detail: 'Server error.' } } : { json: PAGE_1 }) },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(objects(answer).map((o) => o.name), ['vulnerability', 'exploit', 'exploit']),
    },
    {
      name: 'a later page that is not JSON keeps the exploits already read',
      query: attribute(CVE),
      routes: { 'GET /api/exploits/': (req: FakeRequest) => (req.query['page'] === '2' ? { headers: { 'content-type': 'application/json' }, body: '{"results": [' } : { json: PAGE_1 }) },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(objects(answer).map((o) => o.name), ['vulnerability', 'exploit', 'exploit']),
    },
    {
      name: 'a service that always has a `next` page is followed for 20 pages at most',
      query: attribute(CVE),
      routes: {
        'GET /api/exploits/': (req: FakeRequest) => {
          const page = Number(req.query['page'] ?? '1');
          return { json: { count: 1000, next: `https://www.variotdbs.pl/api/exploits/?cve=${CVE}&page=${page + 1}`, previous: null, results: [exploit(String(60000 + page), `Exploit ${page}`)] } };
        },
      },
      inputUuids: [UUID],
      requests: (requests) => assert.equal(requests.filter((r) => r.path === '/api/exploits/').length, 20),
      check: (answer) => assert.equal(objects(answer).filter((o) => o.name === 'exploit').length, 20),
    },
    {
      name: 'a `next` page on another site is not followed (the key would go there)',
      query: attribute(CVE),
      config: { API_key: TOKEN },
      routes: { 'GET /api/exploits/': { json: { ...PAGE_1, next: 'https://collector.example/api/exploits/?page=2' } } },
      error: 'VARIoT pointed to another site (collector.example); not followed.',
      requests: (requests) => assert.equal(requests.length, 2),
    },
    {
      name: 'an exploit without its code is left out (the exploit template requires it)',
      query: attribute(CVE),
      routes: { 'GET /api/exploits/': { json: { count: 1, next: null, previous: null, results: [{ ...exploit('1', 'No code'), exploit: { data: '' } }] } } },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(objects(answer).map((o) => o.name), ['vulnerability']),
    },
    { name: 'nothing known of the id is "Empty results", nothing invented', query: attribute('CVE-2099-0001'), messageId: 'empty' },
    { name: 'a wrong API_key: VARIoT refuses it (401), named', query: attribute(CVE), config: { API_key: 'wrong' }, error: 'VARIoT refused the key (setting API_key, HTTP 401 Unauthorized): Invalid token.' },
    {
      name: 'the daily quota without a key (429) says so',
      query: attribute(CVE),
      routes: { 'GET /api/vuln/:id/': { status: 429, headers: { 'retry-after': '86400' }, json: { detail: 'Request was throttled. Expected available in 86400 seconds.' } } },
      error: 'VARIoT rate limit reached (HTTP 429 Too Many Requests: Request was throttled. Expected available in 86400 seconds); retry after 86400 s.',
    },
    { name: 'a value of ".." (another API path) is not sent', query: attribute('..'), messageId: 'empty', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a type it does not take is refused before any request', query: { attribute: { type: 'cpe', value: 'cpe:2.3:a:apache:log4j', uuid: UUID } }, error: /does not accept attributes of type 'cpe'/, requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({ query: attribute(CVE), config: { API_key: TOKEN }, route: 'GET /api/vuln/:id/', vendorMessage: 'Service unavailable' }),
    ...vendorFailureRows({ query: attribute(CVE), route: 'GET /api/exploits/', skip: ['unauthorized', 'rateLimited', 'timeout'], vendorMessage: 'Service unavailable' }).map((row) => ({ ...row, name: `exploits: ${row.name}` })),
  ],
});
