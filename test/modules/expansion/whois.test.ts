/**
 * whois against a uwhoisd-like server on loopback: it reads one line, answers
 * the whois text it holds for it and closes, as uwhoisd does. The server is
 * the admin's setting, so it is reached on loopback without any
 * `allowUrlRanges`: admin-chosen servers are not URL-guarded.
 */
import assert from 'node:assert/strict';
import { after } from 'node:test';
import whois from '../../../src/modules/expansion/whois.js';
import { closedPort, startFakeTcp } from '../../support/fake-tcp.js';
import { testModule } from '../../support/module-tester.js';

// Trimmed answers of the registries uwhoisd relays (whois.dns.lu, whois.ripe.net).
const CIRCL_LU = `% Access to RESTENA DNS-LU WHOIS information is provided to assist persons
% in determining the content of a domain name registration record in the LU
% registration database.
%
domainname:     circl.lu
domaintype:     ACTIVE
nserver:        ns1.circl.lu
nserver:        ns2.circl.lu
ownertype:      ORGANISATION
org-name:       SECURITYMADEIN.LU
org-country:    LU
registrar-name:         RESTENA
registered:     10/05/2011
`;
const RIPE_IP = `% This is the RIPE Database query service.
% Information related to '185.194.92.0 - 185.194.95.255'

inetnum:        185.194.92.0 - 185.194.95.255
netname:        LU-CIRCL-20160812
country:        LU
org:            ORG-CA1082-RIPE
status:         ALLOCATED PA
mnt-by:         RIPE-NCC-HM-MNT
source:         RIPE
`;
const NO_SUCH_DOMAIN = '% No such domain\n';

const answers: Record<string, string> = { 'circl.lu': CIRCL_LU, '185.194.93.14': RIPE_IP, 'unknown-domain.lu': NO_SUCH_DOMAIN };

const uwhoisd = await startFakeTcp((socket) => {
  let line = '';
  socket.on('data', (chunk: Buffer) => {
    line += chunk.toString('utf8');
    if (!line.endsWith('\n')) return;
    const query = line.trim();
    if (query === 'silent.lu') return;
    if (query === 'empty.lu') return void socket.end();
    if (query === 'huge.lu') {
      const block = `${'%'.repeat(1023)}\n`;
      const write = (left: number): void => {
        if (left === 0 || socket.destroyed) return void socket.end();
        socket.write(block, () => write(left - 1));
      };
      return write(2048);
    }
    if (query === 'slow.lu') {
      // The answer in three pieces, some time apart: read to the end, not to the first piece.
      socket.write(CIRCL_LU.slice(0, 100));
      setTimeout(() => socket.write(CIRCL_LU.slice(100, 200)), 50);
      setTimeout(() => socket.end(CIRCL_LU.slice(200)), 100);
      return;
    }
    if (query === 'latin1.lu') return void socket.end(Buffer.from('registrant: Soci\xe9t\xe9\n', 'latin1'));
    socket.end(answers[query] ?? NO_SUCH_DOMAIN);
  });
});
const refusedPort = await closedPort();
after(() => uwhoisd.close());

const CONFIG = { server: '127.0.0.1', port: String(uwhoisd.port) };
const fromEvent = (type: string, value: string) => ({ [type]: value, event_id: '12', attribute_uuid: '5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f' });
const sent = () => uwhoisd.received.at(-1)?.toString('utf8');
let connectionsBefore = 0;

testModule({
  module: whois,
  config: CONFIG,
  rows: [
    {
      name: 'a domain: the registry\'s whois text as freetext, from the admin\'s server on loopback (not guarded)',
      query: fromEvent('domain', 'circl.lu'),
      results: [{ types: ['freetext'], values: CIRCL_LU }],
      check: () => assert.equal(sent(), 'circl.lu\n', 'upstream\'s query line'),
    },
    { name: 'an ip-src', query: fromEvent('ip-src', '185.194.93.14'), results: [{ types: ['freetext'], values: RIPE_IP }] },
    { name: 'an ip-dst', query: fromEvent('ip-dst', '185.194.93.14'), results: [{ types: ['freetext'], values: RIPE_IP }] },
    {
      name: 'the first input present wins (domain before ip-src), as upstream',
      query: { ...fromEvent('ip-src', '185.194.93.14'), domain: 'circl.lu' },
      results: [{ types: ['freetext'], values: CIRCL_LU }],
    },
    { name: 'an unknown domain: the registry\'s own answer, nothing invented', query: fromEvent('domain', 'unknown-domain.lu'), results: [{ types: ['freetext'], values: NO_SUCH_DOMAIN }] },
    { name: 'an answer in several pieces is read to the end', query: fromEvent('domain', 'slow.lu'), results: [{ types: ['freetext'], values: CIRCL_LU }] },
    { name: 'a server that closes without answering: an empty text, as upstream', query: fromEvent('domain', 'empty.lu'), results: [{ types: ['freetext'], values: '' }] },
    { name: 'an answer that is not UTF-8: replacement characters, no crash', query: fromEvent('domain', 'latin1.lu'), results: [{ types: ['freetext'], values: 'registrant: Soci\ufffdt\ufffd\n' }] },
    { name: 'an endless answer is cut at 1 MiB with an error', query: fromEvent('domain', 'huge.lu'), error: /^uwhoisd at 127\.0\.0\.1:\d+ sent more than 1048576 bytes\.$/ },
    {
      name: 'a server that never answers: the query\'s timeout, and the connection is closed',
      query: { ...fromEvent('domain', 'silent.lu'), timeout: 1 },
      error: 'Timeout.',
      check: async () => {
        for (let i = 0; i < 50 && uwhoisd.open > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(uwhoisd.open, 0);
      },
    },
    { name: 'a server that refuses the connection: named in the error', query: fromEvent('domain', 'circl.lu'), config: { port: String(refusedPort) }, error: `uwhoisd at 127.0.0.1:${refusedPort} refused the connection.` },
    {
      name: 'count the connections so far',
      query: {},
      error: 'Unsupported attributes type',
      check: () => {
        connectionsBefore = uwhoisd.connections;
      },
    },
    { name: 'no event_id (not from an event): a clear error instead of upstream\'s null', query: { domain: 'circl.lu' }, messageId: 'notFromEvent' },
    { name: 'no server setting: upstream\'s message', query: fromEvent('domain', 'circl.lu'), config: { server: '' }, error: 'Whois local instance address is missing' },
    { name: 'no port setting: the same message instead of upstream\'s crash', query: fromEvent('domain', 'circl.lu'), config: { port: null }, error: 'Whois local instance address is missing' },
    { name: 'no config at all', query: fromEvent('domain', 'circl.lu'), config: null, error: 'Whois local instance address is missing' },
    { name: 'a port setting that is no port', query: fromEvent('domain', 'circl.lu'), config: { port: 'whois' }, messageId: 'invalidPort', data: { value: 'whois' } },
    { name: 'no supported input: upstream\'s message', query: { event_id: '12', md5: 'd41d8cd98f00b204e9800998ecf8427e' }, error: 'Unsupported attributes type' },
    { name: 'a value with a line break (a second query) is refused', query: fromEvent('domain', 'circl.lu\nsecret.lu'), messageId: 'notOneLine', data: { value: '"circl.lu\\nsecret.lu"' } },
    {
      name: 'none of the refused requests reached the server',
      query: {},
      error: 'Unsupported attributes type',
      check: () => assert.equal(uwhoisd.connections, connectionsBefore),
    },
  ],
});
