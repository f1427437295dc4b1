/**
 * Every MISP attribute type with its default category, its default `to_ids`
 * flag and the categories MISP allows for it. The facts come from MISP's
 * describeTypes (`sane_defaults`, `category_type_mappings`); the conformance
 * test checks this table against ../shared/misp-data/describeTypes.json.
 */
import type { Category } from './categories.js';

/** What MISP knows about one attribute type (describeTypes). */
export interface AttributeTypeInfo {
  readonly type: AttributeType;
  readonly defaultCategory: Category;
  readonly toIds: boolean;
  /** Allowed categories, in MISP's category order. */
  readonly categories: readonly Category[];
}

// Short names for the categories, only to keep the table below readable.
const IR = 'Internal reference';
const TD = 'Targeting data';
const AV = 'Antivirus detection';
const PD = 'Payload delivery';
const AD = 'Artifacts dropped';
const PI = 'Payload installation';
const PM = 'Persistence mechanism';
const NA = 'Network activity';
const PT = 'Payload type';
const AT = 'Attribution';
const EA = 'External analysis';
const FF = 'Financial fraud';
const ST = 'Support Tool';
const SN = 'Social network';
const PE = 'Person';
const OT = 'Other';

/** All categories, in MISP's order. */
export const ATTRIBUTE_CATEGORIES = [
  IR, TD, AV, PD, AD, PI, PM, NA, PT, AT, EA, FF, ST, SN, PE, OT,
] as const satisfies readonly Category[];

type Row = readonly [defaultCategory: Category, toIds: boolean, categories: readonly Category[]];

// type: [default category, default to_ids, allowed categories (in MISP's category order)]
const TABLE = {
  md5: [PD, true, [PD, AD, PI, EA]],
  sha1: [PD, true, [PD, AD, PI, EA]],
  sha256: [PD, true, [PD, AD, PI, EA]],
  filename: [PD, true, [PD, AD, PI, PM, EA]],
  pdb: [AD, false, [AD]],
  'filename|md5': [PD, true, [PD, AD, PI, EA]],
  'filename|sha1': [PD, true, [PD, AD, PI, EA]],
  'filename|sha256': [PD, true, [PD, AD, PI, EA]],
  'ip-src': [NA, true, [PD, NA, EA]],
  'ip-dst': [NA, true, [PD, NA, EA]],
  hostname: [NA, true, [PD, NA, EA]],
  domain: [NA, true, [PD, NA, EA]],
  'domain|ip': [NA, true, [NA, EA]],
  email: [SN, true, [PD, NA, AT, SN, PE]],
  'email-src': [PD, true, [PD, NA, SN]],
  eppn: [NA, true, [NA, SN]],
  'email-dst': [NA, true, [PD, NA, SN]],
  'email-subject': [PD, false, [PD, NA]],
  'email-attachment': [PD, true, [PD]],
  'email-body': [PD, false, [PD]],
  float: [OT, false, [OT]],
  'git-commit-id': [IR, false, [IR]],
  url: [NA, true, [PD, NA, EA]],
  'http-method': [NA, false, [NA]],
  'user-agent': [NA, false, [PD, NA, EA]],
  'ja3-fingerprint-md5': [NA, true, [PD, NA, EA]],
  'jarm-fingerprint': [NA, true, [PD, NA, EA]],
  'favicon-mmh3': [NA, true, [NA]],
  'hassh-md5': [NA, true, [PD, NA, EA]],
  'hasshserver-md5': [NA, true, [PD, NA, EA]],
  regkey: [PM, true, [AD, PM, EA]],
  'regkey|value': [PM, true, [AD, PM, EA]],
  AS: [NA, false, [PD, NA, EA]],
  snort: [NA, true, [NA, EA]],
  suricata: [NA, true, [NA, EA]],
  bro: [NA, true, [NA, EA]],
  zeek: [NA, true, [NA, EA]],
  'community-id': [NA, true, [NA, EA]],
  'dom-hash': [NA, true, [NA, EA]],
  'pattern-in-file': [PI, true, [PD, AD, PI, NA, EA]],
  'pattern-in-traffic': [NA, true, [PD, PI, NA, EA]],
  'pattern-in-memory': [PI, true, [AD, PI, EA]],
  'filename-pattern': [PI, true, [PD, AD, PI, NA, EA]],
  'pgp-public-key': [PE, false, [AD, SN, PE, OT]],
  'pgp-private-key': [PE, false, [AD, SN, PE, OT]],
  'ssh-fingerprint': [NA, false, [NA]],
  yara: [PI, true, [PD, AD, PI]],
  'stix2-pattern': [PI, true, [PD, AD, PI, NA]],
  sigma: [PI, true, [PD, AD, PI]],
  gene: [AD, false, [AD]],
  'kusto-query': [AD, false, [AD]],
  'mime-type': [AD, false, [PD, AD, PI]],
  'identity-card-number': [PE, false, [PE]],
  cookie: [NA, false, [AD, NA]],
  vulnerability: [EA, false, [PD, PI, EA]],
  cpe: [EA, false, [PD, PI, EA, OT]],
  weakness: [EA, false, [PD, PI, EA]],
  attachment: [EA, false, [AV, PD, AD, PI, NA, EA, ST]],
  'malware-sample': [PD, true, [PD, AD, PI, EA]],
  link: [EA, false, [IR, AV, PD, EA, ST]],
  comment: [OT, false, [IR, TD, AV, PD, AD, PI, PM, NA, PT, AT, EA, FF, ST, SN, PE, OT]],
  text: [OT, false, [IR, AV, PD, AD, PI, PM, NA, PT, AT, EA, FF, ST, SN, PE, OT]],
  hex: [OT, false, [IR, AV, PD, AD, PI, PM, NA, FF, ST, OT]],
  other: [OT, false, [IR, AV, PD, AD, PI, PM, NA, PT, AT, EA, FF, ST, SN, PE, OT]],
  'named pipe': [AD, false, [AD]],
  mutex: [AD, true, [AD]],
  'process-state': [AD, false, [AD]],
  'target-user': [TD, false, [TD]],
  'target-email': [TD, false, [TD]],
  'target-machine': [TD, false, [TD]],
  'target-org': [TD, false, [TD]],
  'target-location': [TD, false, [TD]],
  'target-external': [TD, false, [TD]],
  btc: [FF, true, [FF]],
  dash: [FF, true, [FF]],
  xmr: [FF, true, [FF]],
  iban: [FF, true, [FF]],
  bic: [FF, true, [FF]],
  'bank-account-nr': [FF, true, [FF]],
  'aba-rtn': [FF, true, [FF]],
  bin: [FF, true, [FF]],
  'cc-number': [FF, true, [FF]],
  prtn: [FF, true, [FF]],
  'phone-number': [PE, false, [FF, PE, OT]],
  'threat-actor': [AT, false, [AT]],
  'campaign-name': [AT, false, [AT]],
  'campaign-id': [AT, false, [AT]],
  'malware-type': [PD, false, [PD, PI]],
  uri: [NA, true, [NA]],
  authentihash: [PD, true, [PD, AD, PI]],
  vhash: [PD, true, [PD, AD, PI]],
  ssdeep: [PD, true, [PD, AD, PI]],
  imphash: [PD, true, [PD, AD, PI]],
  telfhash: [PD, true, [PD, AD, PI]],
  pehash: [PD, true, [PD, PI]],
  impfuzzy: [PD, true, [PD, AD, PI]],
  sha224: [PD, true, [PD, AD, PI]],
  sha384: [PD, true, [PD, AD, PI]],
  sha512: [PD, true, [PD, AD, PI]],
  'sha512/224': [PD, true, [PD, AD, PI]],
  'sha512/256': [PD, true, [PD, AD, PI]],
  'sha3-224': [PD, true, [PD, AD, PI, EA]],
  'sha3-256': [PD, true, [PD, AD, PI, EA]],
  'sha3-384': [PD, true, [PD, AD, PI, EA]],
  'sha3-512': [PD, true, [PD, AD, PI, EA]],
  tlsh: [PD, true, [PD, PI]],
  cdhash: [PD, true, [PD, AD, PI]],
  'filename|authentihash': [PD, true, [PD, AD, PI]],
  'filename|vhash': [PD, true, [PD, AD, PI]],
  'filename|ssdeep': [PD, true, [PD, AD, PI]],
  'filename|imphash': [PD, true, [PD, AD, PI]],
  'filename|impfuzzy': [PD, true, [PD, AD, PI]],
  'filename|pehash': [PD, true, [PD, AD, PI]],
  'filename|sha224': [PD, true, [PD, AD, PI]],
  'filename|sha384': [PD, true, [PD, AD, PI]],
  'filename|sha512': [PD, true, [PD, AD, PI]],
  'filename|sha512/224': [PD, true, [PD, AD, PI]],
  'filename|sha512/256': [PD, true, [PD, AD, PI]],
  'filename|sha3-224': [PD, true, [PD, AD, PI, EA]],
  'filename|sha3-256': [PD, true, [PD, AD, PI, EA]],
  'filename|sha3-384': [PD, true, [PD, AD, PI, EA]],
  'filename|sha3-512': [PD, true, [PD, AD, PI, EA]],
  'filename|tlsh': [PD, true, [PD, AD, PI]],
  'windows-scheduled-task': [AD, false, [AD]],
  'windows-service-name': [AD, false, [AD]],
  'windows-service-displayname': [AD, false, [AD]],
  'whois-registrant-email': [AT, false, [PD, AT, SN]],
  'whois-registrant-phone': [AT, false, [AT]],
  'whois-registrant-name': [AT, false, [AT]],
  'whois-registrant-org': [AT, false, [AT]],
  'whois-registrar': [AT, false, [AT]],
  'whois-creation-date': [AT, false, [AT]],
  'x509-fingerprint-sha1': [NA, true, [PD, AD, PI, NA, AT, EA]],
  'x509-fingerprint-md5': [NA, true, [PD, AD, PI, NA, AT, EA]],
  'x509-fingerprint-sha256': [NA, true, [PD, AD, PI, NA, AT, EA]],
  'dns-soa-email': [AT, false, [AT]],
  'size-in-bytes': [OT, false, [OT]],
  counter: [OT, false, [OT]],
  integer: [OT, false, [OT]],
  datetime: [OT, false, [OT]],
  port: [NA, false, [NA, OT]],
  'ip-dst|port': [NA, true, [PD, NA, EA]],
  'ip-src|port': [NA, true, [PD, NA, EA]],
  'hostname|port': [NA, true, [PD, NA]],
  'mac-address': [NA, false, [PD, NA, EA]],
  'mac-eui-64': [NA, false, [PD, NA, EA]],
  'email-dst-display-name': [PD, false, [PD]],
  'email-src-display-name': [PD, false, [PD]],
  'email-header': [PD, false, [PD]],
  'email-reply-to': [PD, false, [PD]],
  'email-x-mailer': [PD, false, [PD]],
  'email-mime-boundary': [PD, false, [PD]],
  'email-thread-index': [PD, false, [PD]],
  'email-message-id': [PD, false, [PD]],
  'github-username': [SN, false, [SN]],
  'github-repository': [SN, false, [EA, SN]],
  'github-organisation': [SN, false, [SN]],
  'jabber-id': [SN, false, [SN]],
  'twitter-id': [SN, false, [SN]],
  dkim: [NA, false, [NA]],
  'dkim-signature': [NA, false, [NA]],
  'first-name': [PE, false, [PE]],
  'middle-name': [PE, false, [PE]],
  'last-name': [PE, false, [PE]],
  'full-name': [PE, false, [PE]],
  'date-of-birth': [PE, false, [PE]],
  'place-of-birth': [PE, false, [PE]],
  gender: [PE, false, [PE]],
  'passport-number': [PE, false, [PE]],
  'passport-country': [PE, false, [PE]],
  'passport-expiration': [PE, false, [PE]],
  'redress-number': [PE, false, [PE]],
  nationality: [PE, false, [PE]],
  'visa-number': [PE, false, [PE]],
  'issue-date-of-the-visa': [PE, false, [PE]],
  'primary-residence': [PE, false, [PE]],
  'country-of-residence': [PE, false, [PE]],
  'special-service-request': [PE, false, [PE]],
  'frequent-flyer-number': [PE, false, [PE]],
  'travel-details': [PE, false, [PE]],
  'payment-details': [PE, false, [PE]],
  'place-port-of-original-embarkation': [PE, false, [PE]],
  'place-port-of-clearance': [PE, false, [PE]],
  'place-port-of-onward-foreign-destination': [PE, false, [PE]],
  'passenger-name-record-locator-number': [PE, false, [PE]],
  'mobile-application-id': [PD, true, [PD, PI]],
  'azure-application-id': [PD, true, [PD, PI]],
  'chrome-extension-id': [PD, true, [PD, PI]],
  'edge-extension-id': [PD, true, [PD, PI]],
  cortex: [EA, false, [EA]],
  boolean: [OT, false, [OT]],
  uuid: [OT, false, [OT]],
  anonymised: [OT, false, [IR, TD, AV, PD, AD, PI, PM, NA, PT, AT, EA, FF, ST, SN, PE, OT]],
  'onion-address': [NA, true, [PD, NA, EA]],

} as const satisfies Record<string, Row>;

/** Every MISP attribute type name (`md5`, `ip-src`, `domain|ip`, …). */
export type AttributeType = keyof typeof TABLE;

/** All attribute type names, in describeTypes order. */
export const ATTRIBUTE_TYPE_NAMES = Object.keys(TABLE) as readonly AttributeType[];

/** The table as named records, keyed by type. */
export const ATTRIBUTE_TYPES = Object.fromEntries(
  (Object.entries(TABLE) as Array<[AttributeType, Row]>).map(
    ([type, [defaultCategory, toIds, categories]]): [AttributeType, AttributeTypeInfo] => [
      type,
      { type, defaultCategory, toIds, categories },
    ],
  ),
) as Readonly<Record<AttributeType, AttributeTypeInfo>>;

export function isAttributeType(type: unknown): type is AttributeType {
  return typeof type === 'string' && Object.hasOwn(TABLE, type);
}

export function isCategory(category: unknown): category is Category {
  return typeof category === 'string' && (ATTRIBUTE_CATEGORIES as readonly string[]).includes(category);
}

/** The type's record, or undefined for a name MISP does not know. */
export function attributeTypeInfo(type: string): AttributeTypeInfo | undefined {
  return isAttributeType(type) ? ATTRIBUTE_TYPES[type] : undefined;
}

/** The category MISP picks when none is given. */
export function defaultCategory(type: AttributeType): Category;
export function defaultCategory(type: string): Category | undefined;
export function defaultCategory(type: string): Category | undefined {
  return attributeTypeInfo(type)?.defaultCategory;
}

/** The `to_ids` flag MISP sets when none is given. */
export function defaultToIds(type: AttributeType): boolean;
export function defaultToIds(type: string): boolean | undefined;
export function defaultToIds(type: string): boolean | undefined {
  return attributeTypeInfo(type)?.toIds;
}

/** The categories MISP accepts for the type (empty for an unknown type). */
export function categoriesFor(type: string): readonly Category[] {
  return attributeTypeInfo(type)?.categories ?? [];
}

export function isValidCategory(type: string, category: string): boolean {
  return (categoriesFor(type) as readonly string[]).includes(category);
}
