/**
 * xposedornot against loopback XposedOrNot APIs: the free
 * `GET /v1/breach-analytics?email=` on api.xposedornot.com (BreachMetrics,
 * BreachesSummary, ExposedBreaches.breaches_details, as its docs show; 404
 * `{"Error": "Not found"}` for a clean address) and the keyed Plus
 * `GET /v3/check-email/{email}?detailed=true` on plus-api.xposedornot.com
 * (`breaches[]` with breach_id, breached_date…; 401 without the right
 * x-api-key). Rows follow upstream's tests/test_xposedornot.py.
 */
import assert from 'node:assert/strict';
import xposedornot from '../../../src/modules/expansion/xposedornot.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '5b582d80-7a7e-4b6a-9f22-77656e72bb3b';
const KEY = 'xon-plus-test-key';
const EXPOSED = 'test@example.com';

/** breach-analytics for an exposed address (XposedOrNot docs shape, two breaches). */
const FREE_ANSWER = {
  BreachMetrics: {
    industry: [[['misc', 1], ['food', 1], ['tech', 1]]],
    passwords_strength: [{ EasyToCrack: 0, PlainText: 1, StrongHash: 0, Unknown: 1 }],
    risk: [{ risk_label: 'Critical', risk_score: 100 }],
    xposed_data: [{ children: [{ colname: 'level2', group: 'A', name: 'data_Email addresses', value: 2 }], name: 'Personal Identification' }],
    yearwise_details: [{ y2013: 1, y2026: 1 }],
  },
  BreachesSummary: { site: 'Sysco;Yahoo' },
  ExposedBreaches: {
    breaches_details: [
      {
        breach: 'Sysco',
        details: 'In 2026, Sysco suffered a data breach exposing customer contact details.',
        domain: 'sysco.com',
        industry: 'Food',
        logo: 'https://xposedornot.com/static/logos/Sysco.png',
        password_risk: 'unknown',
        references: '',
        searchable: 'Yes',
        verified: 'Yes',
        xposed_data: 'Email addresses;Names;Phone numbers',
        xposed_date: '2026',
        xposed_records: 2699339,
      },
      {
        breach: 'Yahoo',
        details: 'In 2013, Yahoo accounts were compromised.',
        domain: 'yahoo.com',
        industry: 'Tech',
        logo: 'https://xposedornot.com/static/logos/Yahoo.png',
        password_risk: 'plaintextpassword',
        references: '',
        searchable: 'Yes',
        verified: 'Yes',
        xposed_data: 'Email addresses;Passwords',
        xposed_date: '2013',
        xposed_records: '3000000000',
      },
    ],
  },
  ExposedPastes: null,
  PasteMetrics: null,
  PastesSummary: { cnt: 0, domain: '', tmpstmp: '' },
};

/** check-email?detailed=true for an exposed address (Plus API). */
const PLUS_ANSWER = {
  status: 'success',
  email: 'user+tag@example.com',
  breaches: [
    {
      breach_id: 'Sysco',
      breached_date: '2026-01-12T00:00:00',
      domain: 'sysco.com',
      industry: 'Food',
      logo: 'https://xposedornot.com/static/logos/Sysco.png',
      password_risk: 'unknown',
      searchable: true,
      verified: true,
      xposed_data: 'Email addresses;Names',
      xposed_records: 2699339,
    },
    { breach_id: '', breached_date: null, domain: '', xposed_records: null },
  ],
};

const FREE: Routes = {
  'GET /v1/breach-analytics': (req: FakeRequest): FakeResponse => {
    if (req.headers['user-agent'] !== 'misp-modules') return { status: 403, json: { Error: 'Forbidden' } };
    return req.query['email'] === EXPOSED ? { json: FREE_ANSWER } : { status: 404, json: { Error: 'Not found' } };
  },
};

const PLUS: Routes = {
  'GET /v3/check-email/:email': (req: FakeRequest): FakeResponse => {
    if (req.headers['x-api-key'] !== KEY) return { status: 401, json: { status: 'error', message: 'Invalid API key' } };
    if (req.query['detailed'] !== 'true') return { json: { status: 'success', email: req.params['email'], breaches: [] } };
    return req.params['email'] === 'user+tag@example.com' ? { json: PLUS_ANSWER } : { status: 404, json: { status: 'not_found', email: req.params['email'] } };
  },
};

const query = (value: string, type = 'email') => ({ attribute: { type, value, uuid: UUID } });

/** Upstream's rate-limit text, which names the optional api_key. */
const RATE_LIMITED = xposedornot.messages['rateLimited']!;

type Attr = { type: string; value: string; comment?: string; disable_correlation: boolean };
const attributes = (answer: Answer) => (answer['results'] as { Attribute: Attr[] }).Attribute;

testModule({
  module: xposedornot,
  vendors: { 'api.xposedornot.com': FREE, 'plus-api.xposedornot.com': PLUS },
  rows: [
    {
      name: 'the free API: a summary and one text attribute per breach, with the details in the comment',
      query: query(EXPOSED),
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.vendor} ${r.target}`), ['api.xposedornot.com /v1/breach-analytics?email=test%40example.com']);
        assert.equal(requests[0]!.headers['user-agent'], 'misp-modules');
        assert.equal(requests[0]!.headers['x-api-key'], undefined);
      },
      check: (answer) => {
        assert.deepEqual(attributes(answer).map((a) => [a.type, a.value, a.comment, a.disable_correlation]), [
          ['text', 'Email exposed in 2 data breaches (XposedOrNot), first: 2013, latest: 2026, risk: Critical', 'XposedOrNot breach exposure summary', true],
          ['text', 'Sysco', 'breached: 2026 | 2,699,339 records | domain: sysco.com | exposed: Email addresses; Names; Phone numbers | password risk: unknown | verified: Yes', true],
          ['text', 'Yahoo', 'breached: 2013 | 3,000,000,000 records | domain: yahoo.com | exposed: Email addresses; Passwords | password risk: plaintextpassword | verified: Yes', true],
        ]);
        assert.deepEqual(Object.keys(answer['results'] as object), ['Attribute']);
      },
    },
    {
      name: 'the address is trimmed and lower-cased, any of its input types',
      query: query('  Test@Example.COM ', 'email-src'),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.query['email']), [EXPOSED]),
      check: (answer) => assert.equal(attributes(answer).length, 3),
    },
    {
      name: 'with api_key: the Plus API, the address percent-encoded in the path, the key in x-api-key',
      query: query('User+Tag@Example.com'),
      config: { api_key: KEY },
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.vendor} ${r.target}`), ['plus-api.xposedornot.com /v3/check-email/user%2Btag%40example.com?detailed=true']);
        assert.equal(requests[0]!.headers['x-api-key'], KEY);
        assert.equal(requests[0]!.headers['user-agent'], 'misp-modules');
      },
      check: (answer) => {
        // The unnamed breach counts in the summary but gives no attribute, as upstream; no risk label on the Plus API.
        assert.deepEqual(attributes(answer).map((a) => [a.value, a.comment]), [
          ['Email exposed in 2 data breaches (XposedOrNot), first: 2026, latest: 2026', 'XposedOrNot breach exposure summary'],
          ['Sysco', 'breached: 2026-01-12T00:00:00 | 2,699,339 records | domain: sysco.com | exposed: Email addresses; Names | password risk: unknown | verified: True'],
        ]);
      },
    },
    {
      name: 'one breach is "1 data breach", without years when the date is missing',
      query: query(EXPOSED),
      routes: { 'api.xposedornot.com': { 'GET /v1/breach-analytics': { json: { ExposedBreaches: { breaches_details: [{ breach: 'Canva', xposed_data: ['Email addresses', 'Names'] }] } } } } },
      check: (answer) =>
        assert.deepEqual(attributes(answer).map((a) => [a.value, a.comment]), [
          ['Email exposed in 1 data breach (XposedOrNot)', 'XposedOrNot breach exposure summary'],
          ['Canva', 'exposed: Email addresses; Names'],
        ]),
    },
    { name: 'a clean address (404): upstream\'s "No breach found"', query: query('clean@example.com'), error: 'No breach found on XposedOrNot for this email address.' },
    {
      name: 'no breach in a 200 answer: the same message, nothing invented',
      query: query(EXPOSED),
      routes: { 'api.xposedornot.com': { 'GET /v1/breach-analytics': { json: { ExposedBreaches: { breaches_details: [] } } } } },
      messageId: 'noBreach',
    },
    { name: 'a clean address on the Plus API (404)', query: query('clean@example.com'), config: { api_key: KEY }, messageId: 'noBreach' },
    { name: 'an answer that is not an object', query: query(EXPOSED), routes: { 'api.xposedornot.com': { 'GET /v1/breach-analytics': { json: ['x'] } } }, messageId: 'noBreach' },
    { name: 'not an email address: upstream\'s message, nothing sent', query: query('not-an-email'), error: 'The provided attribute value is not a valid email address.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'an address over 254 characters', query: query(`${'a'.repeat(250)}@x.io`), messageId: 'invalidEmail' },
    { name: 'no attribute: upstream\'s message', query: { email: EXPOSED }, error: /^This module requires an "attribute" field/ },
    { name: 'a type it does not take', query: query(EXPOSED, 'text'), error: /does not accept attributes of type 'text'/ },
    {
      name: 'a wrong Plus key: HTTP 401 with what XposedOrNot said',
      query: query('User+Tag@Example.com'),
      config: { api_key: 'wrong' },
      error: 'XposedOrNot API returned HTTP status 401: Invalid API key.',
    },
    { name: 'the keyless rate limit (429): upstream\'s message naming api_key', query: query(EXPOSED), routes: { 'api.xposedornot.com': { 'GET /v1/breach-analytics': { status: 429, json: { Error: 'Too many requests' } } } }, messageId: 'rateLimited' },
    { name: "upstream's 500 message, exactly, when XposedOrNot says nothing", query: query(EXPOSED), routes: { 'api.xposedornot.com': { 'GET /v1/breach-analytics': { status: 500, body: '' } } }, error: 'XposedOrNot API returned HTTP status 500.' },
    ...vendorFailureRows({
      query: query(EXPOSED),
      host: 'api.xposedornot.com',
      route: 'GET /v1/breach-analytics',
      vendorMessage: 'Service unavailable',
      expect: {
        unauthorized: 'XposedOrNot API returned HTTP status 401: Service unavailable.',
        rateLimited: RATE_LIMITED,
        serverError: 'XposedOrNot API returned HTTP status 500: Service unavailable.',
        malformed: 'XposedOrNot API returned an invalid JSON response.',
      },
    }),
    {
      name: 'a connection reset is upstream\'s "request failed"',
      query: query(EXPOSED),
      routes: { 'api.xposedornot.com': { 'GET /v1/breach-analytics': { resetAfter: '' } } },
      error: 'XposedOrNot API request failed: XposedOrNot closed the connection before the end of its answer.',
    },
  ],
});
