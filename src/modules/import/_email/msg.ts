/**
 * Outlook .msg → an equivalent .eml, as PyMISP's EMailObject does with
 * extract_msg: the transport headers (or headers made from the message's
 * properties when there are none), the plain and HTML bodies as
 * alternatives, then the attachments. RTF-only bodies are not converted.
 */
import MsgReaderModule from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import { randomBytes } from 'node:crypto';
import { decodeText } from './charset.js';
import { MimePart } from './mime.js';
import { EMAIL_MESSAGES } from './messages.js';

type MsgReaderClass = typeof import('@kenjiuno/msgreader').default;
const MsgReader = ((MsgReaderModule as unknown as { default?: MsgReaderClass }).default ?? MsgReaderModule) as MsgReaderClass;

export const CFB_MAGIC = Buffer.from('d0cf11e0a1b11ae1', 'hex');

const DROPPED_HEADERS = /^(content-type|content-transfer-encoding|mime-version|content-disposition):/i;
// Windows code pages of PidTagInternetCodepage that matter for HTML bodies.
const CODEPAGES: Readonly<Record<number, string>> = {
  1200: 'utf-16le', 1250: 'windows-1250', 1251: 'windows-1251', 1252: 'windows-1252', 1253: 'windows-1253', 1254: 'windows-1254',
  1255: 'windows-1255', 1256: 'windows-1256', 1257: 'windows-1257', 1258: 'windows-1258', 20127: 'ascii', 28591: 'latin1',
  28592: 'iso-8859-2', 28605: 'iso-8859-15', 50220: 'iso-2022-jp', 51932: 'euc-jp', 932: 'shift_jis', 936: 'gbk', 949: 'euc-kr',
  950: 'big5', 65001: 'utf-8', 20866: 'koi8-r',
};

const encodeWord = (text: string): string => (/^[\x20-\x7e]*$/.test(text) ? text : `=?utf-8?b?${Buffer.from(text, 'utf8').toString('base64')}?=`);
const base64Lines = (data: Uint8Array): string => Buffer.from(data).toString('base64').replace(/.{1,76}/g, '$&\r\n');

function quoteName(name: string): string {
  return /[()<>@,:;."[\]]/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : encodeWord(name);
}

function synthesisedHeaders(data: FieldsData): string[] {
  const headers: string[] = [];
  if (data.senderEmail || data.senderName) {
    headers.push(`From: ${data.senderName ? `${quoteName(data.senderName)} ` : ''}<${data.senderEmail ?? ''}>`);
  }
  for (const kind of ['to', 'cc', 'bcc'] as const) {
    const list = (data.recipients ?? []).filter((r) => r.recipType === kind);
    if (list.length) {
      const label = kind === 'to' ? 'To' : kind === 'cc' ? 'Cc' : 'Bcc';
      headers.push(`${label}: ${list.map((r) => `${r.name ? `${quoteName(r.name)} ` : ''}<${r.email ?? ''}>`).join(', ')}`);
    }
  }
  if (data.subject) headers.push(`Subject: ${encodeWord(data.subject)}`);
  const date = data.clientSubmitTime ?? data.messageDeliveryTime ?? data.creationTime;
  if (date) headers.push(`Date: ${new Date(date).toUTCString().replace('GMT', '+0000')}`);
  if (data.messageId) headers.push(`Message-ID: ${data.messageId}`);
  return headers;
}

/** The converted message, and the .eml bytes it was parsed from. */
export function msgToEml(bytes: Uint8Array): { eml: Uint8Array; message: MimePart } {
  let reader: InstanceType<MsgReaderClass>;
  let data: FieldsData;
  try {
    reader = new MsgReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    data = reader.getFileData();
  } catch (error) {
    throw EMAIL_MESSAGES.error('badMsg', { reason: error instanceof Error ? error.message : String(error) });
  }
  if (data.error) throw EMAIL_MESSAGES.error('badMsg', { reason: data.error });

  const transport = (data.headers ?? '').replace(/\r?\n/g, '\r\n').trim();
  const original = transport ? MimePart.parse(Buffer.from(`${transport}\r\n\r\n`, 'utf8')) : undefined;
  const headerBlock = transport
    ? transport.split(/\r\n(?![ \t])/).filter((h) => !DROPPED_HEADERS.test(h))
    : synthesisedHeaders(data);
  const boundary = original?.boundary() ?? `----=_msg_${randomBytes(8).toString('hex')}`;
  const alternative = `${boundary}_alt`;

  const bodies: string[] = [];
  if (data.body !== undefined) {
    bodies.push(`Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(Buffer.from(data.body, 'utf8'))}`);
  }
  const html = data.html ? decodeText(data.html, CODEPAGES[data.internetCodepage ?? 0] ?? 'utf-8') : data.bodyHtml;
  if (html !== undefined) {
    bodies.push(`Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(Buffer.from(html, 'utf8'))}`);
  }
  const attachments: string[] = [];
  for (const attachment of data.attachments ?? []) {
    let content: Uint8Array;
    let name: string;
    try {
      const extracted = reader.getAttachment(attachment);
      content = extracted.content;
      name = extracted.fileName || attachment.fileName || attachment.fileNameShort || '';
    } catch {
      continue;
    }
    const type = attachment.attachMimeTag && /^[\w.+-]+\/[\w.+-]+$/.test(attachment.attachMimeTag) ? attachment.attachMimeTag : 'application/octet-stream';
    const filename = name ? `; filename*=utf-8''${encodeURIComponent(name)}` : '';
    const cid = attachment.pidContentId ? `Content-ID: <${attachment.pidContentId}>\r\n` : '';
    attachments.push(`Content-Type: ${type}\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment${filename}\r\n${cid}\r\n${base64Lines(content)}`);
  }

  let mime: string;
  if (attachments.length === 0 && bodies.length <= 1) {
    mime = bodies[0] ?? 'Content-Type: text/plain; charset="utf-8"\r\n\r\n';
  } else {
    const alt = bodies.length > 1
      ? [`Content-Type: multipart/alternative; boundary="${alternative}"\r\n\r\n${bodies.map((b) => `--${alternative}\r\n${b}`).join('\r\n')}\r\n--${alternative}--\r\n`]
      : bodies;
    mime = `Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${[...alt, ...attachments].map((p) => `--${boundary}\r\n${p}`).join('\r\n')}\r\n--${boundary}--\r\n`;
  }
  const eml = Buffer.from(`${[...headerBlock, 'MIME-Version: 1.0'].join('\r\n')}\r\n${mime}`, 'utf8');
  return { eml, message: MimePart.parse(eml) };
}
