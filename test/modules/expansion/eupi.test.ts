/**
 * eupi against a loopback Phishing Initiative API (Django REST framework:
 * `GET /api/v1/urls/?page_size=50&url=…` answers a paginated
 * `{count, next, previous, results}`, `GET /api/v1/urls/lookup/?url=…` a
 * list), with `Authorization: Token …` checked: DRF's 401
 * `{"detail": "Invalid token."}` otherwise.
 */
import assert from 'node:assert/strict';
import eupi from '../../../src/modules/expansion/eupi.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const TOKEN = 'eupi-token-9';
const PHISH = 'http://login-paypal.example.net/signin';

const URL_ENTRY = {
  url: PHISH,
  tag: 1,
  tag_label: 'phishing',
  first_seen: '2024-03-02T10:20:30Z',
  domain: 'login-paypal.example.net',
  tld: 'net',
  ip_address: '198.51.100.23',
  country: 'FR',
  asn: 16276,
};
const CLEAN_ENTRY = { ...URL_ENTRY, url: 'http://www.example.net/', tag: 2, tag_label: 'clean', domain: 'www.example.net', ip_address: '203.0.113.5' };

const authorised = (respond: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse =>
  req.headers['authorization'] === `Token ${TOKEN}` ? respond(req) : { status: 401, json: { detail: 'Invalid token.' } };

const API = {
  'GET /api/v1/urls/': authorised((req) => {
    const results = req.query['url'] === PHISH ? [URL_ENTRY, CLEAN_ENTRY] : req.query['url'] === 'www.example.net' ? [CLEAN_ENTRY] : [];
    return { json: { count: results.length, next: null, previous: null, results } };
  }),
  'GET /api/v1/urls/lookup/': authorised((req) => ({ json: req.query['url'] === PHISH ? [URL_ENTRY] : [] })),
} satisfies Routes;

testModule({
  module: eupi,
  vendors: { 'phishing-initiative.eu': API },
  config: { apikey: TOKEN, url: 'https://phishing-initiative.eu/' },
  rows: [
    {
      name: 'expansion: the phishing results as freetext (clean ones left out)',
      query: { url: PHISH, event_id: '12' },
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.path} ${[...r.searchParams].map(([k, v]) => `${k}=${v}`).join('&')}`), [`/api/v1/urls/ page_size=50&url=${PHISH}`]);
        assert.equal(requests[0]!.headers['accept'], 'application/json');
      },
      results: [{ types: ['freetext'], values: ` ${PHISH} login-paypal.example.net 198.51.100.23 ` }],
    },
    {
      name: 'hover: the tag label of the first result, title-cased',
      query: { url: PHISH },
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), [`/api/v1/urls/lookup/?url=${encodeURIComponent(PHISH)}`]),
      results: [{ types: ['freetext'], values: 'Phishing' }],
    },
    {
      name: 'the url setting\'s path is ignored, as pyeupi joins an absolute path',
      query: { hostname: 'login-paypal.example.net' },
      config: { url: 'https://phishing-initiative.eu/fr/' },
      routes: { 'GET /api/v1/urls/lookup/': authorised(() => ({ json: [{ ...URL_ENTRY, tag_label: 'unknown' }] })) },
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/api/v1/urls/lookup/']),
      results: [{ types: ['freetext'], values: 'Unknown' }],
    },
    { name: 'expansion: only clean results is upstream\'s "Unknown"', query: { domain: 'www.example.net', event_id: '12' }, error: 'Unknown in the EUPI service' },
    { name: 'expansion: no result at all is an empty freetext, nothing invented', query: { domain: 'nothing.example', event_id: '12' }, results: [{ types: ['freetext'], values: '' }] },
    { name: 'hover: no result is upstream\'s lookup error', query: { domain: 'nothing.example' }, error: 'Error in EUPI lookup' },
    { name: 'no config: upstream message', query: { url: PHISH }, config: null, error: 'EUPI authentication is missing', requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty apikey (upstream crashes): the same message', query: { url: PHISH }, config: { apikey: '' }, error: 'EUPI authentication is missing' },
    { name: 'an empty url (upstream crashes): the same message', query: { url: PHISH }, config: { url: '' }, error: 'EUPI authentication is missing' },
    { name: 'a url setting that is not a URL', query: { url: PHISH }, config: { url: 'phishing initiative' }, messageId: 'badUrl', data: { url: 'phishing initiative' } },
    { name: 'a wrong token: Phishing Initiative refuses it, with its words', query: { url: PHISH }, config: { apikey: 'wrong' }, error: 'Phishing Initiative refused the key (setting apikey, HTTP 401 Unauthorized): Invalid token.' },
    { name: 'an input it does not take', query: { 'ip-src': '198.51.100.23' }, error: /needs one of these attribute types in the request: hostname, domain, url/ },
    ...vendorFailureRows({ query: { url: PHISH }, vendorMessage: 'Maintenance' }),
  ],
});
