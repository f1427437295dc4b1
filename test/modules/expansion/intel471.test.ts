/**
 * intel471 against a loopback Intel 471 API v1 (`GET /v1/iocs?ioc=`, HTTP
 * Basic email:authkey; 401 otherwise), bodies shaped like the documented
 * IOC search answer.
 */
import assert from 'node:assert/strict';
import intel471 from '../../../src/modules/expansion/intel471.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const EMAIL = 'analyst@example.org';
const AUTHKEY = 'i471-key';
const URL_IOC = 'http://bad.example.net/gate.php?id=1&x=2';

const IOC_ANSWER = {
  iocTotalCount: 1,
  iocs: [
    {
      uid: 'a8b6cf1a0c5d4e3f2b1a09f8e7d6c5b4',
      type: 'MaliciousURL',
      value: URL_IOC,
      activeTime: { first: 1583020800000, last: 1585699200000 },
      lastUpdated: 1585699200000,
      links: {
        actorTotalCount: 1,
        actors: [{ uid: '0e1d2c3b4a5968778695a4b3c2d1e0f1', handle: 'gozi_operator' }],
        reportTotalCount: 1,
        reports: [{ uid: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', subject: 'Gozi ISFB campaign — new gate', released: 1585699200000, portalReportUrl: 'https://titan.intel471.com/report/inforep/f0e1d2c3' }],
      },
    },
  ],
};

const basic = `Basic ${Buffer.from(`${EMAIL}:${AUTHKEY}`).toString('base64')}`;

const INTEL471 = {
  'GET /v1/iocs': (req: FakeRequest): FakeResponse => {
    if (req.headers.authorization !== basic) return { status: 401, json: { message: 'Full authentication is required to access this resource' } };
    return { json: req.query['ioc'] === URL_IOC ? IOC_ANSWER : { iocTotalCount: 0, iocs: [] } };
  },
} satisfies Routes;

const freetext = (answer: Answer) => {
  const [entry] = answer['results'] as Array<{ types: string[]; values: string }>;
  assert.deepEqual(entry?.types, ['freetext']);
  return entry.values;
};

testModule({
  module: intel471,
  vendors: { 'api.intel471.com': INTEL471 },
  config: { email: EMAIL, authkey: AUTHKEY },
  rows: [
    {
      name: 'a known URL: the IOC JSON as freetext, uids removed, the value URL-encoded',
      query: { url: URL_IOC },
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), [`/v1/iocs?ioc=${encodeURIComponent(URL_IOC)}`]),
      check: (answer) => {
        const text = freetext(answer);
        assert.doesNotMatch(text, /"uid"/);
        assert.match(text, /^\{\n {2}"iocTotalCount": 1,\n {2}"iocs": \[\n {4}\{\n/);
        assert.match(text, /"handle": "gozi_operator"/);
        assert.match(text, /"subject": "Gozi ISFB campaign \\u2014 new gate"/);
        const parsed = JSON.parse(text) as typeof IOC_ANSWER;
        assert.equal(parsed.iocs[0]!.value, URL_IOC);
        assert.equal(parsed.iocs[0]!.links.reports[0]!.portalReportUrl, 'https://titan.intel471.com/report/inforep/f0e1d2c3');
      },
    },
    { name: 'an unknown indicator: upstream\'s "Nothing has been found."', query: { domain: 'clean.example.org' }, check: (answer) => assert.equal(freetext(answer), 'Nothing has been found.') },
    {
      name: 'an IOC without uid or links does not break the module',
      query: { md5: 'd41d8cd98f00b204e9800998ecf8427e' },
      routes: { 'GET /v1/iocs': { json: { iocTotalCount: 1, iocs: [{ type: 'MaliciousFile', value: 'd41d8cd98f00b204e9800998ecf8427e' }] } } },
      check: (answer) => assert.equal(JSON.parse(freetext(answer)).iocs[0].type, 'MaliciousFile'),
    },
    { name: 'an answer without iocs is an error, nothing invented', query: { domain: 'x.example' }, routes: { 'GET /v1/iocs': { json: { message: 'ok' } } }, messageId: 'unexpected' },
    { name: 'no authkey', query: { domain: 'x.example' }, config: { authkey: '' }, error: 'Intel 471 authentication is missing', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: { domain: 'x.example' }, config: null, error: 'Intel 471 authentication is missing' },
    { name: 'a type it does not take', query: { 'ip-src|port': '1.2.3.4|80' }, error: /needs one of these attribute types/ },
    ...vendorFailureRows({ query: { domain: 'x.example' }, vendorMessage: 'Too many requests' }),
    { name: 'a wrong key: Intel 471 refuses it (401)', query: { domain: 'x.example' }, config: { authkey: 'wrong' }, error: /Intel 471 refused the key .*HTTP 401.*Full authentication is required/ },
  ],
});
