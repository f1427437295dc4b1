/** Joe Sandbox report field → MISP relation tables (upstream lib/joe_mapping.py). */

export const ARCH_TYPES = { ANDROID: 'apk', LINUX: 'elf', WINDOWS: 'pe' } as const;

export const DOMAIN_FIELDS = [
  ['@ip', 'ip'],
  ['@name', 'domain'],
] as const;

export const DROPPED_FILE_FIELDS = [
  ['@entropy', 'entropy'],
  ['@file', 'filename'],
  ['@size', 'size-in-bytes'],
  ['@type', 'mimetype'],
] as const;

export const DROPPED_HASHES: Readonly<Record<string, 'md5' | 'sha1' | 'sha256' | 'sha512'>> = {
  MD5: 'md5',
  SHA: 'sha1',
  'SHA-256': 'sha256',
  'SHA-512': 'sha512',
};

export const ELF_FIELDS = [
  ['epaddr', 'entrypoint-address'],
  ['machine', 'arch'],
  ['osabi', 'os_abi'],
] as const;

export const ELF_SECTION_FLAGS: Readonly<Record<string, string>> = {
  A: 'ALLOC',
  I: 'INFO_LINK',
  M: 'MERGE',
  S: 'STRINGS',
  T: 'TLS',
  W: 'WRITE',
  X: 'EXECINSTR',
};

export const FILE_HASH_FIELDS = ['filename', 'md5', 'sha1', 'sha256', 'sha512', 'ssdeep'] as const;

export const FILE_FIELDS = [
  ['entropy', 'entropy'],
  ['filesize', 'size-in-bytes'],
  ['filetype', 'mimetype'],
] as const;

export const FILE_REFERENCES: Readonly<Record<string, string>> = {
  fileCreated: 'creates',
  fileDeleted: 'deletes',
  fileMoved: 'moves',
  fileRead: 'reads',
  fileWritten: 'writes',
};

export const NETWORK_FIELDS = [
  ['srcip', 'ip-src'],
  ['dstip', 'ip-dst'],
  ['srcport', 'src-port'],
  ['dstport', 'dst-port'],
] as const;

export const PE_FIELDS = [
  ['entrypoint', 'entrypoint-address'],
  ['imphash', 'imphash'],
] as const;

export const PE_VERSION_FIELDS: Readonly<Record<string, PeVersionRelation>> = {
  CompanyName: 'company-name',
  FileDescription: 'file-description',
  FileVersion: 'file-version',
  InternalName: 'internal-filename',
  LegalCopyright: 'legal-copyright',
  OriginalFilename: 'original-filename',
  ProductName: 'product-name',
  ProductVersion: 'product-version',
  Translation: 'lang-id',
};

type PeVersionRelation =
  | 'company-name' | 'file-description' | 'file-version' | 'internal-filename' | 'legal-copyright'
  | 'original-filename' | 'product-name' | 'product-version' | 'lang-id';

export const PE_SECTION_FIELDS = [
  ['characteristics', 'characteristic'],
  ['entropy', 'entropy'],
  ['name', 'name'],
  ['rawaddr', 'offset'],
  ['rawsize', 'size-in-bytes'],
  ['virtaddr', 'virtual_address'],
  ['virtsize', 'virtual_size'],
] as const;

export const PROCESS_FIELDS = [
  ['cmdline', 'command-line'],
  ['name', 'name'],
  ['parentpid', 'parent-pid'],
  ['pid', 'pid'],
  ['path', 'current-directory'],
] as const;

/** Protocol → OSI layer of the network-connection relation (`layer<N>-protocol`). */
export const PROTOCOLS = { tcp: 4, udp: 4, icmp: 3, http: 7, https: 7, ftp: 7 } as const;

export const REGISTRY_REFERENCES = [
  ['keyValueCreated', 'creates'],
  ['keyValueModified', 'modifies'],
] as const;

export const REGKEY_FIELDS = [
  ['name', 'name'],
  ['newdata', 'data'],
  ['path', 'key'],
] as const;

export const SIGNERINFO_FIELDS = [
  ['sigissuer', 'issuer'],
  ['version', 'version'],
] as const;
