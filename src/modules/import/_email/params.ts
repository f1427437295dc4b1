/**
 * MIME header parameters (Content-Type, Content-Disposition): quoted values,
 * RFC 2231 continuations and charsets (`filename*0*=utf-8''…`), and encoded
 * words inside quoted values (common in the wild, decoded by Python too).
 */
import { decodeText } from './charset.js';
import { decodeEncodedWords } from './encoded-words.js';

export interface ParsedHeaderValue {
  /** The part before the first ";" (lower-cased). */
  value: string;
  params: Map<string, string>;
}

function splitParams(raw: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ';' && !quoted) {
      out.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  out.push(raw.slice(start));
  return out;
}

function percentDecode(text: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return decodeText(Uint8Array.from(bytes), charset || 'us-ascii');
}

export function parseHeaderParams(raw: string): ParsedHeaderValue {
  const [first = '', ...rest] = splitParams(raw);
  const plain = new Map<string, string>();
  // name → sections (index → {value, encoded})
  const continued = new Map<string, Map<number, { value: string; encoded: boolean }>>();
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    let name = item.slice(0, eq).trim().toLowerCase();
    let value = item.slice(eq + 1).trim();
    const wasQuoted = value.startsWith('"');
    if (wasQuoted) value = value.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1');
    const m = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(name);
    if (!m) continue;
    name = m[1]!;
    if (m[2] === undefined && !m[3]) {
      if (!plain.has(name)) plain.set(name, wasQuoted || value.includes('=?') ? decodeEncodedWords(value) : value);
      continue;
    }
    const sections = continued.get(name) ?? new Map<number, { value: string; encoded: boolean }>();
    continued.set(name, sections);
    sections.set(Number(m[2] ?? 0), { value, encoded: Boolean(m[3]) });
  }
  const params = new Map(plain);
  for (const [name, sections] of continued) {
    const ordered = [...sections.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
    let charset = '';
    let text = '';
    ordered.forEach((section, i) => {
      let value = section.value;
      if (i === 0 && section.encoded) {
        const parts = value.split("'");
        if (parts.length >= 3) {
          charset = parts[0]!;
          value = parts.slice(2).join("'");
        }
      }
      text += section.encoded ? percentDecode(value, charset) : value;
    });
    params.set(name, text);
  }
  return { value: first.trim().toLowerCase(), params };
}
