/**
 * Address headers (From, To, Cc, …): parsed into (display name, address)
 * pairs as email.utils.getaddresses returns them from Python's
 * policy.default header objects, and written back the way str(header) does.
 */
import { decodeEncodedWords } from './encoded-words.js';

export interface Mailbox {
  name: string;
  address: string;
}

export interface AddressGroup {
  /** Undefined for a plain mailbox outside any group. */
  group?: string;
  mailboxes: Mailbox[];
}

/** Splits on `separator` outside quotes, comments and angle brackets. */
function splitTopLevel(value: string, separators: string): Array<{ text: string; sep: string }> {
  const out: Array<{ text: string; sep: string }> = [];
  let depth = 0;
  let quoted = false;
  let angle = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (depth > 0) {
      if (c === '\\') i++;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === '<') angle = true;
    else if (c === '>') angle = false;
    else if (!angle && separators.includes(c)) {
      out.push({ text: value.slice(start, i), sep: c });
      start = i + 1;
    }
  }
  out.push({ text: value.slice(start), sep: '' });
  return out;
}

const stripComments = (text: string): string => {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') quoted = false;
    } else if (c === '"' && depth === 0) {
      quoted = true;
      out += c;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
};

function phrase(text: string): string {
  // Quoted parts lose their quotes; encoded words are decoded in both.
  let out = '';
  for (const part of text.split(/("(?:[^"\\]|\\.)*")/)) {
    if (part.startsWith('"') && part.endsWith('"') && part.length >= 2) out += decodeEncodedWords(part.slice(1, -1).replace(/\\(.)/g, '$1'));
    else out += decodeEncodedWords(part);
  }
  return out.replace(/\s+/g, ' ').trim();
}

function mailbox(text: string): Mailbox | undefined {
  const clean = stripComments(text).trim();
  if (!clean) return undefined;
  const angle = /<([^>]*)>?\s*$/.exec(clean);
  if (angle) {
    const address = angle[1]!.replace(/^(@[^:]*:)/, '').replace(/\s+/g, '');
    return { name: phrase(clean.slice(0, angle.index)), address };
  }
  return { name: '', address: clean.replace(/\s+/g, '').replace(/^"(.*)"$/, '$1') };
}

/** The groups and mailboxes of an address header's raw value. */
export function parseAddressHeader(raw: string): AddressGroup[] {
  const groups: AddressGroup[] = [];
  let current: AddressGroup | undefined;
  for (const { text, sep } of splitTopLevel(raw, ',:;')) {
    if (sep === ':' && !current && !/[<@]/.test(text)) {
      current = { group: phrase(text), mailboxes: [] };
      groups.push(current);
      continue;
    }
    const box = mailbox(sep === ':' ? `${text}:` : text);
    if (box) {
      if (current) current.mailboxes.push(box);
      else groups.push({ mailboxes: [box] });
    }
    if (sep === ';') current = undefined;
  }
  return groups;
}

const SPECIALS = /[()<>@,:;."[\]]/;
const quote = (text: string): string => `"${text.replace(/(["\\])/g, '\\$1')}"`;

/** An address Python's parser rejects (two unquoted "@"). */
export function isBrokenAddress(address: string): boolean {
  return address.replace(/"[^"]*"/g, '').split('@').length > 2;
}

function formatMailbox(box: Mailbox): string {
  if (isBrokenAddress(box.address)) return '<>';
  if (!box.name) return box.address;
  return `${SPECIALS.test(box.name) ? quote(box.name) : box.name} <${box.address}>`;
}

/** str(header) of a policy.default address header. */
export function formatAddressHeader(groups: readonly AddressGroup[]): string {
  return groups
    .map((g) => (g.group === undefined ? g.mailboxes.map(formatMailbox).join(', ') : `${SPECIALS.test(g.group) ? quote(g.group) : g.group}: ${g.mailboxes.map(formatMailbox).join(', ')};`))
    .join(', ');
}

/** email.utils.getaddresses on such a header: every mailbox, groups flattened. */
export function addressPairs(raw: string): Mailbox[] {
  return parseAddressHeader(raw).flatMap((g) => g.mailboxes);
}
