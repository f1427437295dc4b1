/**
 * recordedfuture against a loopback Recorded Future MISP gateway
 * (`GET /gw/misp/lookup/{category}/{ioc}`, `X-RFToken` checked: 401
 * otherwise) answering like Recorded Future's enrichment documents
 * (`data.risk`, `data.relatedEntities`, `data.links`), and a loopback
 * raw.githubusercontent.com serving misp-galaxy cluster files (404 for the
 * files misp-galaxy no longer has).
 */
import assert from 'node:assert/strict';
import recordedfuture from '../../../src/modules/expansion/recordedfuture.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer, type VendorRequest } from '../../support/module-tester.js';

const UUID = '3c2b1a09-8f7e-4d6c-95b4-a3f2e1d0c9b8';
const TOKEN = 'rf-token-0c9b8a7f6e5d';
const IP = '203.0.113.66';
const RF_HOST = 'api.recordedfuture.com';
const GALAXY_HOST = 'raw.githubusercontent.com';

const risk = {
  criticalityLabel: 'Malicious',
  score: 89,
  riskString: '3/64',
  rules: 3,
  criticality: 3,
  riskSummary: '3 of 64 Risk Rules currently observed.',
  evidenceDetails: [
    { mitigationString: '', timestamp: '2024-05-02T10:00:00.000Z', criticalityLabel: 'Unusual', evidenceString: '1 sighting on 1 source: Abuse.ch.', rule: 'Historical Botnet Traffic', criticality: 1 },
    { mitigationString: '', timestamp: '2024-05-03T10:00:00.000Z', criticalityLabel: 'Malicious', evidenceString: 'Recorded Future Command & Control list.', rule: 'Current C&C Server', criticality: 4 },
  ],
};

const entity = (count: number, name: string, type: string) => ({ count, entity: { id: `${type}:${name}`, name, type } });

/** An answer for a token without the Links module: related entities. */
const RELATED_ANSWER = {
  data: {
    entity: { id: `ip:${IP}`, name: IP, type: 'IpAddress' },
    risk,
    relatedEntities: [
      { type: 'RelatedIpAddress', entities: [entity(12, '198.51.100.7', 'IpAddress'), entity(3, '198.51.100.8', 'IpAddress')] },
      { type: 'RelatedInternetDomainName', entities: [entity(7, 'c2.bad-domain.example', 'InternetDomainName')] },
      { type: 'RelatedHash', entities: [entity(9, 'd41d8cd98f00b204e9800998ecf8427e', 'Hash'), entity(5, 'not-a-hash', 'Hash')] },
      { type: 'RelatedCyberVulnerability', entities: [entity(6, 'CVE-2021-44228', 'CyberVulnerability'), entity(6, 'CWE-79', 'CyberVulnerability')] },
      { type: 'RelatedMalware', entities: [entity(20, 'Emotet', 'Malware'), entity(2, 'Zeus', 'Malware')] },
      { type: 'RelatedThreatActor', entities: [entity(8, 'APT28', 'Organization')] },
      { type: 'RelatedProduct', entities: [entity(50, 'Windows', 'Product')] },
    ],
    links: { error: 'Links module not enabled for this token' },
  },
  metadata: { entries: [] },
};

/** An answer for a token with Links: sections of lists of entities. */
const LINKS_ANSWER = {
  data: {
    entity: { id: 'idn:bad-domain.example', name: 'bad-domain.example', type: 'InternetDomainName' },
    risk: { ...risk, score: 40, criticalityLabel: 'Suspicious', evidenceDetails: [risk.evidenceDetails[0]] },
    relatedEntities: [],
    links: {
      hits: [
        {
          sections: [
            {
              section_id: { name: 'Indicators & Detection Rules', type: 'SectionId' },
              lists: [
                { type: { name: 'IpAddress', type: 'EntityType' }, entities: [{ id: 'ip:198.51.100.9', name: '198.51.100.9', type: 'IpAddress' }] },
                { type: { name: 'Product', type: 'EntityType' }, entities: [{ id: 'p1', name: 'Cobalt Strike Beacon', type: 'Product' }] },
              ],
            },
            {
              section_id: { name: 'TTPs', type: 'SectionId' },
              lists: [
                { type: { name: 'MitreAttackIdentifier', type: 'EntityType' }, entities: [{ id: 'mitre:T1059', name: 'T1059', type: 'MitreAttackIdentifier' }] },
                { type: { name: 'Malware', type: 'EntityType' }, entities: [{ id: 'm1', name: 'Emotet', type: 'Malware' }] },
              ],
            },
          ],
        },
      ],
    },
  },
};

const ANSWERS: Record<string, unknown> = {
  [`ip/${IP}`]: RELATED_ANSWER,
  'domain/bad-domain.example': LINKS_ANSWER,
  [`url/${encodeURIComponent('http://bad-domain.example/a b?x=1')}`]: RELATED_ANSWER,
};

const lookup = (req: FakeRequest): FakeResponse => {
  if (req.headers['x-rftoken'] !== TOKEN) return { status: 401, json: { error: { status: 401, message: 'Unauthorized: invalid token' } } };
  const key = req.target.replace('/gw/misp/lookup/', '');
  const found = ANSWERS[key];
  return found ? { json: found } : { status: 404, json: { error: { status: 404, message: 'Not found' } } };
};

/** misp-galaxy cluster files, trimmed to a few values each, as the repository has them. */
const CLUSTERS: Record<string, unknown> = {
  'threat-actor': { name: 'Threat Actor', type: 'threat-actor', uuid: '7cdff317-a673-4474-84ec-4f1754947823', values: [
    { value: 'Lazarus Group', meta: { synonyms: ['Hidden Cobra'] }, uuid: '68391641-859f-4a9a-9a1e-3e5cf71ec376' },
    { value: 'Sofacy', meta: { synonyms: ['APT28', 'Fancy Bear'] }, uuid: '5b4ee3ea-eee3-4c8e-8323-85ae32658754' },
  ] },
  malpedia: { name: 'Malpedia', type: 'malpedia', values: [{ value: 'Emotet', meta: { synonyms: ['Geodo', 'Heodo'] }, uuid: '5ed6c9b5-f1ed-4a0e-8ddb-1a8a1a3e1f72' }] },
  banker: { name: 'Banker', type: 'banker', values: [{ value: 'Zeus Panda', meta: {}, uuid: 'a1b2' }] },
  botnet: { name: 'Botnet', type: 'botnet', values: [] },
  'exploit-kit': { name: 'Exploit-Kit', type: 'exploit-kit', values: [] },
  rat: { name: 'RAT', type: 'rat', values: [] },
  ransomware: { name: 'Ransomware', type: 'ransomware', values: [] },
  'mitre-attack-pattern': { name: 'Attack Pattern', type: 'mitre-attack-pattern', values: [
    { value: 'Command and Scripting Interpreter - T1059', meta: { external_id: ['T1059'] }, uuid: '7385dfaf-6886-4229-9ecd-6fd678040830' },
  ] },
  'mitre-tool': { name: 'Tool', type: 'mitre-tool', values: [] },
};

const galaxyFile = (req: FakeRequest): FakeResponse => {
  const found = CLUSTERS[req.params['file']!.replace(/\.json$/, '')];
  return found ? { json: found } : { status: 404, headers: { 'content-type': 'text/plain' }, body: '404: Not Found' };
};

const VENDORS = {
  [RF_HOST]: { 'GET /gw/misp/lookup/:category/:ioc': lookup } satisfies Routes,
  [GALAXY_HOST]: { 'GET /MISP/misp-galaxy/main/clusters/:file': galaxyFile } satisfies Routes,
};

const attribute = (type: string, value: string, uuid: string | undefined = UUID) => ({ attribute: { type, value, ...(uuid ? { uuid } : {}), category: 'Network activity' } });

type ResultAttribute = { type: string; value: string; uuid: string; comment?: string; distribution?: string; Tag?: Array<{ name: string }> };
const attributes = (answer: Answer) => (answer['results'] as { Attribute: ResultAttribute[] }).Attribute;
const galaxyFiles = (requests: VendorRequest[]) => requests.filter((r) => r.vendor === GALAXY_HOST).map((r) => r.path.split('/').pop());

const RISK_TAGS = [
  'recorded-future:risk-score="89"',
  'recorded-future:criticality="Malicious"',
  'recorded-future:risk-rule="Historical Botnet Traffic"',
  'recorded-future:risk-rule="Current C&C Server"',
];

testModule({
  module: recordedfuture,
  vendors: VENDORS,
  config: { token: TOKEN },
  rows: [
    {
      name: 'a miss (404): the input alone, nothing fetched from the galaxy',
      query: attribute('ip-src', '192.0.2.1'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), [`${RF_HOST} /gw/misp/lookup/ip/192.0.2.1`]),
      check: (answer) => assert.deepEqual(attributes(answer).map((a) => [a.uuid, a.type, a.value, a.Tag]), [[UUID, 'ip-src', '192.0.2.1', undefined]]),
    },
    {
      name: 'an ip: risk tags and galaxy tags on the input, related entities seen >4 times as attributes',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.equal(requests[0]!.headers['x-rftoken'], TOKEN);
        assert.match(String(requests[0]!.headers['user-agent']), /^recordedfuture\.py\/2\.0\.1 \(.*\) misp_enrichment\/2\.0\.1/);
        // The malware and threat-actor clusters, fetched when first needed; no mitre file.
        assert.deepEqual(
          requests.filter((r) => r.vendor === GALAXY_HOST).map((r) => r.path.split('/').pop()).sort(),
          ['banker.json', 'botnet.json', 'exploit-kit.json', 'malpedia.json', 'ransomware.json', 'rat.json', 'threat-actor.json'],
        );
      },
      check: (answer) => {
        const [input, ...related] = attributes(answer);
        assert.equal(input!.uuid, UUID);
        assert.deepEqual(input!.Tag!.map((t) => t.name), [...RISK_TAGS, 'misp-galaxy:malpedia="Emotet"', 'misp-galaxy:threat-actor="Sofacy"']);
        assert.deepEqual(related.map((a) => [a.type, a.value, a.comment, a.distribution]), [
          ['ip-dst', '198.51.100.7', 'RelatedIpAddress', '0'],
          ['domain', 'c2.bad-domain.example', 'RelatedInternetDomainName', '0'],
          ['md5', 'd41d8cd98f00b204e9800998ecf8427e', 'RelatedHash', '0'],
          ['text', 'not-a-hash', 'RelatedHash', '0'],
          ['vulnerability', 'CVE-2021-44228', 'RelatedCyberVulnerability', '0'],
          ['weakness', 'CWE-79', 'RelatedCyberVulnerability', '0'],
        ]);
      },
    },
    {
      name: 'the galaxy files are kept: the same query fetches none again',
      query: attribute('ip-dst', IP),
      requests: (requests) => assert.deepEqual(galaxyFiles(requests), []),
      check: (answer) => assert.equal(attributes(answer)[0]!.Tag!.length, 6),
    },
    {
      name: 'a domain with Links: entities as attributes, ATT&CK and malware as galaxy tags (missing mitre files skipped)',
      query: attribute('domain', 'bad-domain.example'),
      inputUuids: [UUID],
      requests: (requests) => assert.equal(requests.filter((r) => r.vendor === GALAXY_HOST).length, 17),
      check: (answer) => {
        const [input, ...related] = attributes(answer);
        assert.deepEqual(input!.Tag!.map((t) => t.name), [
          'recorded-future:risk-score="40"',
          'recorded-future:criticality="Suspicious"',
          'recorded-future:risk-rule="Historical Botnet Traffic"',
          'misp-galaxy:mitre-attack-pattern="Command and Scripting Interpreter - T1059"',
          'misp-galaxy:malpedia="Emotet"',
        ]);
        assert.deepEqual(related.map((a) => [a.type, a.value, a.comment]), [
          ['ip-dst', '198.51.100.9', 'IpAddress'],
          ['text', 'Cobalt Strike Beacon', 'Product'],
        ]);
      },
    },
    {
      name: 'a url is fully %-encoded in the path',
      query: attribute('url', 'http://bad-domain.example/a b?x=1'),
      requests: (requests) => assert.equal(requests[0]!.path, `/gw/misp/lookup/url/${encodeURIComponent('http://bad-domain.example/a b?x=1')}`),
      check: (answer) => assert.equal(attributes(answer)[0]!.Tag!.length, 6),
    },
    {
      name: 'ip|port is looked up without its port',
      query: attribute('ip-dst|port', `${IP}|443`),
      requests: (requests) => assert.equal(requests[0]!.path, `/gw/misp/lookup/ip/${IP}`),
      check: (answer) => assert.deepEqual([attributes(answer)[0]!.type, attributes(answer)[0]!.value], ['ip-dst|port', `${IP}|443`]),
    },
    {
      name: 'an attribute without uuid (upstream needs only type and value): a tagged copy, distribution 0',
      query: attribute('ip-src', IP, ''),
      check: (answer) => {
        const [copy] = attributes(answer);
        assert.deepEqual([copy!.type, copy!.value, copy!.distribution], ['ip-src', IP, '0']);
        assert.notEqual(copy!.uuid, UUID);
        assert.equal(copy!.Tag!.length, 6);
      },
    },
    {
      name: 'an answer without risk is "Unexpected format in Recorded Future api response."',
      query: attribute('ip-dst', IP),
      routes: { [RF_HOST]: { 'GET /gw/misp/lookup/:category/:ioc': { json: { data: { relatedEntities: [] } } } } },
      messageId: 'unexpected',
    },
    {
      name: 'an answer without links nor relatedEntities is "Unexpected format"',
      query: attribute('ip-dst', IP),
      routes: { [RF_HOST]: { 'GET /gw/misp/lookup/:category/:ioc': { json: { data: { risk } } } } },
      messageId: 'unexpected',
    },
    { name: 'no attribute value', query: { attribute: { type: 'ip-dst', uuid: UUID } }, messageId: 'noAttribute' },
    { name: 'no token: upstream\'s exact message', query: attribute('ip-dst', IP), config: { token: '' }, messageId: 'noToken', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: attribute('ip-dst', IP), config: null, error: 'Missing Recorded Future token.' },
    {
      name: 'a wrong token: Recorded Future refuses it, its message carried',
      query: attribute('ip-dst', IP),
      config: { token: 'wrong' },
      error: 'Recorded Future refused the key (setting token, HTTP 401 Unauthorized): Unauthorized: invalid token.',
    },
    ...vendorFailureRows({ query: attribute('ip-dst', IP), host: RF_HOST, route: 'GET /gw/misp/lookup/:category/:ioc', vendorMessage: 'Internal error' }),
  ],
});

/** A fresh server: a galaxy file failing (500) is skipped for this query and tried again on the next. */
let ratAnswers = 0;
testModule({
  module: recordedfuture,
  vendors: {
    ...VENDORS,
    [GALAXY_HOST]: {
      'GET /MISP/misp-galaxy/main/clusters/rat.json': () => (++ratAnswers === 1 ? { status: 500, body: 'upstream connect error' } : { json: CLUSTERS['rat'] }),
      'GET /MISP/misp-galaxy/main/clusters/:file': galaxyFile,
    },
  },
  config: { token: TOKEN },
  rows: [
    {
      name: 'one galaxy file fails: the enrichment goes on with the others',
      query: attribute('ip-dst', IP),
      check: (answer, requests) => {
        assert.equal(requests.filter((r) => r.vendor === GALAXY_HOST).length, 7);
        assert.deepEqual(attributes(answer)[0]!.Tag!.slice(4).map((t) => t.name), ['misp-galaxy:malpedia="Emotet"', 'misp-galaxy:threat-actor="Sofacy"']);
      },
    },
    {
      name: 'the failed group was not kept: fetched again, then kept',
      query: attribute('ip-dst', IP),
      check: (_answer, requests) => assert.equal(requests.filter((r) => r.vendor === GALAXY_HOST && r.path.includes('rat')).length, 1),
    },
  ],
});
