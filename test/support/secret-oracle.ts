/**
 * A test's own detector of a secret in text, in any spelling: each
 * character may be written as is, percent-encoded (either hex case; `+` for a
 * space), as a JSON escape (`\u00e9`, `\"`, `\/`, escaped once or twice) or
 * as an HTML character reference, independently of its neighbours. It is
 * deliberately written apart from src/core/secret-spellings.ts, and looser
 * (mixed spellings too), so that it can catch what the scrubber misses.
 */

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** `[aA]` for hex letters: hex digits in either case, the rest of the pattern case-sensitive. */
function anyCaseHex(digits: string): string {
  return [...digits].map((d) => (/[a-f]/i.test(d) ? `[${d.toLowerCase()}${d.toUpperCase()}]` : d)).join('');
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** One or three backslashes: a JSON escape, once or twice JSON-escaped. */
const JSON_BACKSLASH = '(?:\\\\|\\\\\\\\\\\\)';

const SHORT_JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', '\n': 'n', '\r': 'r', '\t': 't', '\b': 'b', '\f': 'f' };
const NAMED_ENTITIES: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };

function characterPattern(ch: string): string {
  const alternatives = [escapeRegex(ch)];
  if (ch === ' ') alternatives.push('\\+');
  alternatives.push([...Buffer.from(ch, 'utf8')].map((byte) => `%${anyCaseHex(hex(byte, 2))}`).join(''));
  const units = Array.from({ length: ch.length }, (_, i) => ch.charCodeAt(i));
  alternatives.push(units.map((unit) => `${JSON_BACKSLASH}u${anyCaseHex(hex(unit, 4))}`).join(''));
  const short = SHORT_JSON_ESCAPES[ch];
  if (short !== undefined) {
    alternatives.push(`${JSON_BACKSLASH}${escapeRegex(short)}`);
  }
  const codePoint = ch.codePointAt(0)!;
  alternatives.push(`&#0*${codePoint};`, `&#[xX]0*${anyCaseHex(hex(codePoint, 1))};`);
  if (NAMED_ENTITIES[ch]) alternatives.push(`&${NAMED_ENTITIES[ch]};`);
  return `(?:${alternatives.join('|')})`;
}

const compiled = new Map<string, RegExp>();

/** A pattern matching `secret` in any mix of its characters' spellings. */
export function anySpelling(secret: string): RegExp {
  let pattern = compiled.get(secret);
  if (!pattern) {
    if (compiled.size > 500) compiled.clear();
    pattern = new RegExp([...secret].map(characterPattern).join(''));
    compiled.set(secret, pattern);
  }
  return pattern;
}

/** The first spelling of any of `secrets` found in `text`, or undefined. */
export function findSecret(text: string, secrets: readonly string[]): string | undefined {
  for (const secret of secrets) {
    const found = anySpelling(secret).exec(text);
    if (found) return `${JSON.stringify(secret)} spelled ${JSON.stringify(found[0])}`;
  }
  return undefined;
}
