/**
 * Worker task for email_import: parses the message (.eml, or .msg converted
 * to .eml), builds the email object, the attachments (unzipped and
 * password-guessed when asked) and the URLs of the body.
 */
import { MispResultBuilder } from '../../../misp/standard-result.js';
import type { MispStandardResults } from '../../../misp/types.js';
import { isZip } from '../../_shared/archives/detect.js';
import { ArchiveError } from '../../_shared/archives/errors.js';
import { binaryFileRelations } from '../../_shared/archives/file-object.js';
import { ByteBudget } from '../../_shared/archives/limits.js';
import { settle, type TaskOutcome } from '../../_shared/archives/offload.js';
import { requireContent } from '../../_shared/archives/upload.js';
import { ZipArchive } from '../../_shared/archives/zip.js';
import { emailAttachments, emailRelations, removeSubjectMarkers, type EmailSource } from './email-object.js';
import { MimePart } from './mime.js';
import { CFB_MAGIC, msgToEml } from './msg.js';
import { zipPasswordCandidates } from './passwords.js';
import { bodyUrls, urlRelations } from './urls.js';
import { EMAIL_MESSAGES } from './messages.js';

export interface EmailOptions {
  unzipAttachments: boolean;
  guessZipPasswords: boolean;
  extractUrls: boolean;
  removeSubjectMarkers: boolean;
}

export interface EmailTaskInput {
  data: Uint8Array;
  options: EmailOptions;
}

/** Office and OpenDocument formats are zips too; upstream never unzips them. */
const ZIPPED_FORMATS = new Set([
  'doc', 'docx', 'dot', 'dotx', 'xls', 'xlsx', 'xlm', 'xla', 'xlc', 'xlt', 'xltx', 'xlw', 'ppt', 'pptx', 'pps', 'ppsx',
  'pot', 'potx', 'sldx', 'odt', 'ods', 'odp', 'odg', 'odf', 'fodt', 'fods', 'fodp', 'fodg', 'ott', 'uot',
]);
// A message has at least one of these; "Key: value" text alone is not an e-mail.
const MAIL_HEADERS = new Set([
  'from', 'to', 'cc', 'bcc', 'subject', 'date', 'received', 'message-id', 'mime-version', 'content-type', 'return-path',
  'delivered-to', 'reply-to', 'sender', 'x-mailer', 'user-agent', 'thread-index',
]);

const trim = (bytes: Uint8Array): Uint8Array => {
  let start = 0;
  let end = bytes.length;
  const ws = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d);
  while (start < end && ws(bytes[start]!)) start++;
  while (end > start && ws(bytes[end - 1]!)) end--;
  return bytes.subarray(start, end);
};

const looksLikeMail = (message: MimePart): boolean => message.headers.some((h) => MAIL_HEADERS.has(h.name.toLowerCase()));

/** EMailObject.parse_email: .eml, then .msg, then .eml with a UTF-8 BOM. */
export function readMessage(data: Uint8Array): EmailSource {
  const bytes = trim(data);
  const eml = MimePart.parse(bytes);
  if (eml.headers.length > 0 && looksLikeMail(eml)) return { message: eml, eml: data };
  if (Buffer.from(bytes.subarray(0, 8)).equals(CFB_MAGIC)) {
    const converted = msgToEml(bytes);
    return { message: converted.message, eml: converted.eml, msg: data };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const withoutBom = bytes.subarray(3);
    const message = MimePart.parse(withoutBom);
    if (message.headers.length > 0 && looksLikeMail(message)) return { message, eml: withoutBom };
  }
  if (isZip(bytes)) throw EMAIL_MESSAGES.error('zipNotEmail');
  throw EMAIL_MESSAGES.error('notEmail');
}

export async function importEmail(input: EmailTaskInput): Promise<MispStandardResults> {
  requireContent(input.data, 'an e-mail (.eml or .msg)');
  const { options } = input;
  const source = readMessage(input.data);
  const result = new MispResultBuilder();
  const relations = emailRelations(source);
  if (options.removeSubjectMarkers) {
    for (const r of relations) {
      if (r.relation === 'subject' && typeof r.value === 'string') r.value = removeSubjectMarkers(r.value) || r.value;
    }
  }
  const email = result.addObject('email', relations);
  const budget = new ByteBudget();
  let passwords: string[] | undefined;

  const addFile = (name: string, data: Uint8Array, comment?: string): void => {
    const file = result.addObject('file', binaryFileRelations(name, data), comment === undefined ? {} : { comment });
    result.addReference(email.uuid, file.uuid, 'includes', 'Email attachment');
  };

  for (const { name, data } of emailAttachments(source.message)) {
    const extension = name.includes('.') && !/^\.[^.]*$/.test(name.split('/').pop() ?? '') ? name.slice(name.lastIndexOf('.') + 1) : '';
    if (!options.unzipAttachments || ZIPPED_FORMATS.has(extension) || !isZip(data)) {
      addFile(name, data);
      continue;
    }
    let zip: ZipArchive;
    try {
      zip = await ZipArchive.open(data, {}, `The attachment "${name}"`);
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      addFile(name, data); // not really a zip
      continue;
    }
    let password: string | undefined;
    if (zip.encrypted) {
      if (!options.guessZipPasswords) {
        // upstream silently dropped such attachments
        addFile(name, data, 'Encrypted Zip: not extracted (guess_zip_attachment_passwords is off)');
        continue;
      }
      passwords ??= zipPasswordCandidates(source.message);
      password = await zip.findPassword(passwords);
      if (password === undefined) {
        addFile(name, data, 'Encrypted Zip: Password could not be cracked from message');
        continue;
      }
    }
    const comment = password ? `Extracted from ${name} with password "${password}"` : `Extracted from ${name}`;
    try {
      const extracted: Array<[string, Uint8Array]> = [];
      for (const entry of zip.files) extracted.push([entry.name, await zip.read(entry.name, { budget, ...(password && { password }) })]);
      for (const [entryName, content] of extracted) addFile(entryName, content, comment);
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      addFile(name, data, `Zip not extracted: ${error.message}`);
    }
  }

  if (options.extractUrls) {
    for (const url of bodyUrls(source.message)) {
      const urlRelationsList = urlRelations(url);
      if (!urlRelationsList) continue;
      const object = result.addObject('url', urlRelationsList);
      result.addReference(email.uuid, object.uuid, 'includes', 'URL in email body');
    }
  }
  const { results } = result.toResults();
  return { Object: results.Object ?? [] };
}

export default function emailTask(input: EmailTaskInput): Promise<TaskOutcome<MispStandardResults>> {
  return settle(() => importEmail(input));
}
