import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createNetwork } from '../../src/net/network.js';
import { parseCidrList, parseUpstreamOverrides, proxyFromEnv } from '../../src/net/settings.js';

test('parseUpstreamOverrides reads HOST=URL entries, repeated or comma separated', () => {
  assert.deepEqual(parseUpstreamOverrides(['cve.circl.lu=http://127.0.0.1:4567', 'API.Example.org=https://mirror.local/base/']), {
    'cve.circl.lu': 'http://127.0.0.1:4567',
    'api.example.org': 'https://mirror.local/base/',
  });
  assert.deepEqual(parseUpstreamOverrides(['a.example=http://127.0.0.1:1, b.example:8443=http://127.0.0.1:2', '']), {
    'a.example': 'http://127.0.0.1:1',
    'b.example:8443': 'http://127.0.0.1:2',
  });
});

test('parseUpstreamOverrides explains malformed entries', () => {
  assert.throws(() => parseUpstreamOverrides(['cve.circl.lu']), /Invalid upstream override "cve.circl.lu": expected HOST=URL/);
  assert.throws(() => parseUpstreamOverrides(['=http://x']), /expected HOST=URL/);
  assert.throws(() => parseUpstreamOverrides(['cve.circl.lu=']), /expected HOST=URL/);
  assert.throws(() => parseUpstreamOverrides(['https://cve.circl.lu=http://x']), /is not a host name/);
  assert.throws(() => parseUpstreamOverrides(['cve.circl.lu=127.0.0.1:4567']), /only http and https|is not a URL/);
  assert.throws(() => parseUpstreamOverrides(['cve.circl.lu=ftp://127.0.0.1']), /only http and https/);
  assert.throws(() => parseUpstreamOverrides(['cve.circl.lu=http://127.0.0.1/?a=1']), /no query/);
});

test('parseCidrList reads CIDRs and bare addresses, and names a bad entry', () => {
  assert.deepEqual(
    parseCidrList(['10.0.0.0/8, fd00::/8', '192.0.2.1']).map((c) => c.prefix),
    [8, 8, 32],
  );
  assert.throws(() => parseCidrList(['10.0.0.0/8', 'localhost']), /Invalid address range "localhost"/);
  assert.throws(() => parseCidrList(['10.0.0.0/40']), /Invalid address range "10.0.0.0\/40"/);
});

test('proxy settings come from the environment, lower case first', () => {
  assert.deepEqual(proxyFromEnv({ HTTP_PROXY: 'http://p:1', https_proxy: 'http://q:2', HTTPS_PROXY: 'http://r:3', NO_PROXY: 'a,b' }), {
    http: 'http://p:1',
    https: 'http://q:2',
    noProxy: 'a,b',
  });
  assert.deepEqual(proxyFromEnv({ HTTP_PROXY: '' }), {});
});

test('createNetwork refuses bad configuration at start-up', () => {
  assert.throws(() => createNetwork({ userAgent: 'x', allowUrlRanges: ['nope'] }, {}), /Invalid address range/);
  assert.throws(() => createNetwork({ userAgent: 'x', upstreams: { 'a.example': 'nope' } }, {}), /not a URL/);
  assert.throws(() => createNetwork({ userAgent: 'x', caFile: '/nonexistent/ca.pem' }, {}), /Could not read the CA bundle \/nonexistent\/ca.pem/);
  assert.throws(() => createNetwork({ userAgent: 'x', requestTimeoutMs: 0 }, {}), /requestTimeoutMs must be a positive number/);
  assert.throws(() => createNetwork({ userAgent: 'x', proxy: { http: 'not a url' } }, {}), /Invalid proxy URL/);
});
