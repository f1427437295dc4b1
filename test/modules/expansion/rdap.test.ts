/**
 * rdap against a loopback rdap.org bootstrap that redirects, as the real one
 * does, to loopback registries answering RFC 9083 JSON: Verisign (.com, a thin
 * registry: registrar only), AFNIC (.fr, with a registrant) and APNIC (IP
 * networks). Unknown TLDs and names a registry does not hold are 404s.
 */
import assert from 'node:assert/strict';
import rdap from '../../../src/modules/expansion/rdap.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer, type VendorRequest } from '../../support/module-tester.js';

const UUID = '5b582d80-7a7e-4b6a-9f22-77656e72bb3b';
const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

const RDAP_HEADERS = { 'content-type': 'application/rdap+json' };
const rdapJson = (document: unknown, status = 200): FakeResponse => ({ status, headers: RDAP_HEADERS, body: JSON.stringify(document) });
/** RFC 9083 §6 error response. */
const rdapError = (status: number, title: string, description: string): FakeResponse =>
  rdapJson({ rdapConformance: ['rdap_level_0'], errorCode: status, title, description: [description] }, status);

/** rdap.verisign.com/com/v1/domain/EXAMPLE.COM, trimmed (links, secureDNS and notices shortened). */
const EXAMPLE_COM = {
  objectClassName: 'domain',
  handle: '2336799_DOMAIN_COM-VRSN',
  ldhName: 'EXAMPLE.COM',
  links: [{ value: 'https://rdap.verisign.com/com/v1/domain/EXAMPLE.COM', rel: 'self', href: 'https://rdap.verisign.com/com/v1/domain/EXAMPLE.COM', type: 'application/rdap+json' }],
  status: ['client delete prohibited', 'client transfer prohibited', 'client update prohibited'],
  entities: [
    {
      objectClassName: 'entity',
      handle: '376',
      roles: ['registrar'],
      publicIds: [{ type: 'IANA Registrar ID', identifier: '376' }],
      vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', 'RESERVED-Internet Assigned Numbers Authority']]],
      entities: [
        {
          objectClassName: 'entity',
          roles: ['abuse'],
          vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', ''], ['tel', { type: 'voice' }, 'uri', 'tel:'], ['email', {}, 'text', '']]],
        },
      ],
    },
  ],
  events: [
    { eventAction: 'registration', eventDate: '1995-08-14T04:00:00Z' },
    { eventAction: 'expiration', eventDate: '2026-08-13T04:00:00Z' },
    { eventAction: 'last changed', eventDate: '2024-08-14T07:01:34Z' },
    { eventAction: 'last update of RDAP database', eventDate: '2025-11-27T10:20:33Z' },
  ],
  secureDNS: { delegationSigned: true, dsData: [{ keyTag: 370, algorithm: 13, digestType: 2, digest: 'BE74359954660069D5C63D200C39F5603827D7DD02B56F120EE9F3A86764247C' }] },
  nameservers: [
    { objectClassName: 'nameserver', ldhName: 'A.IANA-SERVERS.NET' },
    { objectClassName: 'nameserver', ldhName: 'B.IANA-SERVERS.NET' },
  ],
  rdapConformance: ['rdap_level_0', 'icann_rdap_technical_implementation_guide_1', 'icann_rdap_response_profile_1'],
  notices: [{ title: 'Terms of Use', description: ['Service subject to Terms of Use.'] }],
};

/** rdap.nic.fr/domain/nic.fr, trimmed: AFNIC publishes the registrant of an organisation. */
const NIC_FR = {
  rdapConformance: ['rdap_level_0'],
  objectClassName: 'domain',
  handle: 'DOM000000000001-FRNIC',
  ldhName: 'nic.fr',
  status: ['active', 'server transfer prohibited'],
  entities: [
    {
      objectClassName: 'entity',
      handle: 'AFNIC',
      roles: ['registrar'],
      vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', 'AFNIC']]],
    },
    {
      objectClassName: 'entity',
      handle: 'A1234-FRNIC',
      roles: ['registrant'],
      vcardArray: [
        'vcard',
        [
          ['version', {}, 'text', '4.0'],
          ['fn', {}, 'text', 'Association Francaise pour le Nommage Internet en Cooperation'],
          ['kind', {}, 'text', 'org'],
          ['org', {}, 'text', 'AFNIC'],
          ['adr', {}, 'text', ['', '', '7 avenue du 8 mai 1945', 'Guyancourt', '', '78280', 'FR']],
          ['email', {}, 'text', 'tld-tech@nic.fr'],
          ['tel', { type: 'voice' }, 'uri', 'tel:+33.139308300'],
        ],
      ],
    },
  ],
  events: [
    { eventAction: 'registration', eventDate: '1995-01-01T00:00:00Z' },
    { eventAction: 'last changed', eventDate: '2024-06-12T09:14:55.123Z' },
  ],
  nameservers: [{ objectClassName: 'nameserver', ldhName: 'ns1.nic.fr' }],
};

/** rdap.apnic.net/ip/1.1.1.1, trimmed. */
const APNIC_1_1_1_0 = {
  objectClassName: 'ip network',
  handle: '1.1.1.0 - 1.1.1.255',
  startAddress: '1.1.1.0',
  endAddress: '1.1.1.255',
  ipVersion: 'v4',
  name: 'APNIC-LABS',
  type: 'ASSIGNED PORTABLE',
  country: 'AU',
  status: ['active'],
  entities: [
    {
      objectClassName: 'entity',
      handle: 'ORG-ARAD1-AP',
      roles: ['registrant'],
      vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', 'APNIC Research and Development'], ['kind', {}, 'text', 'org'], ['adr', { label: '6 Cordelia St' }, 'text', ['', '', '', '', '', '', '']]]],
    },
    { objectClassName: 'entity', handle: 'IRT-APNICRANDNET-AU', roles: ['abuse'], vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', 'IRT-APNICRANDNET-AU'], ['email', {}, 'text', 'helpdesk@apnic.net']]] },
  ],
  events: [
    { eventAction: 'registration', eventDate: '2011-08-10T23:12:35Z' },
    { eventAction: 'last changed', eventDate: '2023-04-26T22:57:58Z' },
  ],
  rdapConformance: ['history_version_0', 'nro_rdap_profile_0', 'cidr0', 'rdap_level_0'],
};

/** Registries answer RDAP JSON only to a client that asks for it (RFC 7480 §4.2). */
const askingForRdap = (handler: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse =>
  String(req.headers.accept ?? '').includes('application/rdap+json') ? handler(req) : { status: 406, body: 'Not Acceptable' };

const VENDORS: Record<string, Routes> = {
  // The bootstrap: a redirect to the registry of the TLD or address block (IANA bootstrap files), 404 for what it does not know.
  'rdap.org': {
    'GET /domain/:name': (req) => {
      const name = req.params['name']!.toLowerCase();
      if (name.endsWith('.com')) return { status: 302, redirect: `https://rdap.verisign.com/com/v1/domain/${name}` };
      if (name.endsWith('.fr')) return { status: 302, redirect: `https://rdap.nic.fr/domain/${name}` };
      return { status: 404, body: 'No RDAP server found for this object' };
    },
    'GET /ip/*': (req) => ({ status: 302, redirect: `https://rdap.apnic.net/ip/${req.params['*']}` }),
  },
  'rdap.verisign.com': {
    'GET /com/v1/domain/:name': askingForRdap((req) =>
      req.params['name']!.toUpperCase() === 'EXAMPLE.COM' ? rdapJson(EXAMPLE_COM) : rdapError(404, 'Not Found', 'The object does not exist.'),
    ),
  },
  'rdap.nic.fr': {
    'GET /domain/:name': askingForRdap((req) => (req.params['name'] === 'nic.fr' ? rdapJson(NIC_FR) : rdapError(404, 'Not Found', 'Domain not found'))),
  },
  'rdap.apnic.net': {
    'GET /ip/*': askingForRdap((req) => (/^1\.1\.1\.\d+(\/2[4-9]|\/3[0-2])?$/.test(req.params['*']!) ? rdapJson(APNIC_1_1_1_0) : rdapError(404, 'Not Found', 'No match'))),
  },
};

type ObjectAttribute = { object_relation: string; value: string; type: string };

/** The whois object: its attributes as [relation, value] pairs, after checking its reference to the input. */
function whois(answer: Answer): Array<[string, string]> {
  const results = answer['results'] as { Attribute: Array<{ uuid: string }>; Object: Array<{ name: string; Attribute: ObjectAttribute[]; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> }> };
  assert.deepEqual(results.Attribute.map((a) => a.uuid), [UUID], 'the input attribute is echoed');
  assert.equal(results.Object.length, 1);
  const [object] = results.Object;
  assert.equal(object!.name, 'whois');
  assert.deepEqual(object!.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['related-to', UUID]]);
  return object!.Attribute.map((a) => [a.object_relation, a.value]);
}

const asked = (requests: VendorRequest[]) => requests.map((r) => `${r.vendor} ${r.method} ${r.path}`);
const allAskedForRdap = (requests: VendorRequest[]) => {
  for (const request of requests) assert.equal(request.headers.accept, 'application/rdap+json', `${request.vendor} was asked for application/rdap+json`);
};

testModule({
  module: rdap,
  vendors: VENDORS,
  rows: [
    {
      name: 'a domain: rdap.org redirects to Verisign, whose answer becomes the whois object (dates with +00:00)',
      query: attribute('domain', 'example.com'),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(asked(requests), ['rdap.org GET /domain/example.com', 'rdap.verisign.com GET /com/v1/domain/example.com']);
        allAskedForRdap(requests);
      },
      check: (answer) =>
        assert.deepEqual(whois(answer), [
          ['domain', 'example.com'],
          ['registrar', 'RESERVED-Internet Assigned Numbers Authority'],
          ['creation-date', '1995-08-14T04:00:00+00:00'],
          ['expiration-date', '2026-08-13T04:00:00+00:00'],
          ['modification-date', '2024-08-14T07:01:34+00:00'],
          ['nameserver', 'A.IANA-SERVERS.NET'],
          ['nameserver', 'B.IANA-SERVERS.NET'],
          ['text', 'status: client delete prohibited, client transfer prohibited, client update prohibited'],
        ]),
    },
    {
      name: 'a registry that publishes the registrant: name, org, email and phone',
      query: attribute('domain', 'nic.fr'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(asked(requests), ['rdap.org GET /domain/nic.fr', 'rdap.nic.fr GET /domain/nic.fr']),
      check: (answer) =>
        assert.deepEqual(whois(answer), [
          ['domain', 'nic.fr'],
          ['registrar', 'AFNIC'],
          ['registrant-name', 'Association Francaise pour le Nommage Internet en Cooperation'],
          ['registrant-org', 'AFNIC'],
          ['registrant-email', 'tld-tech@nic.fr'],
          ['registrant-phone', '+33.139308300'],
          ['creation-date', '1995-01-01T00:00:00+00:00'],
          ['modification-date', '2024-06-12T09:14:55.123000+00:00'],
          ['nameserver', 'ns1.nic.fr'],
          ['text', 'status: active, server transfer prohibited'],
        ]),
    },
    {
      name: 'an ip-src is asked at /ip/ and kept as ip-address',
      query: attribute('ip-src', '1.1.1.1'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(asked(requests), ['rdap.org GET /ip/1.1.1.1', 'rdap.apnic.net GET /ip/1.1.1.1']),
      check: (answer) =>
        assert.deepEqual(whois(answer), [
          ['ip-address', '1.1.1.1'],
          ['registrant-name', 'APNIC Research and Development'],
          ['creation-date', '2011-08-10T23:12:35+00:00'],
          ['modification-date', '2023-04-26T22:57:58+00:00'],
          ['text', 'status: active'],
        ]),
    },
    {
      name: 'an ip-dst network is asked as prefix/length (RFC 9082)',
      query: attribute('ip-dst', '1.1.1.0/24'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(asked(requests), ['rdap.org GET /ip/1.1.1.0/24', 'rdap.apnic.net GET /ip/1.1.1.0/24']),
      check: (answer) => assert.deepEqual(whois(answer)[0], ['ip-address', '1.1.1.0/24']),
    },
    {
      name: 'an IPv6 address is asked at /ip/ as written',
      query: attribute('ip-dst', '2001:db8::1'),
      messageId: 'notFound',
      data: { value: '2001:db8::1' },
      requests: (requests) => assert.deepEqual(asked(requests), ['rdap.org GET /ip/2001:db8::1', 'rdap.apnic.net GET /ip/2001:db8::1']),
    },
    {
      name: 'a url with an IPv6 host is asked at /ip/',
      query: attribute('url', 'http://[2001:db8::1]:8080/panel'),
      messageId: 'notFound',
      data: { value: '2001:db8::1' },
      requests: (requests) => assert.deepEqual(asked(requests)[0], 'rdap.org GET /ip/2001:db8::1'),
    },
    {
      name: 'a url is asked as its host',
      query: attribute('url', 'https://example.com/login?next=/account'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(asked(requests)[0], 'rdap.org GET /domain/example.com'),
      check: (answer) => assert.deepEqual(whois(answer)[0], ['domain', 'example.com']),
    },
    {
      name: 'a url without a scheme is asked as its host',
      query: attribute('url', 'example.com/wp-admin/'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(asked(requests)[0], 'rdap.org GET /domain/example.com'),
      check: (answer) => assert.deepEqual(whois(answer)[0], ['domain', 'example.com']),
    },
    {
      name: 'a hostname the registry does not hold (a subdomain) is "No RDAP record found"',
      query: attribute('url', 'https://sub.example.com/path?q=1'),
      messageId: 'notFound',
      data: { value: 'sub.example.com' },
      requests: (requests) => assert.deepEqual(asked(requests), ['rdap.org GET /domain/sub.example.com', 'rdap.verisign.com GET /com/v1/domain/sub.example.com']),
    },
    {
      name: 'an internationalised name is asked as its A-label',
      query: attribute('hostname', 'bücher.com'),
      messageId: 'notFound',
      data: { value: 'bücher.com' },
      requests: (requests) => assert.deepEqual(asked(requests), ['rdap.org GET /domain/xn--bcher-kva.com', 'rdap.verisign.com GET /com/v1/domain/xn--bcher-kva.com']),
    },
    {
      name: 'a TLD rdap.org knows no server for is "No RDAP record found"',
      query: attribute('domain', 'nope.invalid'),
      messageId: 'notFound',
      data: { value: 'nope.invalid' },
      requests: (requests) => assert.deepEqual(asked(requests), ['rdap.org GET /domain/nope.invalid']),
    },
    { name: 'a url with no host', query: attribute('url', 'mailto:abuse@example.com'), messageId: 'noHost', data: { value: 'mailto:abuse@example.com' }, requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty url', query: attribute('url', 'http://'), messageId: 'noHost', data: { value: 'http://' }, requests: (r) => assert.equal(r.length, 0) },
    { name: 'a value that is a path, not a name, is refused before any request', query: attribute('domain', '../ip/1.1.1.1'), messageId: 'notAName', data: { value: '../ip/1.1.1.1' }, requests: (r) => assert.equal(r.length, 0) },
    { name: 'a value of dots only is refused before any request', query: attribute('hostname', '..'), messageId: 'notAName', data: { value: '..' }, requests: (r) => assert.equal(r.length, 0) },
    { name: 'a host with a port is read as the host', query: attribute('url', 'example.com:8080/x'), inputUuids: [UUID], requests: (r) => assert.equal(asked(r)[0], 'rdap.org GET /domain/example.com') },
    { name: 'a type it does not take is refused before any request', query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'), error: /does not accept attributes of type 'md5'/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute at all', query: { domain: 'example.com' }, error: /requires an "attribute" field/ },
    {
      name: 'the registry fails after the redirect: the error names it and what it said',
      query: attribute('domain', 'example.com'),
      routes: { 'rdap.verisign.com': { '* /*': rdapError(500, 'Internal Server Error', 'Backend unavailable') } },
      error: 'RDAP server rdap.verisign.com (via rdap.org) answered HTTP 500 Internal Server Error.',
    },
    {
      name: 'the registry answers something that is not JSON',
      query: attribute('domain', 'example.com'),
      routes: { 'rdap.verisign.com': { '* /*': { headers: RDAP_HEADERS, body: '<html><body>maintenance</body></html>' } } },
      messageId: 'invalidJson',
      data: { server: 'RDAP server rdap.verisign.com (via rdap.org)', status: 200 },
    },
    {
      name: 'the registry answers JSON that is not an RDAP object',
      query: attribute('domain', 'example.com'),
      routes: { 'rdap.verisign.com': { '* /*': rdapJson(['EXAMPLE.COM']) } },
      messageId: 'notRdap',
      data: { server: 'RDAP server rdap.verisign.com (via rdap.org)' },
    },
    {
      name: 'an RDAP object without the usual members is a whois object with the value only',
      query: attribute('domain', 'example.com'),
      routes: { 'rdap.verisign.com': { '* /*': rdapJson({ objectClassName: 'domain', ldhName: 'EXAMPLE.COM', entities: 'none', events: [{ eventAction: 'registration' }, null], nameservers: [{}] }) } },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(whois(answer), [['domain', 'example.com']]),
    },
    ...vendorFailureRows({
      query: attribute('domain', 'example.com'),
      host: 'rdap.org',
      vendorMessage: 'Rate limit exceeded',
      expect: {
        unauthorized: 'rdap.org answered HTTP 401 Unauthorized: Rate limit exceeded.',
        rateLimited: 'rdap.org rate limit reached (HTTP 429 Too Many Requests: Rate limit exceeded); retry after 60 s.',
        serverError: 'rdap.org answered HTTP 500 Internal Server Error: Rate limit exceeded.',
        malformed: 'rdap.org answered with invalid JSON (HTTP 200).',
      },
    }),
  ],
});
