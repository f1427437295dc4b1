import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCidr, parseIp, type Cidr } from '../../src/net/ip.js';
import { classifyAddress, describeVerdict } from '../../src/net/special-ranges.js';

function verdict(address: string, allowed: Cidr[] = []) {
  const ip = parseIp(address);
  assert.ok(ip, `${address} should parse`);
  return classifyAddress(ip, allowed);
}

// [address, the range it must be refused as]
const BLOCKED: Array<[string, string]> = [
  ['0.0.0.0', '0.0.0.0/8'],
  ['0.1.2.3', '0.0.0.0/8'],
  ['10.0.0.1', '10.0.0.0/8'],
  ['10.255.255.255', '10.0.0.0/8'],
  ['100.64.0.1', '100.64.0.0/10'],
  ['100.127.255.254', '100.64.0.0/10'],
  ['127.0.0.1', '127.0.0.0/8'],
  ['127.255.0.9', '127.0.0.0/8'],
  ['169.254.0.1', '169.254.0.0/16'],
  ['169.254.169.254', '169.254.169.254/32'],
  ['172.16.0.1', '172.16.0.0/12'],
  ['172.31.255.255', '172.16.0.0/12'],
  ['192.0.0.8', '192.0.0.0/24'],
  ['192.0.0.192', '192.0.0.0/24'],
  ['192.0.2.1', '192.0.2.0/24'],
  ['192.88.99.1', '192.88.99.0/24'],
  ['192.168.1.1', '192.168.0.0/16'],
  ['198.18.0.1', '198.18.0.0/15'],
  ['198.19.255.255', '198.18.0.0/15'],
  ['198.51.100.7', '198.51.100.0/24'],
  ['203.0.113.9', '203.0.113.0/24'],
  ['224.0.0.1', '224.0.0.0/4'],
  ['239.255.255.250', '224.0.0.0/4'],
  ['240.0.0.1', '240.0.0.0/4'],
  ['255.255.255.255', '255.255.255.255/32'],
  ['::', '::/128'],
  ['::1', '::1/128'],
  ['fc00::1', 'fc00::/7'],
  ['fd12:3456::1', 'fc00::/7'],
  ['fd00:ec2::254', 'fd00:ec2::254/128'],
  ['fe80::1', 'fe80::/10'],
  ['febf::1', 'fe80::/10'],
  ['fec0::1', 'fec0::/10'],
  ['ff02::1', 'ff00::/8'],
  ['2001:db8::1', '2001:db8::/32'],
  ['3fff::1', '3fff::/20'],
  ['2001:2::1', '2001:2::/48'],
  ['64:ff9b:1::a00:1', '64:ff9b:1::/48'],
  // IPv4 embedded in IPv6: judged by the embedded address.
  ['::ffff:127.0.0.1', '127.0.0.0/8'],
  ['::ffff:7f00:1', '127.0.0.0/8'],
  ['::ffff:10.1.2.3', '10.0.0.0/8'],
  ['::ffff:169.254.169.254', '169.254.169.254/32'],
  ['::127.0.0.1', '127.0.0.0/8'],
  ['::ffff:0:127.0.0.1', '127.0.0.0/8'],
  ['64:ff9b::7f00:1', '127.0.0.0/8'],
  ['64:ff9b::169.254.169.254', '169.254.169.254/32'],
  ['2002:7f00:1::', '127.0.0.0/8'],
  ['2002:c0a8:101::1', '192.168.0.0/16'],
  // Teredo: server 65.54.227.120 (public), client bit-inverted 10.0.0.1 -> f5ff:fffe.
  ['2001:0:4136:e378:8000:63bf:f5ff:fffe', '10.0.0.0/8'],
];

for (const [address, range] of BLOCKED) {
  test(`${address} is refused as ${range}`, () => {
    const result = verdict(address);
    assert.ok(result, `${address} should be refused`);
    assert.equal(result.cidr, range);
  });
}

test('IPv6 outside the global unicast block is refused as reserved', () => {
  for (const address of ['100::1', '5f00::1', '4000::1', '::2:0:0']) {
    const result = verdict(address);
    assert.ok(result, `${address} should be refused`);
  }
  assert.match(describeVerdict(verdict('100::1')!), /reserved/);
});

test('IPv4-compatible addresses are refused even when the embedded address is public', () => {
  const result = verdict('::8.8.8.8');
  assert.ok(result);
  assert.match(result.label, /IPv4-compatible/);
});

test('public addresses pass, including public embeddings', () => {
  for (const address of [
    '8.8.8.8',
    '1.1.1.1',
    '185.194.93.14',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.0.1.1',
    '198.17.255.255',
    '198.20.0.0',
    '223.255.255.255',
    '2a00:1450:4001:80b::200e',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '2001:0:4136:e378:8000:63bf:f7f7:f7f7',
  ]) {
    assert.equal(verdict(address), undefined, `${address} should be allowed`);
  }
});

test('allowed ranges exempt an address and its IPv4-mapped form', () => {
  const allowed = [parseCidr('127.0.0.0/8')!, parseCidr('fd00::/8')!];
  assert.equal(verdict('127.0.0.1', allowed), undefined);
  assert.equal(verdict('::ffff:127.0.0.1', allowed), undefined);
  assert.equal(verdict('fd00::5', allowed), undefined);
  assert.ok(verdict('10.0.0.1', allowed));
  assert.ok(verdict('::1', allowed), 'IPv6 loopback is not in 127.0.0.0/8');
  assert.ok(verdict('fc00::5', allowed));
});

test('the verdict reads well, including for embedded forms', () => {
  assert.equal(describeVerdict(verdict('10.0.0.1')!), '10.0.0.1 is in a private range (10.0.0.0/8)');
  assert.equal(
    describeVerdict(verdict('::ffff:127.0.0.1')!),
    '::ffff:7f00:1 (IPv4-mapped form of 127.0.0.1) is in the loopback range (127.0.0.0/8)',
  );
  assert.equal(describeVerdict(verdict('169.254.169.254')!), '169.254.169.254 is the cloud metadata address (169.254.169.254/32)');
});
