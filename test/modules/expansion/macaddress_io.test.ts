/**
 * macaddress_io against a loopback api.macaddress.io: `GET /v1?output=json&search=<mac>`
 * with the key in `X-Authentication-Token` (401 otherwise), answering the
 * JSON documented at macaddress.io/api-documentation (trimmed).
 */
import assert from 'node:assert/strict';
import macaddress_io from '../../../src/modules/expansion/macaddress_io.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const KEY = 'at_test_key_0123';
const MAC = '44:38:39:ff:ef:57';

const CUMULUS = {
  vendorDetails: { oui: '443839', isPrivate: false, companyName: 'Cumulus Networks, Inc', companyAddress: '650 Castro Street, suite 120-245 Mountain View CA 94041 US', countryCode: 'US' },
  blockDetails: { blockFound: true, borderLeft: '443839000000', borderRight: '443839FFFFFF', blockSize: 16777216, assignmentBlockSize: 'MA-L', dateCreated: '2012-04-08', dateUpdated: '2015-09-27' },
  macAddressDetails: { searchTerm: MAC, isValid: true, virtualMachine: 'Not detected', applications: ['Multi-Chassis Link Aggregation (Cumulus Linux)'], transmissionType: 'unicast', administrationType: 'UAA', wiresharkNotes: 'No details', comment: '' },
};

const MACADDRESS: Routes = {
  'GET /v1': (req: FakeRequest) => {
    if (req.headers['x-authentication-token'] !== KEY) return { status: 401, json: { error: 'Access restricted. Check credentials.' } };
    if (req.query['output'] !== 'json') return { status: 400, json: { error: 'Unknown output format' } };
    if (!/^[0-9a-f:.-]{6,17}$/i.test(req.query['search'] ?? '')) return { status: 422, json: { error: 'Invalid MAC or OUI address was received.' } };
    return { json: CUMULUS };
  },
};

testModule({
  module: macaddress_io,
  vendors: { 'api.macaddress.io': MACADDRESS },
  config: { api_key: KEY },
  rows: [
    {
      name: 'a known MAC: the MAC, vendor and block details, with upstream labels and dates',
      query: { 'mac-address': MAC },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), [`GET /v1?output=json&search=${encodeURIComponent(MAC)}`]),
      results: [
        {
          types: ['text'],
          values: [
            'Valid MAC address: True',
            'Transmission type: unicast',
            'Administration type: UAA',
            'OUI: 443839',
            'Vendor details are hidden: False',
            'Company name: Cumulus Networks, Inc',
            "Company's address: 650 Castro Street, suite 120-245 Mountain View CA 94041 US",
            'County code: US',
            'Block found: True',
            'The left border of the range: 443839000000',
            'The right border of the range: 443839FFFFFF',
            'The total number of MAC addresses in this range: 16777216',
            'Assignment block size: MA-L',
            'Date when the range was allocated: 08 April 2012',
            'Date when the range was last updated: 27 September 2015',
          ],
        },
      ],
    },
    {
      name: 'a MAC in no block: the flags, nothing invented for the empty fields',
      query: { 'mac-address': '02:00:00:00:00:01' },
      routes: {
        'GET /v1': {
          json: {
            vendorDetails: { oui: '020000', isPrivate: false, companyName: '', companyAddress: '', countryCode: '' },
            blockDetails: { blockFound: false, borderLeft: '', borderRight: '', blockSize: 0, assignmentBlockSize: '', dateCreated: null, dateUpdated: null },
            macAddressDetails: { searchTerm: '02:00:00:00:00:01', isValid: true, transmissionType: 'unicast', administrationType: 'LAA' },
          },
        },
      },
      results: [
        {
          types: ['text'],
          values: [
            'Valid MAC address: True',
            'Transmission type: unicast',
            'Administration type: LAA',
            'OUI: 020000',
            'Vendor details are hidden: False',
            'Block found: False',
            'The total number of MAC addresses in this range: 0',
          ],
        },
      ],
    },
    { name: 'no api_key: upstream\'s "Authorization required", no request', query: { 'mac-address': MAC }, config: { api_key: '' }, error: 'Authorization required', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: { 'mac-address': MAC }, config: null, error: 'Authorization required' },
    { name: 'no mac-address in the query', query: { 'ip-src': '198.51.100.1' }, error: /needs one of these attribute types in the request: mac-address/ },
    { name: 'an invalid MAC (422)', query: { 'mac-address': 'zz:zz' }, error: 'Invalid MAC or OUI (macaddress.io answered HTTP 422 Unprocessable Entity: Invalid MAC or OUI address was received).' },
    { name: 'a wrong key (the fake checks the header)', query: { 'mac-address': MAC }, config: { api_key: 'wrong' }, error: 'Authorization required (macaddress.io answered HTTP 401 Unauthorized: Access restricted. Check credentials).' },
    { name: 'out of credits (402)', query: { 'mac-address': MAC }, routes: { 'GET /v1': { status: 402, json: { error: 'Not enough credits' } } }, error: /^Not enough credits \(macaddress\.io answered HTTP 402 Payment Required/ },
    { name: 'access denied (403)', query: { 'mac-address': MAC }, routes: { 'GET /v1': { status: 403, json: { error: 'Access denied' } } }, error: /^Access denied \(macaddress\.io answered HTTP 403 Forbidden/ },
    { name: 'an empty 200 body: upstream\'s "Empty response"', query: { 'mac-address': MAC }, routes: { 'GET /v1': { status: 200, body: '' } }, messageId: 'emptyResponse' },
    ...vendorFailureRows({
      query: { 'mac-address': MAC },
      route: 'GET /v1',
      vendorMessage: 'Backend unavailable',
      expect: {
        unauthorized: /^Authorization required \(macaddress\.io answered HTTP 401 Unauthorized/,
        serverError: /^Internal server error \(macaddress\.io answered HTTP 500 Internal Server Error/,
        malformed: 'Unparsable response',
      },
    }),
  ],
});
