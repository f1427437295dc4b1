/**
 * OAuth 1.0a request signing (RFC 5849 §3.4, HMAC-SHA1), two-legged (a
 * consumer key and secret, optionally a token), as python-oauth2's
 * `oauth.Client` does it for a GET: the `oauth_*` parameters, with
 * `oauth_body_hash` of the (empty) body, go in the query string.
 */
import { createHash, createHmac, randomInt } from 'node:crypto';

export interface OAuth1Credentials {
  consumerKey: string;
  consumerSecret: string;
  token?: { key: string; secret: string };
}

export interface OAuth1SignOptions {
  method: string;
  /** The URL as the server knows it (real host), with its query string if any. */
  url: string;
  /** Extra protocol parameters (tests fix the nonce and timestamp with these). */
  nonce?: string;
  timestamp?: string;
  /** Adds `oauth_body_hash` (base64 SHA-1 of the body), as python-oauth2 does for a non-form body. */
  bodyHash?: string | Uint8Array;
}

/** RFC 3986 percent-encoding (RFC 5849 §3.6): only ALPHA DIGIT - . _ ~ stay as they are. */
export function oauthEscape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The base string URI (§3.4.1.2): lower-case scheme and host, no default port, no query. */
function baseStringUri(url: URL): string {
  const defaultPort = (url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443') || url.port === '';
  return `${url.protocol.toLowerCase()}//${url.hostname.toLowerCase()}${defaultPort ? '' : `:${url.port}`}${url.pathname}`;
}

/** The signature base string (§3.4.1) of a method, URL (with its query) and protocol parameters. */
export function signatureBaseString(method: string, url: string, oauthParams: Readonly<Record<string, string>>): string {
  const parsed = new URL(url);
  const pairs: Array<[string, string]> = [...parsed.searchParams.entries(), ...Object.entries(oauthParams)]
    .filter(([key]) => key !== 'oauth_signature')
    .map(([key, value]) => [oauthEscape(key), oauthEscape(value)]);
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const normalized = pairs.map(([key, value]) => `${key}=${value}`).join('&');
  return [method.toUpperCase(), baseStringUri(parsed), normalized].map(oauthEscape).join('&');
}

/** HMAC-SHA1 of the base string with `consumerSecret&tokenSecret` (§3.4.2), base64. */
export function hmacSha1Signature(baseString: string, consumerSecret: string, tokenSecret = ''): string {
  return createHmac('sha1', `${oauthEscape(consumerSecret)}&${oauthEscape(tokenSecret)}`).update(baseString).digest('base64');
}

/** The `oauth_*` parameters of a signed request, `oauth_signature` included. */
export function signOAuth1(credentials: OAuth1Credentials, options: OAuth1SignOptions): Record<string, string> {
  const params: Record<string, string> = {
    oauth_consumer_key: credentials.consumerKey,
    oauth_nonce: options.nonce ?? String(randomInt(0, 100_000_000)),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: options.timestamp ?? String(Math.floor(Date.now() / 1000)),
    oauth_version: '1.0',
  };
  if (credentials.token) params['oauth_token'] = credentials.token.key;
  if (options.bodyHash !== undefined) params['oauth_body_hash'] = createHash('sha1').update(options.bodyHash).digest('base64');
  const base = signatureBaseString(options.method, options.url, params);
  params['oauth_signature'] = hmacSha1Signature(base, credentials.consumerSecret, credentials.token?.secret);
  return params;
}
