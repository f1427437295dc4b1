/**
 * The `email` object PyMISP's EMailObject builds from a message: the original
 * file, bodies, all headers, date, addresses with display names, subject,
 * ids, mailer, MIME boundary, and public hosts/IPs from Received headers.
 */
import type { RelationInput } from '../../../misp/standard-result.js';
import type { RelationOf } from '../../../misp/templates/index.js';
import { addressPairs, isBrokenAddress } from './addresses.js';
import { isoMailDate, parseMailDate } from './dates.js';
import type { MimePart } from './mime.js';
import { receivedFindings } from './received.js';

export type EmailRelation = RelationOf<'email'>;

export interface EmailSource {
  message: MimePart;
  /** The .eml bytes (converted from the .msg when `msg` is set). */
  eml: Uint8Array;
  msg?: Uint8Array;
}

type AddressRelation = 'to' | 'from' | 'reply-to' | 'bcc' | 'cc';

function addresses(relation: AddressRelation, raw: string | undefined): Array<RelationInput<EmailRelation>> {
  if (raw === undefined) return [];
  const out: Array<RelationInput<EmailRelation>> = [];
  const names: Array<RelationInput<EmailRelation>> = [];
  for (const { name, address } of addressPairs(raw)) {
    // upstream skips what getaddresses cannot parse (no address, or two unquoted "@")
    if (!address || isBrokenAddress(address)) continue;
    out.push(name ? { relation, value: address, comment: `${name} <${address}>` } : { relation, value: address });
    if (name) names.push({ relation: `${relation}-display-name`, value: name, comment: `${name} <${address}>` });
  }
  return [...out, ...names];
}

export function emailRelations(source: EmailSource): Array<RelationInput<EmailRelation>> {
  const { message } = source;
  const relations: Array<RelationInput<EmailRelation>> = [
    { relation: 'eml', value: 'Full email.eml', data: source.eml, ...(source.msg && { comment: 'Converted from MSG format' }) },
  ];
  if (source.msg) relations.push({ relation: 'msg', value: 'Full email.msg', data: source.msg });

  for (const preference of ['plain', 'html']) {
    const body = message.getBody([preference]);
    if (!body) continue;
    const content = body.content();
    relations.push({ relation: 'email-body', value: typeof content === 'string' ? content : Buffer.from(content).toString('utf8'), comment: `${body.contentType()} body` });
  }
  const headerLines = message.headerLines();
  if (headerLines.length) relations.push({ relation: 'header', value: headerLines.join('\n') });

  const date = message.raw('date');
  const parsedDate = date === undefined ? undefined : parseMailDate(date);
  if (parsedDate) relations.push({ relation: 'send-date', value: isoMailDate(parsedDate) });

  relations.push(...addresses('to', message.raw('to')));
  relations.push(...addresses('to', message.get('delivered-to')));
  relations.push(...addresses('from', message.raw('from')));
  const returnPath = message.get('return-path');
  if (returnPath !== undefined) relations.push({ relation: 'return-path', value: addressPairs(returnPath)[0]?.address });
  relations.push(...addresses('reply-to', message.raw('reply-to')));
  relations.push(...addresses('bcc', message.raw('bcc')));
  relations.push(...addresses('cc', message.raw('cc')));

  const simple: ReadonlyArray<readonly [string, EmailRelation]> = [
    ['subject', 'subject'],
    ['message-id', 'message-id'],
    ['user-agent', 'user-agent'],
  ];
  for (const [header, relation] of simple) {
    const value = message.get(header);
    if (value !== undefined) relations.push({ relation, value });
  }
  const boundary = message.boundary();
  if (boundary) relations.push({ relation: 'mime-boundary', value: boundary });
  for (const [header, relation] of [['x-mailer', 'x-mailer'], ['thread-index', 'thread-index']] as const) {
    const value = message.get(header);
    if (value !== undefined) relations.push({ relation, value });
  }
  for (const finding of receivedFindings(message.getAll('received'))) relations.push(finding);
  return relations;
}

/** Each attachment's name (upstream's "NameMissing.txt" when there is none) and bytes. */
export function emailAttachments(message: MimePart): Array<{ name: string; data: Uint8Array }> {
  return message.attachments().map((part) => {
    const content = part.content();
    return {
      name: part.filename() || 'NameMissing.txt',
      data: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    };
  });
}

const SUBJECT_MARKER = /^\s*(?:(?:\[[^\]]+\]\s*)*)(?:(?:re|fw|fwd|wg|aw|sv|tr|rv|vs)(?:\[\d+\])?\s*:\s*)/i;

/** Strips leading reply/forward markers ("Re:", "[EXT] Fwd:", "AW[2]:"…) from a subject. */
export function removeSubjectMarkers(subject: string): string {
  let cleaned = subject;
  while (SUBJECT_MARKER.test(cleaned)) cleaned = cleaned.replace(SUBJECT_MARKER, '');
  return cleaned.trim();
}
