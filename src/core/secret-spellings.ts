/**
 * Every way a secret can be spelled in text that reaches an answer or a log
 * line. Modules send secrets upstream in headers (as is, or base64 for Basic
 * auth: collectSecrets adds those values), in query strings and form bodies
 * (application/x-www-form-urlencoded: `+` for a space, `%21` for `!`…), in
 * URL paths (encodeURIComponent) and in JSON bodies; an upstream that echoes
 * the request may re-encode it in its own style (Python's quote_plus keeps
 * `~`, PHP escapes `/` in JSON, Python's json escapes non-ASCII as `\u00e9`,
 * hex digits in either case) or escape it for HTML. And the log line itself
 * is JSON, so each of these may appear JSON-escaped once more.
 */

/** Shorter spellings are not scrubbed: replacing every "1" or "no" would garble logs. */
export const MIN_SECRET_LENGTH = 4;

/**
 * Secrets longer than this get only the cheap spellings (as is, JSON-escaped,
 * URI component): no real credential is this long, and a huge value must not
 * cost dozens of copies of itself on every log line.
 */
const MAX_SPELLED_LENGTH = 512;

/** What each percent-encoder leaves as it is. */
const KEEP_SETS: readonly RegExp[] = [
  // RFC 3986 unreserved: Python's quote(safe='') and quote_plus.
  /^[A-Za-z0-9\-._~]$/,
  // encodeURIComponent.
  /^[A-Za-z0-9\-._~!'()*]$/,
  // WHATWG application/x-www-form-urlencoded (URLSearchParams, our query strings and form bodies).
  /^[A-Za-z0-9\-._*]$/,
  // Python's quote() with its default safe='/', and encodeURI-style path encoders.
  /^[A-Za-z0-9\-._~/]$/,
];

const utf8 = new TextEncoder();

function percentEncode(secret: string, keep: RegExp, space: string, lowerHex: boolean): string {
  let out = '';
  for (const ch of secret) {
    if (ch === ' ') out += space;
    else if (keep.test(ch)) out += ch;
    else {
      for (const byte of utf8.encode(ch)) {
        const hex = byte.toString(16).padStart(2, '0');
        out += `%${lowerHex ? hex : hex.toUpperCase()}`;
      }
    }
  }
  return out;
}

function percentSpellings(secret: string): string[] {
  const out: string[] = [];
  for (const keep of KEEP_SETS) {
    for (const space of ['+', '%20']) {
      for (const lowerHex of [false, true]) out.push(percentEncode(secret, keep, space, lowerHex));
    }
  }
  return out;
}

/** The inside of a JSON string literal, as JSON.stringify writes it. */
export function jsonEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** JSON escapes as other encoders write them: non-ASCII as \uXXXX (either hex case), `/` as `\/`. */
function jsonSpellings(secret: string): string[] {
  const plain = jsonEscape(secret);
  const asciiOnly = (upper: boolean) =>
    plain.replace(/[^\x20-\x7e]/g, (ch) => {
      const hex = ch.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
  const forms = [plain, asciiOnly(false), asciiOnly(true)];
  return [...forms, ...forms.map((form) => form.replace(/\//g, '\\/'))];
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function htmlSpellings(secret: string): string[] {
  const named = secret.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]!);
  return [named, named.replace(/&#39;/g, '&#x27;')];
}

/**
 * The distinct spellings of `secret` worth scrubbing, longest first (so a
 * longer spelling is replaced whole before a shorter one could cut into it).
 */
export function secretSpellings(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const base =
    secret.length > MAX_SPELLED_LENGTH
      ? [secret, encodeURIComponent(secret)]
      : [secret, ...percentSpellings(secret), ...jsonSpellings(secret), ...htmlSpellings(secret)];
  // Each spelling may itself sit inside a JSON string (a JSON log line, a JSON error body).
  const all = new Set<string>();
  for (const form of base) {
    all.add(form);
    all.add(jsonEscape(form));
  }
  return [...all].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}
