/**
 * flowtriq against a loopback Flowtriq: `POST /api/ip-lookup.php` with
 * `{"ip": …}` and `Authorization: Bearer <key>` (401 otherwise), answering
 * the ip-lookup JSON Flowtriq documents (`ok`, `found`, risk_score,
 * reputation, incidents, related_ips, threat_intel, ioc_matches; trimmed).
 */
import assert from 'node:assert/strict';
import flowtriq from '../../../src/modules/expansion/flowtriq.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'ftq_live_key';
const IP = '203.0.113.50';
const UUID = '0e8f4a1c-2b3d-4e5f-9a6b-7c8d9e0f1a2b';

const HIT = {
  ok: true,
  found: true,
  ip: IP,
  risk_score: 87,
  reputation: {
    attack_count: 14,
    tenants_seen: 3,
    first_seen: '2026-01-04 08:12:00',
    last_seen: '2026-03-01 22:40:10',
    top_attack_family: 'udp_flood',
    top_protocol: 'UDP',
    country: 'BR',
    asn: 'AS64496',
    peak_pps: 1250000,
    tags: ['botnet', 'amplifier'],
  },
  incidents: {
    total: 2,
    attack_families: { udp_flood: 1, syn_flood: 1 },
    severity: { critical: 1, high: 1, medium: 0, low: 0 },
    records: [
      { date: '2026-03-01', attack_family: 'udp_flood', severity: 'critical', peak_pps: 1250000, peak_bps: 9800000000, duration_sec: 420, source_ip_count: 312, spoofing: true, botnet: false },
      { date: '2026-02-11', attack_family: 'syn_flood', severity: 'high', peak_pps: 80000, peak_bps: 41000000, duration_sec: 95, source_ip_count: 12, spoofing: false, botnet: true },
    ],
  },
  related_ips: { '198.51.100.7': 2, '198.51.100.8': 1 },
  threat_intel: [
    { source: 'spamhaus', threat_type: 'botnet_cc', confidence: 80, times_seen: 4, first_seen: '2026-01-01', last_seen: '2026-02-01', description: 'Listed in DROP' },
    { source: 'abuseipdb', threat_type: 'ddos', confidence: 95, times_seen: 31, first_seen: '2025-12-01', last_seen: '2026-03-01' },
  ],
  ioc_matches: { 'mirai-c2-list': 1 },
};

const FLOWTRIQ: Routes = {
  'POST /api/ip-lookup.php': (req: FakeRequest) => {
    if (req.headers['authorization'] !== `Bearer ${KEY}`) return { status: 401, json: { ok: false, error: 'Invalid API key' } };
    const { ip } = req.json<{ ip: string }>();
    return { json: ip === IP ? HIT : { ok: true, found: false, ip } };
  },
};

const attribute = (value = IP, type = 'ip-src') => ({ attribute: { type, value, uuid: UUID } });

type Attr = { type: string; category: string; value: string; comment: string; Tag?: Array<{ name: string }> };
const attributes = (answer: Answer) => (answer['results'] as { Attribute: Attr[] }).Attribute;

testModule({
  module: flowtriq,
  vendors: { 'flowtriq.com': FLOWTRIQ, 'ddos.internal.example': FLOWTRIQ },
  config: { api_key: KEY },
  rows: [
    {
      name: 'a seen IP: the texts worded as upstream, the ASN, first/last seen and the co-attackers',
      query: attribute(),
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path} ${r.body}`), [`POST /api/ip-lookup.php {"ip":"${IP}"}`]);
        assert.equal(requests[0]!.headers['user-agent'], 'MISP-Flowtriq/1.0');
        assert.equal(requests[0]!.headers['accept'], 'application/json');
      },
      check: (answer) => {
        const got = attributes(answer);
        assert.deepEqual(got.map((a) => [a.type, a.category, a.comment]), [
          ['text', 'External analysis', `Flowtriq DDoS intelligence for ${IP}`],
          ['text', 'External analysis', 'Flowtriq reputation data'],
          ['AS', 'Network activity', `ASN of ${IP} per Flowtriq`],
          ['datetime', 'Other', `Flowtriq first seen ${IP}`],
          ['datetime', 'Other', `Flowtriq last seen ${IP}`],
          ['text', 'External analysis', 'Flowtriq incident history'],
          ['ip-src', 'Network activity', `Co-attacker with ${IP} in 2 Flowtriq incident(s)`],
          ['ip-src', 'Network activity', `Co-attacker with ${IP} in 1 Flowtriq incident(s)`],
          ['text', 'External analysis', 'Flowtriq threat intel feed matches'],
        ]);
        assert.equal(
          got[0]!.value,
          'Flowtriq risk score: 87/100. Seen in 2 DDoS incident(s). 14 attacks across 3 network(s). Primary vector: udp_flood. ' +
            'Country: BR. ASN: AS64496. Peak PPS: 1,250,000. Attack families: udp_flood, syn_flood. Severity: 1 critical, 1 high. ' +
            'Threat intel sources: abuseipdb, spamhaus. IOC matches: mirai-c2-list.',
        );
        assert.equal(
          got[1]!.value,
          [
            `Flowtriq IP Reputation for ${IP}:`,
            '  Risk Score: 87/100',
            '  Attack Count: 14',
            '  Networks Seen: 3',
            '  First Seen: 2026-01-04 08:12:00',
            '  Last Seen: 2026-03-01 22:40:10',
            '  Top Attack Family: udp_flood',
            '  Top Protocol: UDP',
            '  Country: BR',
            '  ASN: AS64496',
            '  Peak PPS: 1,250,000',
            '  Tags: botnet, amplifier',
          ].join('\n'),
        );
        assert.equal(got[2]!.value, 'AS64496');
        assert.equal(
          got[5]!.value,
          [
            `Flowtriq DDoS Incidents involving ${IP} (last 90 days):`,
            '  [1] 2026-03-01 - udp_flood (critical) - Peak: 1,250,000 pps / 9,800,000,000 bps - Duration: 420s - 312 source IPs',
            '         Spoofing detected',
            '  [2] 2026-02-11 - syn_flood (high) - Peak: 80,000 pps / 41,000,000 bps - Duration: 95s - 12 source IPs',
            '         Botnet indicators',
          ].join('\n'),
        );
        assert.deepEqual([got[6]!.value, got[6]!.Tag?.map((t) => t.name)], ['198.51.100.7', ['flowtriq:related-attacker']]);
        assert.equal(
          got[8]!.value,
          [
            `Threat Intel Matches for ${IP}:`,
            '  - spamhaus (botnet_cc) confidence=80 seen=4x [2026-01-01 to 2026-02-01]',
            '    Listed in DROP',
            '  - abuseipdb (ddos) confidence=95 seen=31x [2025-12-01 to 2026-03-01]',
          ].join('\n'),
        );
      },
    },
    {
      name: 'a legacy ip-dst key and a custom api_url are used as upstream does',
      query: { 'ip-dst': IP },
      config: { api_url: 'https://ddos.internal.example/' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), ['ddos.internal.example /api/ip-lookup.php']),
      check: (answer) => assert.equal(attributes(answer).length, 9),
    },
    {
      name: 'a seen IP with little known: the summary only',
      query: attribute(),
      routes: { 'POST /api/ip-lookup.php': { json: { ok: true, found: true, risk_score: 12, reputation: null, incidents: {} } } },
      check: (answer) => assert.deepEqual(attributes(answer).map((a) => a.value), ['Flowtriq risk score: 12/100.']),
    },
    { name: 'an IP Flowtriq never saw: an empty result, nothing invented', query: attribute('192.0.2.1'), results: {} },
    { name: 'ok false: the API\'s own error', query: attribute(), routes: { 'POST /api/ip-lookup.php': { json: { ok: false, error: 'Quota exceeded for this plan' } } }, error: 'Quota exceeded for this plan' },
    { name: 'ok false without an error', query: attribute(), routes: { 'POST /api/ip-lookup.php': { json: { ok: false } } }, error: 'Flowtriq API returned an error' },
    { name: 'no api_key: upstream\'s message, before anything else', query: {}, config: { api_key: ' ' }, error: 'Flowtriq API key is required. Set it in the module configuration.' },
    { name: 'no config at all (no request)', query: attribute(), config: null, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no IP in the request', query: { attribute: { type: 'ip-src', value: '' } }, messageId: 'noIp' },
    { name: 'a wrong key: the status and what the API said', query: attribute(), config: { api_key: 'nope' }, error: 'Flowtriq API returned HTTP 401: Invalid API key' },
    { name: 'a JSON list is invalid', query: attribute(), routes: { 'POST /api/ip-lookup.php': { json: [HIT] } }, messageId: 'invalidJson' },
    ...vendorFailureRows({
      query: attribute(),
      route: 'POST /api/ip-lookup.php',
      vendorMessage: 'Upstream busy',
      expect: {
        unauthorized: 'Flowtriq API returned HTTP 401: Upstream busy',
        rateLimited: 'Flowtriq API returned HTTP 429: Upstream busy',
        serverError: 'Flowtriq API returned HTTP 500: Upstream busy',
        malformed: 'Flowtriq API returned invalid JSON',
      },
    }),
  ],
});
