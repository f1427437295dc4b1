import assert from 'node:assert/strict';
import btcScamCheck from '../../../src/modules/expansion/btc_scam_check.js';
import { testModule } from '../../support/module-tester.js';

const SCAM = '1ES14c7qLb5CYhLMUekctxLgc1FV2Ti9DA';
const CLEAN = '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy';

testModule({
  module: btcScamCheck,
  dns: {
    // What bl.btcblack.it answers for a listed address (upstream's test asserts this text).
    [`${SCAM}.bl.btcblack.it`]: { TXT: ['1es14c7qlb5cyhlmuekctxlgc1fv2ti9da fraudolent bitcoin address'] },
    'two.bl.btcblack.it': { TXT: ['reported twice', ['in two', ' strings "quoted"']] },
    'bytes.bl.btcblack.it': { TXT: ['scam caf\u00e9\u0001'] },
    'broken.bl.btcblack.it': { rcode: 'SERVFAIL' },
    'silent.bl.btcblack.it': { silent: true },
    'notxt.bl.btcblack.it': { A: ['127.0.0.2'] },
  },
  rows: [
    {
      name: 'a listed address: the TXT text without its quotes, as a bare text value',
      query: { btc: SCAM },
      results: [{ types: ['text'], values: '1es14c7qlb5cyhlmuekctxlgc1fv2ti9da fraudolent bitcoin address' }],
      check: (_answer, _requests, dns) => assert.deepEqual(dns.map((q) => `${q.name.toLowerCase()} ${q.type}`), [`${SCAM.toLowerCase()}.bl.btcblack.it TXT`]),
    },
    {
      name: 'several TXT records and strings are printed as upstream (dnspython) prints them',
      query: { btc: 'two' },
      results: [{ types: ['text'], values: 'reported twice" - "in two" " strings \\"quoted\\"' }],
    },
    {
      name: 'bytes outside printable ASCII are escaped as dnspython escapes them (\\DDD)',
      query: { btc: 'bytes' },
      results: [{ types: ['text'], values: 'scam caf\\195\\169\\001' }],
    },
    { name: 'an address not listed (NXDOMAIN): upstream\'s text, nothing invented', query: { btc: CLEAN }, results: [{ types: ['text'], values: `${CLEAN} is not known as a scam address.` }] },
    {
      name: 'a label over 63 bytes is not a BTC address (upstream\'s LabelTooLong text)',
      query: { btc: 'x'.repeat(64) },
      results: [{ types: ['text'], values: `${'x'.repeat(64)} is probably not a valid BTC address.` }],
      check: (_answer, _requests, dns) => assert.deepEqual(dns, []),
    },
    { name: 'an empty label is not a BTC address either (upstream crashes)', query: { btc: 'a..b' }, results: [{ types: ['text'], values: 'a..b is probably not a valid BTC address.' }] },
    { name: 'the blacklist fails (SERVFAIL)', query: { btc: 'broken' }, messageId: 'lookupFailed', data: { reason: 'The DNS server failed to resolve broken.bl.btcblack.it (SERVFAIL).' } },
    { name: 'a listed name without TXT record', query: { btc: 'notxt' }, messageId: 'lookupFailed', data: { reason: 'notxt.bl.btcblack.it has no TXT record.' } },
    { name: 'the DNS server never answers (upstream\'s 1 s lookup timeout)', query: { btc: 'silent' }, messageId: 'lookupFailed', data: { reason: 'The DNS server did not answer in time for silent.bl.btcblack.it (timeout).' } },
    { name: 'the query timeout is shorter than the lookup', query: { btc: 'silent', timeout: 0.2 }, error: 'Timeout.' },
    { name: 'no btc in the request', query: { 'ip-src': '192.0.2.1' }, error: "Module 'btc_scam_check' needs one of these attribute types in the request: btc." },
    { name: 'a btc that is not a string', query: { btc: { address: SCAM } }, messageId: 'noAddress' },
  ],
});
