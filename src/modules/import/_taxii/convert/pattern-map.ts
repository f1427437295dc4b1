/**
 * Where each `object-type:path` of a STIX pattern (or SCO property) lands in
 * MISP: the attribute type when a group is that one test, the object
 * template relation when a group has several. Types and relations follow
 * misp-stix's external STIX 2 mapping.
 */
import type { AttributeType } from '../../../../misp/attribute-types.js';
import type { RelationOf, TemplateName } from '../../../../misp/templates/index.js';

export interface PathTarget {
  /** The attribute type for a lone test; without it a lone test still makes an object. */
  readonly type?: AttributeType;
  /** The relation inside the object template of the object type. */
  readonly relation?: RelationOf<TemplateName>;
  /** Metadata tests (`dst_ref.type = 'ipv4-addr'`) that MISP needs no trace of. */
  readonly ignore?: true;
}

/** The MISP object each SCO type becomes when a group holds several tests. */
export const TEMPLATE_OF: Readonly<Record<string, TemplateName>> = {
  'autonomous-system': 'asn',
  'domain-name': 'domain-ip',
  'email-addr': 'email',
  'email-message': 'email',
  file: 'file',
  'ipv4-addr': 'domain-ip',
  'ipv6-addr': 'domain-ip',
  'network-traffic': 'network-connection',
  process: 'process',
  url: 'url',
  'windows-registry-key': 'registry-key',
  'x509-certificate': 'x509',
};

const IP: PathTarget = { type: 'ip-dst', relation: 'ip' };

const PATHS: Readonly<Record<string, Readonly<Record<string, PathTarget>>>> = {
  'ipv4-addr': { value: IP },
  'ipv6-addr': { value: IP },
  'domain-name': {
    value: { type: 'domain', relation: 'domain' },
    'resolves_to_refs[*].value': IP,
  },
  url: { value: { type: 'url', relation: 'url' } },
  'email-addr': {
    value: { type: 'email-dst', relation: 'to' },
    display_name: { type: 'email-dst-display-name', relation: 'to-display-name' },
  },
  'email-message': {
    'from_ref.value': { type: 'email-src', relation: 'from' },
    'from_ref.display_name': { type: 'email-src-display-name', relation: 'from-display-name' },
    'sender_ref.value': { type: 'email-src', relation: 'from' },
    'to_refs[*].value': { type: 'email-dst', relation: 'to' },
    'to_refs[*].display_name': { type: 'email-dst-display-name', relation: 'to-display-name' },
    'cc_refs[*].value': { type: 'email-dst', relation: 'cc' },
    'bcc_refs[*].value': { type: 'email-dst', relation: 'bcc' },
    subject: { type: 'email-subject', relation: 'subject' },
    body: { type: 'email-body', relation: 'email-body' },
    message_id: { type: 'email-message-id', relation: 'message-id' },
    date: { relation: 'send-date' },
    'additional_header_fields.X-Mailer': { type: 'email-x-mailer', relation: 'x-mailer' },
    'additional_header_fields.Reply-To': { type: 'email-reply-to', relation: 'reply-to' },
    'body_multipart[*].body_raw_ref.name': { type: 'email-attachment', relation: 'attachment' },
  },
  file: {
    name: { type: 'filename', relation: 'filename' },
    size: { type: 'size-in-bytes', relation: 'size-in-bytes' },
    mime_type: { type: 'mime-type', relation: 'mimetype' },
    'parent_directory_ref.path': { relation: 'path' },
  },
  mutex: { name: { type: 'mutex' } },
  'mac-addr': { value: { type: 'mac-address' } },
  'autonomous-system': {
    number: { type: 'AS', relation: 'asn' },
    name: { relation: 'name' },
  },
  'windows-registry-key': {
    key: { type: 'regkey', relation: 'key' },
    'values[*].name': { relation: 'name' },
    'values[*].data': { relation: 'data' },
  },
  'x509-certificate': {
    serial_number: { relation: 'serial-number' },
    issuer: { relation: 'issuer' },
    subject: { relation: 'subject' },
  },
  'network-traffic': {
    'dst_ref.value': { type: 'ip-dst', relation: 'ip-dst' },
    'src_ref.value': { type: 'ip-src', relation: 'ip-src' },
    dst_port: { type: 'port', relation: 'dst-port' },
    src_port: { type: 'port', relation: 'src-port' },
    'dst_ref.type': { ignore: true },
    'src_ref.type': { ignore: true },
    'extensions.http-request-ext.request_header.User-Agent': { type: 'user-agent' },
  },
  process: {
    name: { relation: 'name' },
    command_line: { relation: 'command-line' },
    pid: { relation: 'pid' },
    cwd: { relation: 'current-directory' },
    'image_ref.name': { relation: 'image' },
  },
};

/** File hash names (upper case, without `-` or `_`) → MISP type and `file` relation. */
const FILE_HASHES: Readonly<Record<string, AttributeType & RelationOf<'file'>>> = {
  MD5: 'md5',
  SHA1: 'sha1',
  SHA224: 'sha224',
  SHA256: 'sha256',
  SHA384: 'sha384',
  SHA512: 'sha512',
  SHA3224: 'sha3-224',
  SHA3256: 'sha3-256',
  SHA3384: 'sha3-384',
  SHA3512: 'sha3-512',
  SSDEEP: 'ssdeep',
  TLSH: 'tlsh',
};

const X509_HASHES: Readonly<Record<string, AttributeType & RelationOf<'x509'>>> = {
  MD5: 'x509-fingerprint-md5',
  SHA1: 'x509-fingerprint-sha1',
  SHA256: 'x509-fingerprint-sha256',
};

/** `SHA-256`, `sha256`, `'SHA-256'` → `SHA256`. */
export function hashName(name: string): string {
  return name.toUpperCase().replace(/[-_\s']/g, '');
}

/** The MISP type of a file hash name, or undefined for an algorithm MISP has no type for. */
export function fileHashType(name: string): (AttributeType & RelationOf<'file'>) | undefined {
  return FILE_HASHES[hashName(name)];
}

export function x509HashType(name: string): (AttributeType & RelationOf<'x509'>) | undefined {
  return X509_HASHES[hashName(name)];
}

/** Where a test on `objectType:path` lands, or undefined when MISP has no place for it. */
export function pathTarget(objectType: string, path: string): PathTarget | undefined {
  const hash = /^hashes\.(.+)$/.exec(path)?.[1];
  if (hash !== undefined) {
    if (objectType === 'file') {
      const type = fileHashType(hash);
      return type && { type, relation: type };
    }
    if (objectType === 'x509-certificate') {
      const type = x509HashType(hash);
      return type && { type, relation: type };
    }
    return undefined;
  }
  return PATHS[objectType]?.[path];
}

/** The template for a group's object types: one type, or a domain with its addresses. */
export function templateForTypes(objectTypes: ReadonlySet<string>): TemplateName | undefined {
  const types = [...objectTypes];
  if (types.length === 1) return TEMPLATE_OF[types[0]!];
  const domainIp = new Set(['domain-name', 'ipv4-addr', 'ipv6-addr']);
  if (types.every((t) => domainIp.has(t))) return 'domain-ip';
  return undefined;
}
