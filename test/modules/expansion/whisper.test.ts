/**
 * whisper against a loopback Whisper graph (`POST /api/query`, X-API-Key
 * checked, `{"success", "columns", "rows", "statistics"}` answers, rows keyed
 * by RETURN alias with node cells `{nodeId, label, name}` and edge cells
 * `{type}`). The fake answers by the MATCH pattern of the Cypher it is sent.
 */
import assert from 'node:assert/strict';
import whisper from '../../../src/modules/expansion/whisper.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '7c6b5a4f-3e2d-4c1b-8a09-f8e7d6c5b4a3';
const KEY = 'whisper-test-key';
const IP = '198.51.100.23';

const answer = (columns: string[], rows: unknown[]): FakeResponse => ({ json: { success: true, columns, rows, statistics: { executionTimeMs: 12 } } });
const node = (label: string, name: string, id: number) => ({ nodeId: id, label, name });

function graph(req: FakeRequest): FakeResponse {
  if (req.headers['x-api-key'] !== KEY) return { status: 401, json: { success: false, error: { code: 'UNAUTHORIZED', message: 'Invalid API key' } } };
  const { query } = req.json<{ query: string; params: object }>();
  if (query.includes(`(n:IPV4 {name: "${IP}"}) OPTIONAL MATCH (n)-[r:LISTED_IN]`)) {
    return answer(['threatScore', 'threatLevel', 'isMalware', 'isC2', 'feedName', 'feedFirstSeen', 'feedLastSeen'], [
      { threatScore: 87, threatLevel: 'HIGH', isThreat: true, isMalware: true, isC2: true, isTor: false, threatFirstSeen: '2024-01-02', threatLastSeen: '2024-03-01', feedName: 'abuse.ch Feodo', feedFirstSeen: '2024-01-02', feedLastSeen: '2024-02-20', feedWeight: 0.9 },
      { threatScore: 87, threatLevel: 'HIGH', isThreat: true, isMalware: true, isC2: true, feedName: 'Spamhaus DROP', feedFirstSeen: '2024-02-01', feedLastSeen: '2024-03-01' },
    ]);
  }
  if (query.startsWith(`MATCH (n:IPV4 {name: "${IP}"})-[r]-(m) WHERE type(r) <> "LINKS_TO"`)) {
    const seed = node('IPV4', IP, 1);
    return answer(['n', 'r', 'm'], [
      { n: seed, r: { type: 'RESOLVES_TO' }, m: node('HOSTNAME', 'c2.evil.example', 2) },
      { n: seed, r: { type: 'RESOLVES_TO' }, m: node('HOSTNAME', 'c2.evil.example', 2) },
      { n: seed, r: { type: 'BELONGS_TO' }, m: node('PREFIX', '198.51.100.0/24', 3) },
      { n: seed, r: { type: 'LOCATED_IN' }, m: node('COUNTRY', 'NL', 4) },
    ]);
  }
  if (query.startsWith(`MATCH (ip:IPV4 {name: "${IP}"})-[:ANNOUNCED_BY]->`)) {
    return answer(['seed', 'asn', 'asnDescription', 'announcedPrefix', 'isAnycast', 'isMoas', 'isWithdrawn', 'prefix'], [
      { seed: node('IPV4', IP, 1), asn: node('ASN', 'AS64500', 9), asnDescription: 'EXAMPLE-NET', announcedPrefix: '198.51.100.0/24', apThreatScore: 10, isAnycast: false, isMoas: true, isWithdrawn: false, prefix: '198.51.100.0/24' },
    ]);
  }
  if (query.startsWith('MATCH (n:ASN {name: "AS64500"})-[r]-(m)')) {
    return answer(['n', 'r', 'm'], [{ n: node('ASN', 'AS64500', 9), r: { type: 'HAS_NAME' }, m: node('ASN_NAME', 'EXAMPLE-NET', 10) }]);
  }
  if (query.includes('bad\\"value')) return { status: 400, json: { success: false, error: { message: 'Syntax error near "value"' } } };
  return answer([], []);
}

const WHISPER = { 'POST /api/query': graph } satisfies Routes;
const attribute = (type: string, value: string, tags: string[] = []) => ({ event_id: '12', attribute: { type, value, uuid: UUID, category: 'Network activity', Tag: tags.map((name) => ({ name })) } });
type Results = { Attribute?: Array<{ type: string; value: string; comment?: string; Tag?: Array<{ name: string }> }>; Object?: Array<{ name: string; comment?: string; Attribute: Array<{ object_relation: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> }> };
const results = (a: Answer) => a['results'] as Results;
const queries = (requests: Array<{ body: string }>) => requests.map((r) => (JSON.parse(r.body) as { query: string }).query);

testModule({
  module: whisper,
  vendors: { 'graph.whisper.security': WHISPER, 'whisper.internal.example': WHISPER },
  config: { api_key: KEY },
  rows: [
    {
      name: 'an IP: threat context, neighbours and the announcing AS',
      query: attribute('ip-dst', IP, ['tlp:amber']),
      inputUuids: [UUID],
      requests: (requests) => {
        const sent = queries(requests);
        assert.equal(sent.length, 3);
        assert.match(sent[0]!, /^MATCH \(n:IPV4 \{name: "198\.51\.100\.23"\}\) OPTIONAL MATCH \(n\)-\[r:LISTED_IN\]->\(f:FEED_SOURCE\) RETURN n\.threatScore/);
        assert.equal(sent[1], `MATCH (n:IPV4 {name: "${IP}"})-[r]-(m) WHERE type(r) <> "LINKS_TO" RETURN n, r, m LIMIT 50`);
        assert.deepEqual(JSON.parse(requests[0]!.body).params, {});
      },
      check: (a) => {
        const { Attribute = [], Object: objects = [] } = results(a);
        const [threat, ...neighbours] = Attribute;
        assert.equal(threat!.type, 'text');
        assert.equal(threat!.value, [
          `Whisper threat context for ${IP}`, 'Threat score: 87', 'Threat level: HIGH', 'Flags: isThreat, isMalware, isC2', 'First seen: 2024-01-02', 'Last seen: 2024-03-01',
          'Listed in 2 feed(s):', '  abuse.ch Feodo (2024-01-02 → 2024-02-20)', '  Spamhaus DROP (2024-02-01 → 2024-03-01)',
        ].join('\n'));
        assert.deepEqual((threat!.Tag ?? []).map((t) => t.name), ['whisper:threat', 'whisper:malware', 'whisper:c2']);
        assert.deepEqual(neighbours.map((n) => [n.type, n.value, n.comment]), [
          ['domain', 'c2.evil.example', 'Whisper: RESOLVES_TO (HOSTNAME)'],
          ['ip-dst', '198.51.100.0/24', 'Whisper: BELONGS_TO (PREFIX)'],
          ['text', 'NL', 'Whisper: LOCATED_IN (COUNTRY)'],
        ]);
        assert.equal(objects.length, 1);
        assert.deepEqual(objects[0]!.Attribute.map((x) => [x.object_relation, x.value]), [['asn', 'AS64500'], ['description', 'EXAMPLE-NET'], ['subnet-announced', '198.51.100.0/24']]);
        assert.equal(objects[0]!.comment, 'MOAS');
        assert.deepEqual(objects[0]!.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['announced-by', UUID]]);
      },
    },
    {
      name: 'hover (no event_id): the threat verdict only, one query',
      query: { attribute: attribute('ip-src', IP).attribute },
      requests: (requests) => assert.equal(requests.length, 1),
      check: (a) => assert.deepEqual(results(a).Attribute!.map((x) => x.comment), ['Whisper threat context']),
    },
    {
      name: 'an AS: normalised to AS<number>, one-hop only, at the admin\'s api_url',
      query: attribute('AS', '64500'),
      config: { api_url: 'https://whisper.internal.example/' },
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), ['whisper.internal.example /api/query']);
        assert.equal(queries(requests)[0], 'MATCH (n:ASN {name: "AS64500"})-[r]-(m) WHERE type(r) <> "LINKS_TO" RETURN n, r, m LIMIT 50');
      },
      check: (a) => assert.deepEqual(results(a).Attribute!.map((x) => [x.type, x.value]), [['text', 'EXAMPLE-NET']]),
    },
    {
      name: 'a domain the graph does not know: two queries and an honest note, nothing invented',
      query: attribute('domain', 'Unknown.Example.'),
      requests: (requests) => assert.deepEqual(queries(requests).map((q) => q.slice(0, 42)), ['MATCH (n:HOSTNAME {name: "unknown.example"', 'MATCH (n:HOSTNAME {name: "unknown.example"']),
      check: (a) => assert.deepEqual(results(a).Attribute!.map((x) => [x.type, x.value]), [['text', 'Whisper graph has no data for Unknown.Example..']]),
    },
    {
      name: 'a value with a quote is a JSON-escaped literal; Whisper\'s 400 is "query failed"',
      query: attribute('hostname', 'bad"value.example'),
      requests: (requests) => assert.match(queries(requests)[0]!, /\{name: "bad\\"value\.example"\}/),
      error: /^Whisper query failed: Whisper answered HTTP 400 Bad Request: Syntax error near "value"\.$/,
    },
    { name: 'a tlp:red attribute is not sent', query: attribute('ip-dst', IP, ['tlp:red']), error: 'Refusing to enrich: the attribute is marked tlp:red, above the max_tlp setting (tlp:amber+strict).', requests: (r) => assert.equal(r.length, 0) },
    { name: 'max_tlp lowered to green refuses amber', query: attribute('ip-dst', IP, ['TLP:AMBER']), config: { max_tlp: 'tlp:green' }, messageId: 'tlp', data: { tags: 'TLP:AMBER', ceiling: 'tlp:green' } },
    { name: 'a max_tlp that is no TLP level', query: attribute('ip-dst', IP), config: { max_tlp: 'secret' }, messageId: 'badTlp', data: { ceiling: 'secret' } },
    { name: 'no api_key: upstream message', query: attribute('ip-dst', IP), config: { api_key: null }, messageId: 'noKey' },
    { name: 'an ip-src that is no IP', query: attribute('ip-src', 'not-an-ip'), error: "Attribute type 'ip-src' with value 'not-an-ip' is not supported by the Whisper module." },
    { name: 'a type it does not take', query: attribute('url', 'http://x'), error: /does not accept attributes of type 'url'/ },
    { name: 'a wrong key: upstream message', query: attribute('ip-dst', IP), config: { api_key: 'wrong' }, messageId: 'rejected' },
    { name: 'success=false is a failed query', query: attribute('ip-dst', IP), routes: { 'POST /api/query': { json: { success: false, error: 'Query timed out in the graph' } } }, error: 'Whisper query failed: success=false: Query timed out in the graph' },
    { name: 'a bad timeout setting is ignored', query: attribute('AS', 'AS64500'), config: { timeout: 'inf' }, check: (a) => assert.equal(results(a).Attribute!.length, 1) },
    ...vendorFailureRows({ query: attribute('ip-dst', IP), route: 'POST /api/query', skip: ['unauthorized'], vendorMessage: 'Graph backend down' }).map((row) => {
      if (row.name.includes('429')) return { ...row, error: /^Whisper API unavailable - retry later: Whisper rate limit reached \(HTTP 429/ };
      if (row.name.includes('500')) return { ...row, error: 'Whisper API unavailable - retry later: Whisper answered HTTP 500 Internal Server Error: Graph backend down.' };
      if (row.name.includes('malformed')) return { ...row, error: 'Whisper query failed: Whisper API returned a body that is not JSON (HTTP 200)' };
      return row;
    }),
  ],
});
