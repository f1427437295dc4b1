import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cidrContains, formatIp, parseCidr, parseIp } from '../../src/net/ip.js';

test('IPv6 text round-trips through bytes in the form WHATWG URL serialises', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
      const text = formatIp({ version: 6, bytes });
      assert.equal(`[${text}]`, new URL(`http://[${text}]/`).hostname);
      assert.deepEqual(parseIp(text)?.bytes, bytes);
    }),
  );
});

test('IPv4 text round-trips', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (bytes) => {
      const text = formatIp({ version: 4, bytes });
      assert.deepEqual(parseIp(text), { version: 4, bytes });
    }),
  );
});

test('::1.2.3.4 is IPv4-compatible, not IPv4-mapped', () => {
  assert.deepEqual(Array.from(parseIp('::1.2.3.4')!.bytes), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
  assert.deepEqual(Array.from(parseIp('::ffff:1.2.3.4')!.bytes).slice(10), [255, 255, 1, 2, 3, 4]);
});

test('parseIp accepts brackets and zone ids and refuses non-addresses', () => {
  assert.equal(parseIp('[::1]')?.version, 6);
  assert.equal(parseIp('fe80::1%eth0')?.version, 6);
  for (const text of ['example.org', '1.2.3', '0x7f.1', '2130706433', '1.2.3.256', '']) {
    assert.equal(parseIp(text), undefined, text);
  }
});

test('CIDR containment', () => {
  const net = parseCidr('10.1.0.0/16')!;
  assert.ok(cidrContains(net, parseIp('10.1.200.3')!));
  assert.ok(!cidrContains(net, parseIp('10.2.0.0')!));
  assert.ok(!cidrContains(net, parseIp('::ffff:10.1.0.1')!), 'families never mix');
  const odd = parseCidr('fe80::/10')!;
  assert.ok(cidrContains(odd, parseIp('febf:ffff::1')!));
  assert.ok(!cidrContains(odd, parseIp('fec0::1')!));
  assert.ok(cidrContains(parseCidr('0.0.0.0/0')!, parseIp('203.0.113.1')!));
  assert.equal(parseCidr('1.2.3.4')?.prefix, 32);
  assert.equal(parseCidr('1.2.3.4/33'), undefined);
  assert.equal(parseCidr('::/129'), undefined);
  assert.equal(parseCidr('1.2.3.4/x'), undefined);
});
