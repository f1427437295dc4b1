/**
 * A MIME parser with the semantics of Python's email package under
 * policy.default (what PyMISP's EMailObject relies on): header unfolding and
 * decoding, multipart splitting, get_body(), iter_attachments(),
 * get_content() and get_filename().
 */
import { addressPairs, formatAddressHeader, parseAddressHeader } from './addresses.js';
import { decodeText } from './charset.js';
import { formatMailDate, parseMailDate } from './dates.js';
import { decodeEncodedWords } from './encoded-words.js';
import { parseHeaderParams, type ParsedHeaderValue } from './params.js';

export interface RawHeader {
  name: string;
  /** The value as Python's header_fetch_parse sees it: first line lstripped, line breaks removed. */
  value: string;
}

const ADDRESS_HEADERS = new Set(['from', 'to', 'cc', 'bcc', 'reply-to', 'sender', 'resent-from', 'resent-to', 'resent-cc', 'resent-bcc', 'resent-sender']);
const DATE_HEADERS = new Set(['date', 'resent-date', 'orig-date']);
const RAW_HEADERS = new Set(['content-type', 'content-disposition', 'content-transfer-encoding', 'mime-version', 'message-id']);
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+:/;
const BODY_TYPES = new Set(['text/plain', 'text/html', 'multipart/related', 'multipart/alternative']);

/** Bytes of a header line as text: UTF-8 when valid (Python recovers it the same way), else Latin-1. */
function headerText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}

/** Splits into lines, keeping each line's ending. */
function lines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    } else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

const isBlank = (line: Uint8Array): boolean => line.length === 0 || (line.length <= 2 && line.every((b) => b === 0x0d || b === 0x0a));
const stripEol = (text: string): string => text.replace(/\r?\n$|\r$/, '');

export class MimePart {
  readonly headers: RawHeader[];
  /** Raw body bytes (for a multipart, everything after the headers). */
  readonly body: Uint8Array;
  /** Sub-parts of a multipart whose boundary was found, else undefined. */
  readonly parts: MimePart[] | undefined;

  private constructor(headers: RawHeader[], body: Uint8Array, defaultType: string) {
    this.headers = headers;
    this.body = body;
    this.defaultType = defaultType;
    this.parts = this.#splitMultipart();
  }

  private readonly defaultType: string;

  static parse(bytes: Uint8Array, defaultType = 'text/plain'): MimePart {
    const all = lines(bytes);
    const headers: RawHeader[] = [];
    let i = 0;
    if (all[0] && Buffer.from(all[0].subarray(0, 5)).toString('latin1') === 'From ') i = 1; // mbox "From " line
    for (; i < all.length; i++) {
      const line = all[i]!;
      if (isBlank(line)) {
        i++;
        break;
      }
      const text = headerText(line);
      if ((text[0] === ' ' || text[0] === '\t') && headers.length > 0) {
        headers[headers.length - 1]!.value += stripEol(text);
        continue;
      }
      if (!HEADER_LINE.test(text)) break; // no blank line before the body
      const colon = text.indexOf(':');
      headers.push({ name: text.slice(0, colon), value: stripEol(text.slice(colon + 1)).replace(/^[ \t]+/, '') });
    }
    const offset = all.slice(0, i).reduce((n, l) => n + l.length, 0);
    for (const h of headers) h.value = h.value.replace(/\r?\n|\r/g, '');
    return new MimePart(headers, bytes.subarray(Math.min(offset, bytes.length)), defaultType);
  }

  #splitMultipart(): MimePart[] | undefined {
    if (!this.contentType().startsWith('multipart/')) return undefined;
    const boundary = this.boundary();
    if (!boundary) return undefined;
    const delimiter = `--${boundary}`;
    const parts: MimePart[] = [];
    let current: Uint8Array[] | undefined;
    let found = false;
    const childType = this.contentType() === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    const finish = (chunks: Uint8Array[]): void => {
      // The line break before a delimiter belongs to the delimiter.
      const last = chunks[chunks.length - 1];
      if (last) {
        const text = Buffer.from(last);
        const cut = text.length - (text.at(-2) === 0x0d && text.at(-1) === 0x0a ? 2 : text.at(-1) === 0x0a || text.at(-1) === 0x0d ? 1 : 0);
        chunks[chunks.length - 1] = last.subarray(0, cut);
      }
      parts.push(MimePart.parse(Buffer.concat(chunks), childType));
    };
    for (const line of lines(this.body)) {
      const text = Buffer.from(line).toString('latin1').replace(/[ \t]*(\r\n|\r|\n)?$/, '');
      if (text === delimiter || text === `${delimiter}--`) {
        found = true;
        if (current) finish(current);
        if (text.endsWith('--') && text !== delimiter) {
          current = undefined;
          break;
        }
        current = [];
        continue;
      }
      current?.push(line);
    }
    if (current && current.length) finish(current);
    return found ? parts : undefined;
  }

  /** The value of the first header with that name, as str(msg[name]) gives it. */
  get(name: string): string | undefined {
    const header = this.headers.find((h) => h.name.toLowerCase() === name.toLowerCase());
    return header ? headerString(header) : undefined;
  }

  getAll(name: string): string[] {
    return this.headers.filter((h) => h.name.toLowerCase() === name.toLowerCase()).map(headerString);
  }

  has(name: string): boolean {
    return this.headers.some((h) => h.name.toLowerCase() === name.toLowerCase());
  }

  raw(name: string): string | undefined {
    return this.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
  }

  /** `"Name: value"` for every header, in order (EMailObject's `header` attribute). */
  headerLines(): string[] {
    return this.headers.map((h) => `${h.name}: ${headerString(h)}`);
  }

  #parsed(header: string): ParsedHeaderValue | undefined {
    const raw = this.raw(header);
    return raw === undefined ? undefined : parseHeaderParams(raw);
  }

  contentType(): string {
    const value = this.#parsed('content-type')?.value ?? '';
    return /^[^/\s]+\/[^/\s]+$/.test(value) ? value : this.defaultType;
  }

  param(name: string, header = 'content-type'): string | undefined {
    return this.#parsed(header)?.params.get(name.toLowerCase());
  }

  boundary(): string | undefined {
    return this.param('boundary');
  }

  charset(): string | undefined {
    return this.param('charset');
  }

  isAttachment(): boolean {
    return this.#parsed('content-disposition')?.value === 'attachment';
  }

  filename(): string | undefined {
    const name = this.param('filename', 'content-disposition') ?? this.param('name', 'content-type');
    return name === undefined ? undefined : name.trim();
  }

  /** get_payload(decode=True): the body with its transfer encoding undone. */
  payload(): Uint8Array {
    const cte = (this.raw('content-transfer-encoding') ?? '').trim().toLowerCase();
    if (cte === 'base64') return Buffer.from(Buffer.from(this.body).toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
    if (cte === 'quoted-printable') return decodeQuotedPrintable(this.body);
    return this.body;
  }

  /** get_content(): text for text/*, bytes for the rest. */
  content(): string | Uint8Array {
    if (this.contentType().startsWith('text/')) return decodeText(this.payload(), this.charset() ?? 'ascii', 'replace');
    return this.payload();
  }

  /** get_body(preferencelist). */
  getBody(preferences: readonly string[]): MimePart | undefined {
    let best = preferences.length;
    let body: MimePart | undefined;
    for (const [priority, part] of this.#findBody(this, preferences)) {
      if (priority < best) {
        best = priority;
        body = part;
        if (priority === 0) break;
      }
    }
    return body;
  }

  *#findBody(part: MimePart, preferences: readonly string[]): Generator<[number, MimePart]> {
    if (part.isAttachment()) return;
    const [main, sub = ''] = part.contentType().split('/');
    if (main === 'text') {
      if (preferences.includes(sub)) yield [preferences.indexOf(sub), part];
      return;
    }
    if (main !== 'multipart' || !part.parts) return;
    if (sub !== 'related') {
      for (const child of part.parts) yield* this.#findBody(child, preferences);
      return;
    }
    if (preferences.includes('related')) yield [preferences.indexOf('related'), part];
    const start = part.param('start');
    const candidate = (start && part.parts.find((p) => p.get('content-id') === start)) || part.parts[0];
    if (candidate) yield* this.#findBody(candidate, preferences);
  }

  /** iter_attachments(): the top-level parts that are not the body. */
  attachments(): MimePart[] {
    const [main, sub] = this.contentType().split('/');
    if (main !== 'multipart' || sub === 'alternative' || !this.parts) return [];
    const parts = [...this.parts];
    if (sub === 'related') {
      const start = this.param('start');
      if (start && parts.some((p) => p.get('content-id') === start)) return parts.filter((p) => p.get('content-id') !== start);
      return parts.slice(1);
    }
    const seen: string[] = [];
    return parts.filter((part) => {
      const type = part.contentType();
      const subtype = type.split('/')[1] ?? '';
      if (BODY_TYPES.has(type) && !part.isAttachment() && !seen.includes(subtype)) {
        seen.push(subtype);
        return false;
      }
      return true;
    });
  }
}

function headerString(header: RawHeader): string {
  const name = header.name.toLowerCase();
  if (ADDRESS_HEADERS.has(name)) return formatAddressHeader(parseAddressHeader(header.value));
  if (DATE_HEADERS.has(name)) {
    const date = parseMailDate(header.value);
    return date ? formatMailDate(date) : header.value;
  }
  if (RAW_HEADERS.has(name)) return header.value;
  return decodeEncodedWords(header.value);
}

export { addressPairs };

export function decodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x3d) {
      out.push(b);
      continue;
    }
    const next = bytes[i + 1];
    const after = bytes[i + 2];
    if (next === 0x0d && after === 0x0a) i += 2; // soft line break
    else if (next === 0x0a) i += 1;
    else {
      const hex = next !== undefined && after !== undefined ? String.fromCharCode(next, after) : '';
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 2;
      } else out.push(b);
    }
  }
  return Uint8Array.from(out);
}
