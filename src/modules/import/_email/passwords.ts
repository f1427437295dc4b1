/**
 * Candidate passwords for encrypted zip attachments (upstream's
 * get_zip_passwords): usual malware and weak passwords, strings quoted or
 * bracketed in the body or subject, and every word of them.
 */
import { decodeText } from './charset.js';
import { htmlTextRuns } from './html.js';
import type { MimePart } from './mime.js';

const MALWARE_PASSWORDS = ['infected', 'malware'];
const COMMON_PASSWORDS = [
  '123456', 'password', '12345678', 'qwerty', 'abc123', '123456789', '111111', '1234567', 'iloveyou', 'adobe123',
  '123123', 'sunshine', '1234567890', 'letmein', '1234', 'monkey', 'shadow', 'sunshine', '12345', 'password1',
  'princess', 'azerty', 'trustno1', '000000',
];
const MARKERS: ReadonlyArray<readonly [string, string]> = [["'", "'"], ['"', '"'], ['[', ']'], ['(', ')']];

function* walk(part: MimePart): Generator<MimePart> {
  yield part;
  for (const child of part.parts ?? []) yield* walk(child);
}

const escape = (c: string): string => c.replace(/[[\]()\\^$.|?*+{}]/g, '\\$&');

/** The candidates, in upstream's order, without duplicates (order matters: the first that works wins). */
export function zipPasswordCandidates(message: MimePart): string[] {
  const body: string[] = [];
  for (const part of walk(message)) {
    const type = part.contentType();
    if (type === 'text/plain') body.push(decodeText(part.payload(), part.charset() ?? 'utf-8', 'ignore'));
    else if (type === 'text/html') {
      const payload = part.payload();
      if (payload.length) body.push(...htmlTextRuns(decodeText(payload, part.charset() ?? 'utf-8', 'ignore')));
    }
  }
  let raw = body.join('\n').trim();
  const subject = message.get('subject');
  if (subject !== undefined) raw += ` ${subject}`;

  const candidates = [...MALWARE_PASSWORDS, ...COMMON_PASSWORDS];
  for (const [open, close] of MARKERS) {
    const re = new RegExp(`${escape(open)}([^${escape(close)}]*)${escape(close)}`, 'g');
    for (const m of raw.matchAll(re)) candidates.push(m[1]!);
  }
  const words = raw.split(/\s/);
  candidates.push(...words, ...words.map((w) => w.replace(/^[.,;:?!]+|[.,;:?!]+$/g, '')));
  return [...new Set(candidates)];
}
