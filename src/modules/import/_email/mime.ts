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
import { budgetExceeded, CountBudget } from '../../_shared/budget.js';

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

/** The lines of `bytes`, each as [start, end) offsets including its ending; none is materialised in advance. */
function* lineSpans(bytes: Uint8Array): Generator<[number, number]> {
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      yield [start, i + 1];
      start = i + 1;
    }
  }
  if (start < bytes.length) yield [start, bytes.length];
}

/**
 * What one message may make the parser build (issue 13: 3,000 nested
 * multiparts in 210 KB filled a 1 GB heap; 50,000 parts in 9.6 MB made a
 * 138 MB answer). Python's email package has no such caps; its recursion
 * limit stops nesting near 1,000.
 */
export const MAX_MIME_DEPTH = 50;
export const MAX_MIME_PARTS = 2_000;
export const MAX_HEADER_LINES = 100_000;

/** The budgets of one message's parse, shared by all its parts. */
export class MimeBudget {
  readonly parts = new CountBudget(MAX_MIME_PARTS, 'MIME parts', 'one e-mail');
  readonly headers = new CountBudget(MAX_HEADER_LINES, 'header lines', 'one e-mail');

  enter(depth: number): void {
    if (depth > MAX_MIME_DEPTH) throw budgetExceeded('The e-mail', MAX_MIME_DEPTH, 'levels of nested multiparts', 'one e-mail');
    this.parts.take(1, 'The e-mail');
  }
}

const isBlank = (line: Uint8Array): boolean => line.length === 0 || (line.length <= 2 && line.every((b) => b === 0x0d || b === 0x0a));
const stripEol = (text: string): string => text.replace(/\r?\n$|\r$/, '');

export class MimePart {
  readonly headers: RawHeader[];
  /** Raw body bytes (for a multipart, everything after the headers). */
  readonly body: Uint8Array;
  /** Sub-parts of a multipart whose boundary was found, else undefined. */
  readonly parts: MimePart[] | undefined;

  private constructor(headers: RawHeader[], body: Uint8Array, defaultType: string, budget: MimeBudget, depth: number) {
    this.headers = headers;
    this.body = body;
    this.defaultType = defaultType;
    this.parts = this.#splitMultipart(budget, depth);
  }

  private readonly defaultType: string;

  /**
   * Parses a message (or a part of one, `depth` levels down). Parts are
   * views of `bytes`, never copies, and the message's budget of depth,
   * parts and header lines is checked as they are found.
   */
  static parse(bytes: Uint8Array, defaultType = 'text/plain', budget = new MimeBudget(), depth = 0): MimePart {
    budget.enter(depth);
    const headers: RawHeader[] = [];
    let offset = 0;
    let first = true;
    for (const [start, end] of lineSpans(bytes)) {
      const line = bytes.subarray(start, end);
      if (first) {
        first = false;
        if (Buffer.from(line.subarray(0, 5)).toString('latin1') === 'From ') {
          offset = end; // mbox "From " line
          continue;
        }
      }
      if (isBlank(line)) {
        offset = end;
        break;
      }
      const text = headerText(line);
      if ((text[0] === ' ' || text[0] === '\t') && headers.length > 0) {
        headers[headers.length - 1]!.value += stripEol(text);
        offset = end;
        continue;
      }
      if (!HEADER_LINE.test(text)) break; // no blank line before the body
      budget.headers.take(1, 'The e-mail');
      const colon = text.indexOf(':');
      headers.push({ name: text.slice(0, colon), value: stripEol(text.slice(colon + 1)).replace(/^[ \t]+/, '') });
      offset = end;
    }
    for (const h of headers) h.value = h.value.replace(/\r?\n|\r/g, '');
    return new MimePart(headers, bytes.subarray(offset), defaultType, budget, depth);
  }

  #splitMultipart(budget: MimeBudget, depth: number): MimePart[] | undefined {
    if (!this.contentType().startsWith('multipart/')) return undefined;
    const boundary = this.boundary();
    if (!boundary) return undefined;
    const delimiter = `--${boundary}`;
    const body = this.body;
    const parts: MimePart[] = [];
    // The lines of the part being read: [start, end) in body, and where its last line starts.
    let current: { start: number; end: number; lastLine: number } | undefined;
    let found = false;
    const childType = this.contentType() === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    const finish = ({ start, end, lastLine }: { start: number; end: number; lastLine: number }): void => {
      // The line break before a delimiter belongs to the delimiter.
      const at = (i: number): number | undefined => (i >= lastLine && i < end ? body[i] : undefined);
      const cut = at(end - 2) === 0x0d && at(end - 1) === 0x0a ? 2 : at(end - 1) === 0x0a || at(end - 1) === 0x0d ? 1 : 0;
      parts.push(MimePart.parse(body.subarray(start, end - cut), childType, budget, depth + 1));
    };
    for (const [start, end] of lineSpans(body)) {
      // Only a line starting with "--" can be a delimiter.
      if (body[start] === 0x2d && body[start + 1] === 0x2d) {
        const text = Buffer.from(body.subarray(start, end)).toString('latin1').replace(/[ \t]*(\r\n|\r|\n)?$/, '');
        if (text === delimiter || text === `${delimiter}--`) {
          found = true;
          if (current) finish(current);
          if (text.endsWith('--') && text !== delimiter) {
            current = undefined;
            break;
          }
          current = { start: end, end, lastLine: end };
          continue;
        }
      }
      if (current) {
        current.lastLine = start;
        current.end = end;
      }
    }
    if (current && current.end > current.start) finish(current);
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
  // Decoding only shrinks: one buffer of the input's size (an array of numbers cost 8 bytes a byte).
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x3d) {
      out[n++] = b;
      continue;
    }
    const next = bytes[i + 1];
    const after = bytes[i + 2];
    if (next === 0x0d && after === 0x0a) i += 2; // soft line break
    else if (next === 0x0a) i += 1;
    else {
      const hex = next !== undefined && after !== undefined ? String.fromCharCode(next, after) : '';
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out[n++] = parseInt(hex, 16);
        i += 2;
      } else out[n++] = b;
    }
  }
  return out.slice(0, n);
}
