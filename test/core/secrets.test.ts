/**
 * scrubText and the SecretRegistry against generated secrets echoed back in
 * every encoding a module sends a secret in (form bodies and query strings,
 * URI components, Basic auth, JSON) and the ways an upstream re-encodes an
 * echo (Python's quote_plus and json.dumps, PHP's JSON, HTML). The detector
 * (test/support/secret-oracle.ts) accepts any mix of character spellings.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { defineModule } from '../../src/core/module.js';
import { collectSecrets, scrubText, SecretRegistry } from '../../src/core/secrets.js';
import { anySpelling, findSecret } from '../support/secret-oracle.js';

/** Characters that each encoder treats differently, and some that need several bytes or a surrogate pair. */
const CHARS = [...'abcXYZ0189', ' ', '!', "'", '(', ')', '*', '~', '+', '/', '&', '=', '%', '"', '\\', '<', '>', '?', '#', ':', '@', 'é', 'ß', '€', '😀'];
const secretArb = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 8, maxLength: 24 });

const percent = (text: string, keep: RegExp, space: string, lower: boolean) =>
  [...text]
    .map((ch) => {
      if (ch === ' ') return space;
      if (keep.test(ch)) return ch;
      return [...Buffer.from(ch, 'utf8')].map((b) => `%${lower ? b.toString(16).padStart(2, '0') : b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
    })
    .join('');

const pythonJson = (value: unknown) => JSON.stringify(value).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** How an upstream may echo the request it got (`user`, `secret`) back in its error. */
const ECHOES: Record<string, (user: string, secret: string) => string> = {
  'form body as sent': (user, secret) => `bad login: ${new URLSearchParams({ username: user, password: secret }).toString()}`,
  'query string as sent': (_user, secret) => `GET /api?${new URLSearchParams({ apikey: secret, q: 'x y' }).toString()} refused`,
  'decoded form': (user, secret) => `bad login for ${user} with password ${secret}`,
  'URI component (a path segment)': (_user, secret) => `no such key /keys/${encodeURIComponent(secret)}/info`,
  "Python quote_plus, lower-case hex": (_user, secret) => `password=${percent(secret, /^[A-Za-z0-9_.~-]$/, '+', true)}`,
  "Python quote, '/' kept": (_user, secret) => `path /x/${percent(secret, /^[A-Za-z0-9_.~/-]$/, '%20', false)}`,
  'Basic auth header': (user, secret) => `Authorization: Basic ${Buffer.from(`${user}:${secret}`).toString('base64')} rejected`,
  'Basic auth header, form-encoded': (user, secret) => `auth=${encodeURIComponent(`Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`)}`,
  'JSON body as sent': (user, secret) => `invalid request ${JSON.stringify({ username: user, password: secret })}`,
  'Python json.dumps (ASCII only)': (user, secret) => `invalid request ${pythonJson({ username: user, password: secret })}`,
  "PHP json_encode ('/' escaped)": (user, secret) => `invalid ${JSON.stringify({ password: secret }).replace(/\//g, '\\/')}`,
  'JSON inside a JSON string': (user, secret) => JSON.stringify({ detail: JSON.stringify({ password: secret }) }),
  'HTML page': (_user, secret) => `<p>bad password &quot;${secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}&quot;</p>`,
};

const probe = defineModule({
  name: 'probe',
  kind: 'import',
  moduleType: ['import'],
  meta: { version: '1', author: 't', description: 'probe', name: 'probe' },
  config: { username: { description: 'user' }, password: { description: 'password', secret: true } },
  attributes: { inputSource: [], format: 'misp_standard' },
  handle: async () => ({ results: {} }),
});

const USER = 'analyst@example.org';

describe('scrubbing secrets in any spelling', () => {
  test('the detector itself finds every echo before scrubbing (it can fail)', () => {
    fc.assert(
      fc.property(secretArb, fc.constantFrom(...Object.keys(ECHOES)), (secret, echo) => {
        const text = ECHOES[echo]!(USER, secret);
        const secrets = echo.startsWith('Basic') ? [Buffer.from(`${USER}:${secret}`).toString('base64')] : [secret];
        assert.ok(findSecret(text, secrets), `${echo}: ${text}`);
      }),
      { numRuns: 300 },
    );
  });

  test('scrubText: no spelling of the secret is left in an error message, nor in its JSON log line', () => {
    fc.assert(
      fc.property(secretArb, fc.constantFrom(...Object.keys(ECHOES)), (secret, echo) => {
        const text = ECHOES[echo]!(USER, secret);
        const secrets = collectSecrets({ module: 'probe', config: { username: USER, password: secret } }, probe);
        const basic = Buffer.from(`${USER}:${secret}`).toString('base64');
        const scrubbed = scrubText(text, secrets);
        assert.equal(findSecret(scrubbed, [secret, basic]), undefined, `${echo}: ${text} -> ${scrubbed}`);
        assert.match(scrubbed, /\[REDACTED\]/);
        // The log line is JSON: the registry scrubs the serialised line.
        const registry = new SecretRegistry();
        const release = registry.add(secrets);
        const line = registry.scrub(JSON.stringify({ level: 50, msg: text }));
        assert.equal(findSecret(line, [secret, basic]), undefined, `${echo} in a log line: ${line}`);
        release();
        assert.equal(registry.size, 0);
      }),
      { numRuns: 300 },
    );
  });

  test('what is not a secret is kept', () => {
    const secret = 'LL PASS 0123456789!';
    const secrets = collectSecrets({ module: 'probe', config: { username: USER, password: secret } }, probe);
    assert.equal(
      scrubText(`bad login: username=${encodeURIComponent(USER)}&password=LL+PASS+0123456789%21 (code 3004)`, secrets),
      'bad login: username=analyst%40example.org&password=[REDACTED] (code 3004)',
    );
    assert.equal(scrubText('nothing to hide', secrets), 'nothing to hide');
  });

  test('a huge value under a secret name costs only its plain spellings', () => {
    const huge = 'k'.repeat(100_000) + ' !';
    const registry = new SecretRegistry();
    registry.add([huge]);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) registry.scrub('{"level":30,"msg":"query"}');
    assert.ok(performance.now() - started < 1000);
    assert.equal(registry.scrub(`x ${huge} y`), 'x [REDACTED] y');
  });

  test('the detector pattern is linear enough for long log lines', () => {
    const pattern = anySpelling('ab\\\\"cd');
    const started = performance.now();
    pattern.exec('\\'.repeat(20_000));
    assert.ok(performance.now() - started < 2000);
  });
});
