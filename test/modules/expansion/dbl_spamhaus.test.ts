import assert from 'node:assert/strict';
import dblSpamhaus from '../../../src/modules/expansion/dbl_spamhaus.js';
import { testModule } from '../../support/module-tester.js';

const text = (value: string) => [{ types: ['text'], values: value }];

testModule({
  module: dblSpamhaus,
  dns: {
    // Spamhaus's DBL test names answer their documented return codes.
    'dbltest.com.dbl.spamhaus.org': { A: ['127.0.1.2'] },
    'phish.example.dbl.spamhaus.org': { A: ['127.0.1.4', '127.0.1.2'] },
    'redirector.example.dbl.spamhaus.org': { A: ['127.0.1.103'] },
    'www.botnet.example.dbl.spamhaus.org': { A: ['127.0.1.106'] },
    'relayed.example.dbl.spamhaus.org': { A: ['127.255.255.254'] },
    'odd.example.dbl.spamhaus.org': { A: ['127.0.1.99'] },
    'noaddress.example.dbl.spamhaus.org': { TXT: ['no A record'] },
    'broken.example.dbl.spamhaus.org': { rcode: 'SERVFAIL' },
    'silent.example.dbl.spamhaus.org': { silent: true },
  },
  rows: [
    {
      name: 'a listed domain: "{domain} - {classification}" from upstream\'s table',
      query: { domain: 'dbltest.com' },
      results: text('dbltest.com - spam domain'),
      check: (_answer, _requests, dns) => assert.deepEqual(dns.map((q) => `${q.name} ${q.type}`), ['dbltest.com.dbl.spamhaus.org A']),
    },
    { name: 'the first answer decides', query: { domain: 'phish.example' }, results: text('phish.example - phish domain') },
    { name: 'an abused-legit code', query: { hostname: 'redirector.example' }, results: text('redirector.example - abused spammed redirector domain') },
    { name: 'composite domain|ip: the domain part', query: { 'domain|ip': 'www.botnet.example|192.0.2.1' }, results: text('www.botnet.example - abused legit botnet C&C') },
    { name: 'composite hostname|port: the hostname part', query: { 'hostname|port': 'dbltest.com|443' }, results: text('dbltest.com - spam domain') },
    {
      name: 'a domain not listed (NXDOMAIN): dnspython\'s text, as upstream',
      query: { domain: 'clean.example' },
      results: text('The DNS query name does not exist: clean.example.dbl.spamhaus.org.'),
    },
    { name: 'Spamhaus refuses a public resolver (127.255.255.254): upstream\'s error', query: { domain: 'relayed.example' }, messageId: 'failed' },
    { name: 'a code outside the table', query: { domain: 'odd.example' }, messageId: 'failed' },
    { name: 'a name without A record', query: { domain: 'noaddress.example' }, messageId: 'failed' },
    { name: 'the DNS server fails (SERVFAIL)', query: { domain: 'broken.example' }, messageId: 'failed' },
    { name: 'the DNS server never answers (upstream\'s 0.2 s timeout)', query: { domain: 'silent.example' }, messageId: 'failed' },
    { name: 'no supported attribute: upstream\'s text', query: { 'ip-src': '192.0.2.1' }, messageId: 'unsupported' },
    { name: 'a value that is not a string', query: { domain: ['dbltest.com'] }, messageId: 'unsupported' },
    { name: 'a value with an empty label', query: { domain: 'a..example' }, messageId: 'invalidName', data: { value: 'a..example' } },
    { name: 'a label over 63 bytes', query: { hostname: `${'x'.repeat(64)}.example` }, messageId: 'invalidName', data: { value: `${'x'.repeat(64)}.example` } },
  ],
});
