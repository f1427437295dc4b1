/**
 * Python's `urllib.parse.quote(url, safe=...)`: every UTF-8 byte of a
 * character outside the safe set becomes `%XX`. One difference, on purpose:
 * an existing `%XX` escape is kept, where Python would turn it into `%25XX`
 * and so change the URL.
 */
import { Buffer } from 'node:buffer';

export function quoteUrl(url: string, safe: string): string {
  const keep = (ch: string): boolean => /^[A-Za-z0-9_.~-]$/.test(ch) || (ch.length === 1 && safe.includes(ch));
  let out = '';
  for (let i = 0; i < url.length; ) {
    if (url[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(url.slice(i + 1, i + 3))) {
      out += url.slice(i, i + 3);
      i += 3;
      continue;
    }
    const ch = String.fromCodePoint(url.codePointAt(i)!);
    out += keep(ch) ? ch : [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    i += ch.length;
  }
  return out;
}
