/**
 * rst_whois against a loopback RST Whois API (`GET /v1/whois/{domain}`, key
 * in X-Api-Key), answering the parsed record with the fields upstream reads
 * (`domain, registrar, registrant, registrant_org, registrant_email,
 * created_on, updated_on, expires_on, nameservers` as a comma-separated
 * string, `age` in days, `status`).
 */
import assert from 'node:assert/strict';
import rst_whois from '../../../src/modules/expansion/rst_whois.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { assertEchoed, assertOneGet, assertTextOnly, attribute, CONFIG, KEY, NO_KEY, onlyObject, RST_HOST, UUID, withKey } from './rstcloud-fake.js';

const RECORD = {
  domain: 'rstcloud.net',
  registrar: 'NameCheap, Inc.',
  registrant: 'Redacted for Privacy',
  registrant_org: 'Privacy service provided by Withheld for Privacy ehf',
  registrant_email: 'c1a6e3f0b9d84@withheldforprivacy.com',
  created_on: '2019-02-22 05:42:39',
  updated_on: '2024-01-23 09:12:05',
  expires_on: '2026-02-22 05:42:39',
  nameservers: 'dns1.registrar-servers.com,dns2.registrar-servers.com',
  age: 2480,
  status: 'clientTransferProhibited',
  raw: 'Domain Name: RSTCLOUD.NET\r\nRegistry Domain ID: 2361497583_DOMAIN_NET-VRSN\r\n',
};

const RST = {
  'GET /v1/whois/:domain': withKey((req) => (req.params['domain'] === 'rstcloud.net' ? { json: RECORD } : { status: 404, json: { message: 'Not Found' } })),
};

testModule({
  module: rst_whois,
  vendors: { [RST_HOST]: RST },
  config: CONFIG,
  rows: [
    {
      name: 'a registered domain: a whois object related to the input, one nameserver each',
      query: attribute('domain', 'rstcloud.net'),
      inputUuids: [UUID],
      requests: (requests) => assertOneGet(requests, '/v1/whois/rstcloud.net', {}),
      check: (answer) => {
        assertEchoed(answer, 'rstcloud.net');
        const { object, values } = onlyObject(answer, 'whois', 'related-to');
        assert.equal(object.comment, 'RST Whois API lookup for rstcloud.net');
        assert.deepEqual(values, {
          domain: ['rstcloud.net'],
          registrar: ['NameCheap, Inc.'],
          'registrant-name': ['Redacted for Privacy'],
          'registrant-org': ['Privacy service provided by Withheld for Privacy ehf'],
          'registrant-email': ['c1a6e3f0b9d84@withheldforprivacy.com'],
          'creation-date': ['2019-02-22T05:42:39'],
          'modification-date': ['2024-01-23T09:12:05'],
          'expiration-date': ['2026-02-22T05:42:39'],
          nameserver: ['dns1.registrar-servers.com', 'dns2.registrar-servers.com'],
          text: ['age: 2480 days; status: clientTransferProhibited'],
        });
        assert.ok(object.Attribute.every((a) => a.to_ids === false));
      },
    },
    {
      name: 'placeholders are left out, a nameserver list is read, a record without its domain names the one asked',
      query: attribute('hostname', 'rstcloud.net'),
      routes: { 'GET /v1/whois/:domain': { json: { registrar: 'unknown', registrant: 'N/A', created_on: '2019-02-22 05:42:39', nameservers: ['ns1.example.net', ' '], age: 0, status: 'none' } } },
      inputUuids: [UUID],
      check: (answer) => {
        const { values } = onlyObject(answer, 'whois', 'related-to');
        assert.deepEqual(values, { domain: ['rstcloud.net'], 'creation-date': ['2019-02-22T05:42:39'], nameserver: ['ns1.example.net'], text: ['age: 0 days'] });
      },
    },
    { name: 'an unknown domain (404) is "no WHOIS data found"', query: attribute('domain', 'never-registered.example'), check: (answer) => assertTextOnly(answer, 'never-registered.example: no WHOIS data found', 'RST Whois API') },
    { name: 'a record with nothing in it is "no WHOIS data found"', query: attribute('domain', 'rstcloud.net'), routes: { 'GET /v1/whois/:domain': { json: { registrar: 'unknown' } } }, check: (answer) => assertTextOnly(answer, 'rstcloud.net: no WHOIS data found', 'RST Whois API') },
    { name: 'an answer that is not an object is "no WHOIS data found"', query: attribute('domain', 'rstcloud.net'), routes: { 'GET /v1/whois/:domain': { json: [] } }, check: (answer) => assertTextOnly(answer, 'rstcloud.net: no WHOIS data found', 'RST Whois API') },
    {
      name: 'the domain is one path segment, encoded as rstapi does',
      query: attribute('domain', 'a b/c.example'),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), ['/v1/whois/a%20b%2Fc.example']),
      check: (answer) => assertTextOnly(answer, 'a b/c.example: no WHOIS data found', 'RST Whois API'),
    },
    { name: "no api_key: upstream's exact message, nothing sent", query: attribute('domain', 'rstcloud.net'), config: { api_key: '' }, error: NO_KEY, requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty value', query: attribute('domain', ''), messageId: 'noDomain' },
    { name: 'a type it does not take is refused', query: attribute('ip-dst', '1.1.1.1'), error: /does not accept attributes of type 'ip-dst'/ },
    { name: 'a wrong key: the gateway says Forbidden', query: attribute('domain', 'rstcloud.net'), config: { api_key: `${KEY}x` }, error: 'RST Cloud refused the key (setting api_key, HTTP 403 Forbidden).' },
    ...vendorFailureRows({ query: attribute('domain', 'rstcloud.net'), route: 'GET /v1/whois/:domain' }),
  ],
});
