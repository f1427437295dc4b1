/**
 * ipinfo against a loopback ipinfo.io (`GET /{ip}/json?token=`: 403 with
 * ipinfo's `{"status", "error": {"title", "message"}}` for another token, a
 * bogon answer for reserved addresses), bodies as ipinfo documents them: the
 * free plan's `org` and the paid plan's `asn` and `domains`.
 */
import assert from 'node:assert/strict';
import ipinfo from '../../../src/modules/expansion/ipinfo.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const TOKEN = '1a2b3c4d5e6f70';
const PAID_TOKEN = '9f8e7d6c5b4a30';
const UUID = '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901';
const IP = '8.8.8.8';

const FREE = { ip: IP, hostname: 'dns.google', city: 'Mountain View', region: 'California', country: 'US', loc: '37.4056,-122.0775', org: 'AS15169 Google LLC', postal: '94043', timezone: 'America/Los_Angeles' };
const PAID = {
  ...FREE,
  org: undefined,
  asn: { asn: 'AS15169', name: 'Google LLC', domain: 'google.com', route: '8.8.8.0/24', type: 'hosting' },
  company: { name: 'Google LLC', domain: 'google.com', type: 'hosting' },
  privacy: { vpn: false, proxy: false, tor: false, relay: false, hosting: true, service: '' },
  abuse: { address: 'US, CA, Mountain View, 1600 Amphitheatre Parkway, 94043', country: 'US', email: 'network-abuse@google.com', name: 'Abuse', network: '8.8.8.0/24', phone: '+1-650-253-0000' },
  domains: { ip: IP, total: 2, domains: ['dns.google', 'google-public-dns-a.google.com'] },
};

const IPINFO: Routes = {
  'GET /:ip/json': (req: FakeRequest) => {
    const token = req.query['token'];
    if (token !== TOKEN && token !== PAID_TOKEN) return { status: 403, json: { status: 403, error: { title: 'Wrong token', message: 'Please ensure your token is correct' } } };
    const ip = req.params['ip']!;
    if (ip.startsWith('127.') || ip.startsWith('10.')) return { json: { ip, bogon: true } };
    if (ip !== IP) return { status: 404, json: { status: 404, error: { title: 'Wrong ip', message: 'Please provide a valid IP address' } } };
    return { json: token === PAID_TOKEN ? PAID : FREE };
  },
};

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

type Obj = { name: string; Attribute: Array<{ object_relation: string; value: string }>; ObjectReference: Array<{ relationship_type: string; referenced_uuid: string }> };
const objects = (answer: Answer) =>
  (answer['results'] as { Object: Obj[] }).Object.map((o) => ({
    name: o.name,
    references: o.ObjectReference.map((r) => `${r.relationship_type} ${r.referenced_uuid}`),
    values: o.Attribute.map((a) => [a.object_relation, a.value]),
  }));

testModule({
  module: ipinfo,
  vendors: { 'ipinfo.io': IPINFO },
  config: { token: TOKEN },
  rows: [
    {
      name: 'free plan: geolocation, domain-ip and the AS split from "org"',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), [`/${IP}/json?token=${TOKEN}`]),
      check: (answer) =>
        assert.deepEqual(objects(answer), [
          {
            name: 'geolocation',
            references: [`locates ${UUID}`],
            values: [['city', 'Mountain View'], ['zipcode', '94043'], ['region', 'California'], ['countrycode', 'US'], ['latitude', '37.4056'], ['longitude', '-122.0775']],
          },
          { name: 'domain-ip', references: [`resolves ${UUID}`], values: [['hostname', 'dns.google'], ['ip', IP]] },
          { name: 'asn', references: [`includes ${UUID}`], values: [['asn', 'AS15169'], ['description', 'Google LLC']] },
        ]),
    },
    {
      name: 'paid plan: the asn block and the hosted domains (upstream never read "domains")',
      query: attribute('ip-src', IP),
      config: { token: PAID_TOKEN },
      inputUuids: [UUID],
      check: (answer) => {
        const [, domainIp, asn] = objects(answer);
        assert.deepEqual(domainIp?.values, [['hostname', 'dns.google'], ['ip', IP], ['domain', 'dns.google'], ['domain', 'google-public-dns-a.google.com']]);
        assert.deepEqual(asn?.values, [['asn', 'AS15169'], ['description', 'Google LLC']]);
      },
    },
    {
      name: 'an anycast answer without loc, city or org: what is there, no crash',
      query: attribute('ip-src', IP),
      routes: { 'GET /:ip/json': { json: { ip: IP, country: 'US' } } },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(objects(answer).map((o) => [o.name, o.values]), [['geolocation', [['countrycode', 'US']]], ['domain-ip', [['ip', IP]]]]),
    },
    { name: 'a bogon: upstream\'s message', query: attribute('ip-src', '10.1.2.3'), messageId: 'bogon' },
    { name: 'an address ipinfo refuses (404): its own words', query: attribute('ip-src', '999.1.1.1'), messageId: 'notFound', data: { ip: '999.1.1.1' } },
    { name: 'no config: upstream\'s message', query: attribute('ip-src', IP), config: null, error: 'Missing ipinfo config.' },
    { name: 'an empty token: upstream\'s message, no request', query: attribute('ip-src', IP), config: { token: '' }, error: 'Missing ipinfo token.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'the attribute is checked before the config, as upstream', query: { attribute: { type: 'ip-src', value: IP } }, config: null, error: /requires an "attribute" field/ },
    { name: 'a wrong token: ipinfo\'s message', query: attribute('ip-src', IP), config: { token: 'nope' }, error: 'ipinfo.io refused the key (setting token, HTTP 403 Forbidden): Please ensure your token is correct.' },
    ...vendorFailureRows({ query: attribute('ip-src', IP), vendorMessage: 'You\'ve hit the daily limit for the unauthenticated API' }),
  ],
});
