/**
 * ip2locationio against a loopback IP2Location.io (`GET /json?key=&ip=`:
 * 401 `{"error": {"error_code": 10000, "error_message": "Invalid API key or
 * insufficient credit."}}` for another key, 400 error 10001 for an invalid
 * IP), the answer as IP2Location.io documents it.
 */
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import ip2locationio from '../../../src/modules/expansion/ip2locationio.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = '3C5A0F19E4B2D6870A1B2C3D4E5F6071';
const UUID = '3c4d5e6f-7081-4293-a4b5-c6d7e8f90a1b';
const IP = '8.8.8.8';

const ANSWER = {
  ip: IP,
  country_code: 'US',
  country_name: 'United States of America',
  region_name: 'California',
  city_name: 'Mountain View',
  latitude: 37.38605,
  longitude: -122.08385,
  zip_code: '94035',
  time_zone: '-07:00',
  asn: '15169',
  as: 'Google LLC',
  is_proxy: false,
};

const IP2LOCATION: Routes = {
  'GET /json': (req: FakeRequest) => {
    if (req.query['key'] !== KEY) return { status: 401, json: { error: { error_code: 10000, error_message: 'Invalid API key or insufficient credit.' } } };
    const ip = req.query['ip'] ?? '';
    if (isIP(ip) === 0) return { status: 400, json: { error: { error_code: 10001, error_message: 'Invalid IP address.' } } };
    if (ip === '10.0.0.1') return { json: { '': 'RSV' } };
    if (ip === IP) return { json: ANSWER };
    return { json: { ip, country_code: '-', country_name: '-', region_name: '-', city_name: '-', latitude: 0, longitude: 0, zip_code: '-', time_zone: '-', asn: '-', as: '-', is_proxy: false } };
  },
};

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

type Obj = { name: string; Attribute: Array<{ object_relation: string; value: string }>; ObjectReference: Array<{ relationship_type: string; referenced_uuid: string }> };
const geolocation = (answer: Answer) => {
  const objects = (answer['results'] as { Object: Obj[] }).Object;
  assert.deepEqual(objects.map((o) => o.name), ['geolocation']);
  assert.deepEqual(objects[0]!.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['locates', UUID]]);
  return objects[0]!.Attribute.map((a) => [a.object_relation, a.value]);
};

testModule({
  module: ip2locationio,
  vendors: { 'api.ip2location.io': IP2LOCATION },
  config: { key: KEY },
  rows: [
    {
      name: 'a located address: the geolocation object',
      query: attribute('ip-src', IP),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), [`/json?ip=${IP}&key=${KEY}`]),
      check: (answer) =>
        assert.deepEqual(geolocation(answer), [
          ['countrycode', 'US'],
          ['country', 'United States of America'],
          ['region', 'California'],
          ['city', 'Mountain View'],
          ['zipcode', '94035'],
          ['latitude', '37.38605'],
          ['longitude', '-122.08385'],
        ]),
    },
    {
      name: 'an address with "-" placeholders: only the coordinates IP2Location.io gives',
      query: attribute('ip-dst', '192.0.2.1'),
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(geolocation(answer), [['latitude', '0'], ['longitude', '0']]),
    },
    {
      name: 'an answer with nothing: said, nothing invented',
      query: attribute('ip-dst', '192.0.2.1'),
      routes: { 'GET /json': { json: { ip: '192.0.2.1', country_code: '-' } } },
      messageId: 'empty',
      data: { ip: '192.0.2.1' },
    },
    { name: 'a reserved address: upstream\'s message', query: attribute('ip-src', '10.0.0.1'), messageId: 'reserved' },
    { name: 'an invalid address: IP2Location.io\'s words', query: attribute('ip-src', 'nope'), error: 'IP2Location.io answered HTTP 400 Bad Request: Invalid IP address.' },
    { name: 'no config: upstream\'s message', query: attribute('ip-src', IP), config: null, error: 'Missing ip2locationio config.' },
    { name: 'an empty key: upstream\'s message, no request', query: attribute('ip-src', IP), config: { key: '' }, error: 'Missing ip2locationio API key.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a wrong key: IP2Location.io\'s message', query: attribute('ip-src', IP), config: { key: 'nope' }, error: 'IP2Location.io refused the key (setting key, HTTP 401 Unauthorized): Invalid API key or insufficient credit.' },
    ...vendorFailureRows({ query: attribute('ip-src', IP), vendorMessage: 'Insufficient credit' }),
  ],
});
