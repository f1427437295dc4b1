/**
 * OAuth 1.0a signing against a signature computed independently (Python's
 * hmac and urllib.parse.quote, the way python-oauth2 builds the base string)
 * for a VulnDB request, and RFC 3986 escaping.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oauthEscape, signOAuth1, signatureBaseString } from '../../../src/modules/_shared/oauth1.js';

const URL_ = 'https://vulndb.cyberriskanalytics.com/api/v1/vulnerabilities/CVE-2021-44228/find_by_cve_id?show_cpe=true';

test('the signature matches python-oauth2\'s for the same request', () => {
  const params = signOAuth1(
    { consumerKey: 'misp-key', consumerSecret: 's3cr3t/with+chars' },
    { method: 'GET', url: URL_, nonce: '46181427', timestamp: '1700000000', bodyHash: '' },
  );
  assert.deepEqual(params, {
    oauth_consumer_key: 'misp-key',
    oauth_nonce: '46181427',
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: '1700000000',
    oauth_version: '1.0',
    oauth_body_hash: '2jmj7l5rSw0yVb/vlWAYkK/YBwk=',
    // python3: hmac.new(quote(secret, safe='~') + '&', base, sha1), base64
    oauth_signature: 'v7rCgYhokw2RP9DrsQlbdRPfvRQ=',
  });
});

test('a different secret, nonce or URL gives another signature', () => {
  const sign = (secret: string, url: string, nonce: string) =>
    signOAuth1({ consumerKey: 'misp-key', consumerSecret: secret }, { method: 'GET', url, nonce, timestamp: '1700000000', bodyHash: '' })['oauth_signature'];
  const reference = sign('s3cr3t/with+chars', URL_, '46181427');
  assert.notEqual(sign('s3cr3t', URL_, '46181427'), reference);
  assert.notEqual(sign('s3cr3t/with+chars', URL_.replace('44228', '44229'), '46181427'), reference);
  assert.notEqual(sign('s3cr3t/with+chars', URL_, '1'), reference);
});

test('the base string: upper-case method, no default port, sorted escaped parameters', () => {
  assert.equal(
    signatureBaseString('get', 'HTTPS://Example.COM:443/a b?z=1&a=x y', { oauth_nonce: 'n' }),
    'GET&https%3A%2F%2Fexample.com%2Fa%2520b&a%3Dx%2520y%26oauth_nonce%3Dn%26z%3D1',
  );
  assert.equal(oauthEscape("a-._~!*'() +/"), 'a-._~%21%2A%27%28%29%20%2B%2F');
});
