/**
 * iprep against a loopback packetmail.net: `GET /iprep.php/<ip>?apikey=<key>`
 * (401 without the right key), answering an IPRep record shaped like
 * packetmail's: meta fields, then one entry per source with `last_seen` and
 * `context`.
 */
import assert from 'node:assert/strict';
import iprep from '../../../src/modules/expansion/iprep.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const KEY = 'pm-key';
const IP = '198.51.100.23';

const RECORD = {
  origin: 'IPRep',
  Query_Time: 0.0123,
  _id: IP,
  disclaimer: 'These data are provided without warranty.',
  IPs_in_collection: 1182734,
  MaxMind_Free_GeoIP: [{ country_code: 'NL' }],
  Unique_Lookups: 4,
  IP_Lookup_History: [{ date: '2017-01-10' }],
  query_result: 'Success',
  packetmail_ids: {
    last_seen: '2017-01-09 22:13:10',
    context: [
      { alert: { signature: 'ET SCAN Potential SSH Scan', severity: 2 }, dest_port: 22 },
      { alert: { signature: 'ET SCAN NMAP -sS window 1024', severity: 2 }, dest_port: 80 },
    ],
  },
  et_compromised: { last_seen: '2017-01-08', context: [{ signature: 'ET COMPROMISED Known Compromised or Hostile Host Traffic' }] },
  blocklist_de: { last_seen: 1483833600, context: [{ target_port: 22, protocol: 'tcp' }, { target_port: 23, protocol: 'tcp' }], special_note: 'Reported by fail2ban' },
  openphish: { last_seen: '2017-01-07', context: [{ phishing_kit: 'PayPal', url: 'http://198.51.100.23/pp/' }] },
  honeypot: { last_seen: '2017-01-06', context: [{ sensor: 'eu-1', hits: 3 }] },
  dshield: { last_seen: '2017-01-05', context: 'Top 20 attacker' },
};

const PACKETMAIL: Routes = {
  'GET /iprep.php/:ip': (req: FakeRequest) => {
    if (req.query['apikey'] !== KEY) return { status: 401, json: { error: 'Invalid API key' } };
    return { json: req.params['ip'] === IP ? RECORD : { origin: 'IPRep', _id: req.params['ip'], query_result: 'No results', IPs_in_collection: 1182734 } };
  },
};

testModule({
  module: iprep,
  vendors: { 'www.packetmail.net': PACKETMAIL },
  config: { apikey: KEY },
  rows: [
    {
      name: 'a listed IP: one text entry per source as upstream words it, then the freetext of all',
      query: { 'ip-src': IP },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), [`GET /iprep.php/${IP}?apikey=${KEY}`]),
      results: [
        { types: ['text'], categories: ['External analysis'], values: 'ET SCAN Potential SSH Scan,ET SCAN NMAP -sS window 1024', comment: 'IPRep Source packetmail_ids: 2017-01-09 22:13:10' },
        { types: ['text'], categories: ['External analysis'], values: 'ET COMPROMISED Known Compromised or Hostile Host Traffic', comment: 'IPRep Source et_compromised: 2017-01-08' },
        { types: ['text'], categories: ['External analysis'], values: 'Port Attacked: 22 tcp,Port Attacked: 23 tcp; Reported by fail2ban', comment: 'IPRep Source blocklist_de: 1483833600' },
        { types: ['text'], categories: ['External analysis'], values: 'PayPal (http://198.51.100.23/pp/)', comment: 'IPRep Source openphish: 2017-01-07' },
        { types: ['text'], categories: ['External analysis'], values: 'sensor: eu-1;hits: 3', comment: 'IPRep Source honeypot: 2017-01-06' },
        { types: ['text'], categories: ['External analysis'], values: 'Top 20 attacker', comment: 'IPRep Source dshield: 2017-01-05' },
        {
          types: ['freetext'],
          values:
            '\nET SCAN Potential SSH Scan,ET SCAN NMAP -sS window 1024\nET COMPROMISED Known Compromised or Hostile Host Traffic\n' +
            'Port Attacked: 22 tcp,Port Attacked: 23 tcp; Reported by fail2ban\nPayPal (http://198.51.100.23/pp/)\nsensor: eu-1;hits: 3\nTop 20 attacker',
          comment: 'Free text import of IPRep',
        },
      ],
    },
    { name: 'ip-dst is asked the same way', query: { 'ip-dst': IP }, requests: (r) => assert.equal(r[0]?.path, `/iprep.php/${IP}`) },
    { name: 'an IP no source lists: an empty result, nothing invented', query: { 'ip-src': '203.0.113.1' }, results: [] },
    {
      name: 'a source it cannot read does not throw away the others',
      query: { 'ip-src': IP },
      routes: { 'GET /iprep.php/:ip': { json: { _id: IP, broken: { last_seen: 'x', context: 42 }, dshield: RECORD.dshield } } },
      results: [
        { types: ['text'], categories: ['External analysis'], values: 'Top 20 attacker', comment: 'IPRep Source dshield: 2017-01-05' },
        { types: ['freetext'], values: '\nTop 20 attacker', comment: 'Free text import of IPRep' },
      ],
    },
    {
      name: "only unreadable sources: upstream's parsing errors",
      query: { 'ip-src': IP },
      routes: { 'GET /iprep.php/:ip': { json: { broken: { context: [] }, other: 'x' } } },
      error: 'Error parsing source: broken,Error parsing source: other',
    },
    { name: 'a JSON list is not a record', query: { 'ip-src': IP }, routes: { 'GET /iprep.php/:ip': { json: [1] } }, messageId: 'notObject' },
    { name: 'no apikey: the missing-key message, no request', query: { 'ip-src': IP }, config: { apikey: '' }, error: 'IPRep api key is missing', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all (upstream crashes)', query: { 'ip-src': IP }, config: null, error: 'IPRep api key is missing' },
    { name: 'no IP in the query', query: { domain: 'example.org' }, error: /needs one of these attribute types in the request: ip-src, ip-dst/ },
    { name: 'a wrong key (the fake checks the apikey parameter)', query: { 'ip-src': IP }, config: { apikey: 'nope' }, error: 'packetmail.net IPRep refused the key (setting apikey, HTTP 401 Unauthorized): Invalid API key.' },
    ...vendorFailureRows({ query: { 'ip-src': IP }, route: 'GET /iprep.php/:ip', vendorMessage: 'Database offline' }),
  ],
});
