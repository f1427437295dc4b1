/**
 * onyphe_full against a loopback ONYPHE Search API (`GET /api/v2/search/?q=
 * category:{c} {field}:{value}&page=N&size=100`, `Authorization: bearer KEY`
 * checked), answers in ONYPHE's paged envelope (`page`, `max_page`); the
 * documents are those upstream's tests/test_onyphe.py feeds its mocked
 * `search_iter`. A category the licence does not cover answers 403 with
 * ONYPHE's `{"error", "text"}`.
 */
import assert from 'node:assert/strict';
import onypheFull from '../../../src/modules/expansion/onyphe_full.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer, type VendorRequest } from '../../support/module-tester.js';
import { CERTIFICATE_DOCUMENT, DOMAIN_ATTRIBUTE, IP_ATTRIBUTE, KEY, ROUTABLE_IP, SHA256, envelope, unauthorized } from './onyphe-fixtures.js';

const IP_CATEGORIES = ['datascan', 'vulnscan', 'resolver', 'ctl', 'pastries', 'threatlist'];
const ASSET_CATEGORIES = ['datascan', 'resolver', 'ctl', 'pastries', 'threatlist'];

/** Documents per category, for the IP attribute. */
const HITS: Record<string, unknown[]> = {
  datascan: [
    { '@category': 'datascan', ip: '198.51.100.10', port: 443, transport: 'tcp', protocol: 'https', product: 'nginx', productversion: '1.24.0', organization: 'Example Hosting', asn: 'AS64500', country: 'FR', seen_date: '2026-07-30', cve: ['CVE-2023-44487'], ...CERTIFICATE_DOCUMENT },
    // Repeated documents, and one without anything to anchor an ip-port object.
    { '@category': 'datascan', ip: '198.51.100.10', port: 443, transport: 'tcp' },
    { '@category': 'datascan', ip: '198.51.100.10', port: 443, transport: 'tcp' },
    { '@category': 'datascan', organization: 'Example Hosting' },
  ],
  vulnscan: [{ '@category': 'vulnscan', ip: '198.51.100.10', cve: ['CVE-2021-44228'] }],
  resolver: [
    { '@category': 'resolver', ip: '198.51.100.10', domain: 'example.com', type: 'A' },
    { '@category': 'resolver', ip: '198.51.100.10', reverse: 'mail.example.com', type: 'PTR' },
  ],
  ctl: [{ '@category': 'ctl', ...CERTIFICATE_DOCUMENT }],
  pastries: [
    {
      '@category': 'pastries',
      source: 'pastebin',
      key: 'aBcD1234',
      domain: ['example.com', 'localhost', 'not a host', 'http://example.com/x', 'user@example.com'],
      hostname: ['www.example.org'],
      ip: ['10.0.0.1', '172.16.5.4', '192.168.1.1', '127.0.0.1', '169.254.1.1', '224.0.0.1', '240.0.0.1', ROUTABLE_IP],
    },
  ],
  threatlist: [{ '@category': 'threatlist', threatlist: 'blocklist.de', seen_date: '2026-07-30' }],
};

/** The category and the field:value of an OQL query. */
function parseOql(q: string): { category: string; field: string; value: string } {
  const [category = '', criterion = ''] = q.split(' ');
  const [field = '', ...value] = criterion.split(':');
  return { category: category.replace(/^category:/, ''), field, value: value.join(':') };
}

function search(req: FakeRequest) {
  if (req.headers['authorization'] !== `bearer ${KEY}`) return unauthorized;
  const { category, field, value } = parseOql(req.query['q'] ?? '');
  const hits = field === 'ip' && value === IP_ATTRIBUTE.value ? (HITS[category] ?? []) : [];
  return { json: envelope(hits) };
}

/** 250 datascan documents, 100 a page, for the paging rows. */
function pagedSearch(req: FakeRequest) {
  const { category } = parseOql(req.query['q'] ?? '');
  if (category !== 'datascan') return { json: envelope([]) };
  const page = Number(req.query['page']);
  const size = Number(req.query['size']);
  const all = Array.from({ length: 250 }, (_, i) => ({ '@category': 'datascan', ip: '198.51.100.10', port: i + 1, transport: 'tcp' }));
  return { json: envelope(all.slice((page - 1) * size, page * size), page, Math.ceil(all.length / size), all.length) };
}

/** Datascan and vulnscan refused by the licence. */
function licensed(req: FakeRequest) {
  const { category } = parseOql(req.query['q'] ?? '');
  if (category === 'datascan' || category === 'vulnscan') return { status: 403, json: { error: 15, text: `${category} not covered by your license`, status: 'nok' } };
  return search(req);
}

const ONYPHE: Routes = { 'GET /api/v2/search/': search };

type Obj = { name: string; uuid: string; Attribute: Array<{ object_relation: string; value: string }>; ObjectReference: Array<{ relationship_type: string; referenced_uuid: string }> };
type Attr = { type: string; value: string; category: string; to_ids: boolean; comment?: string };
const objectsNamed = (answer: Answer, name: string) => ((answer['results'] as { Object?: Obj[] }).Object ?? []).filter((o) => o.name === name);
const relationValues = (object: Obj | undefined, relation: string) => object?.Attribute.filter((a) => a.object_relation === relation).map((a) => a.value) ?? [];
const attributes = (answer: Answer) => (answer['results'] as { Attribute: Attr[] }).Attribute.slice(1);
const attributeValues = (answer: Answer, type: string) => attributes(answer).filter((a) => a.type === type).map((a) => a.value);
const queried = (requests: VendorRequest[]) => requests.map((r) => r.query['q']);

testModule({
  module: onypheFull,
  vendors: { 'www.onyphe.io': ONYPHE },
  config: { apikey: KEY },
  rows: [
    {
      name: 'an IP: every category queried, each document parsed as upstream',
      query: { attribute: IP_ATTRIBUTE },
      inputUuids: [IP_ATTRIBUTE.uuid],
      requests: (requests) => {
        assert.deepEqual(queried(requests), IP_CATEGORIES.map((c) => `category:${c} ip:198.51.100.10`));
        assert.ok(requests.every((r) => r.path === '/api/v2/search/' && r.query['page'] === '1' && r.query['size'] === '100'));
      },
      check: (answer) => {
        const ipPort = objectsNamed(answer, 'ip-port');
        assert.equal(ipPort.length, 1, 'repeated documents give one object; one without anchor none');
        assert.deepEqual(ipPort[0]!.Attribute.map((a) => [a.object_relation, a.value]), [
          ['ip', '198.51.100.10'],
          ['dst-port', '443'],
          ['protocol', 'tcp'],
          ['AS', 'AS64500'],
          ['country-code', 'FR'],
          ['last-seen', '2026-07-30T00:00:00'],
          ['text', 'https nginx 1.24.0 Example Hosting'],
        ]);
        const vulnerabilities = objectsNamed(answer, 'vulnerability');
        assert.deepEqual(vulnerabilities.map((o) => relationValues(o, 'id')[0]), ['CVE-2023-44487', 'CVE-2021-44228']);
        assert.deepEqual(vulnerabilities[0]!.ObjectReference.map((r) => r.relationship_type), ['related-to', 'affects']);
        assert.equal(vulnerabilities[0]!.ObjectReference[1]!.referenced_uuid, ipPort[0]!.uuid);
        // The certificate seen in datascan and in ctl: one x509 object.
        assert.deepEqual(objectsNamed(answer, 'x509').map((o) => relationValues(o, 'x509-fingerprint-sha256')), [[SHA256]]);
        const [domainIp] = objectsNamed(answer, 'domain-ip');
        assert.deepEqual(domainIp?.Attribute.map((a) => [a.object_relation, a.value]), [['ip', '198.51.100.10'], ['domain', 'example.com'], ['text', 'A record seen by Onyphe']]);
        // Resolver: the reverse name is a hostname. Pastries: URL, names, routable IPs, never for detection.
        assert.deepEqual(attributeValues(answer, 'hostname'), ['mail.example.com', 'www.example.org']);
        assert.deepEqual(attributeValues(answer, 'domain'), ['example.com']);
        assert.deepEqual(attributeValues(answer, 'ip-dst'), ['198.51.100.10', ROUTABLE_IP]);
        assert.deepEqual(attributeValues(answer, 'url'), ['https://pastebin.com/raw/aBcD1234']);
        const mined = attributes(answer).filter((a) => a.comment === 'Found in a paste indexed by Onyphe' || a.type === 'url');
        assert.ok(mined.length === 3 && mined.every((a) => a.to_ids === false));
        assert.deepEqual(attributeValues(answer, 'comment'), ['seen 2026-07-30 on blocklist.de']);
      },
    },
    {
      name: 'a domain: the asset categories (no vulnscan) with the domain field',
      query: { attribute: DOMAIN_ATTRIBUTE },
      inputUuids: [DOMAIN_ATTRIBUTE.uuid],
      requests: (requests) => assert.deepEqual(queried(requests), ASSET_CATEGORIES.map((c) => `category:${c} domain:example.com`)),
      check: (answer) => assert.deepEqual(attributes(answer), []),
    },
    {
      name: 'categories the licence does not cover: skipped, listed in one comment',
      query: { attribute: IP_ATTRIBUTE },
      routes: { 'GET /api/v2/search/': licensed },
      inputUuids: [IP_ATTRIBUTE.uuid],
      check: (answer) => {
        const reported = attributes(answer).filter((a) => a.type === 'comment' && a.value.startsWith('Onyphe categories not returned: '));
        assert.equal(reported.length, 1);
        assert.match(reported[0]!.value, /^Onyphe categories not returned: datascan: ONYPHE refused the key \(setting apikey, HTTP 403 Forbidden\): datascan not covered by your license\.; vulnscan: /);
        assert.equal(reported[0]!.category, 'Other');
        assert.equal(reported[0]!.to_ids, false);
        assert.ok(attributeValues(answer, 'comment').includes('seen 2026-07-30 on blocklist.de'));
        assert.equal(objectsNamed(answer, 'ip-port').length, 0);
      },
    },
    {
      name: 'limit 150: pages of 100 walked until 150 documents',
      query: { attribute: IP_ATTRIBUTE },
      config: { limit: '150' },
      routes: { 'GET /api/v2/search/': pagedSearch },
      inputUuids: [IP_ATTRIBUTE.uuid],
      requests: (requests) => assert.deepEqual(requests.filter((r) => r.query['q']!.startsWith('category:datascan')).map((r) => r.query['page']), ['1', '2']),
      check: (answer) => assert.equal(objectsNamed(answer, 'ip-port').length, 150),
    },
    {
      name: 'limit 1000: stops at ONYPHE\'s max_page',
      query: { attribute: IP_ATTRIBUTE },
      config: { limit: '1000' },
      routes: { 'GET /api/v2/search/': pagedSearch },
      inputUuids: [IP_ATTRIBUTE.uuid],
      requests: (requests) => assert.deepEqual(requests.filter((r) => r.query['q']!.startsWith('category:datascan')).map((r) => r.query['page']), ['1', '2', '3']),
      check: (answer) => assert.equal(objectsNamed(answer, 'ip-port').length, 250),
    },
    {
      name: 'a limit that is not a number: the default 100, one page',
      query: { attribute: IP_ATTRIBUTE },
      config: { limit: 'nope' },
      routes: { 'GET /api/v2/search/': pagedSearch },
      inputUuids: [IP_ATTRIBUTE.uuid],
      requests: (requests) => assert.deepEqual(requests.filter((r) => r.query['q']!.startsWith('category:datascan')).map((r) => r.query['page']), ['1']),
      check: (answer) => assert.equal(objectsNamed(answer, 'ip-port').length, 100),
    },
    { name: 'no key: upstream\'s message', query: { attribute: IP_ATTRIBUTE }, config: { apikey: '' }, error: 'Onyphe authentication is missing', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a wrong key (every category refused): an error, not an empty event', query: { attribute: IP_ATTRIBUTE }, config: { apikey: 'nope' }, error: 'Onyphe error: ONYPHE refused the key (setting apikey, HTTP 401 Unauthorized): Invalid API key.' },
    ...vendorFailureRows({
      query: { attribute: IP_ATTRIBUTE },
      vendorMessage: 'Internal error',
      expect: {
        unauthorized: /^Onyphe error: ONYPHE refused the key/,
        rateLimited: /^Onyphe error: ONYPHE rate limit reached/,
        serverError: 'Onyphe error: ONYPHE answered HTTP 500 Internal Server Error: Internal error.',
        malformed: /^Onyphe error: ONYPHE answered with invalid JSON/,
      },
    }),
  ],
});
