/**
 * Cyber observables (SCOs), from observed-data (STIX 2.0 embedded `objects`,
 * STIX 2.1 `object_refs`) or standing alone in a 2.1 bundle. They become
 * attributes and objects without `to_ids`: they were seen, not flagged.
 * Addresses and e-mail addresses that another SCO points at are folded into
 * that SCO's object (a domain with its IPs, a connection with its ends, an
 * e-mail with its senders and recipients).
 */
import type { TemplateName } from '../../../../misp/templates/index.js';
import type { ResultAttribute, ResultObject } from '../../../../misp/types.js';
import { isRecord, record, records, str, strList, type JsonRecord } from '../../../_shared/json-record.js';
import type { Conversion, StixObject } from './context.js';
import { emitAttribute, emitObject, type EmitOptions, type RelationPair } from './emit.js';
import { fileHashType, x509HashType } from './pattern-map.js';
import { tagsOf } from './tags.js';
import { seenRange } from './values.js';

/** An SCO with the id its references resolve to (2.0 embedded objects get `<observed-data id>/<key>`). */
export interface Sco {
  readonly id: string;
  readonly body: JsonRecord;
}

export type Resolve = (ref: unknown) => Sco | undefined;

/** The SCO types of STIX 2.1 (an SCO outside any observed-data is converted on its own). */
export const SCO_TYPES = new Set([
  'artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr',
  'ipv6-addr', 'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account',
  'windows-registry-key', 'x509-certificate',
]);

/** SCOs that fold others into their object go first. */
const FIRST = ['email-message', 'network-traffic', 'domain-name', 'file', 'process'];

function priority(sco: Sco): number {
  const index = FIRST.indexOf(String(sco.body['type']));
  return index < 0 ? FIRST.length : index;
}

type Output = { attributes?: ResultAttribute[]; objects?: ResultObject[] };

const one = (attribute: ResultAttribute | undefined): Output => ({ attributes: attribute ? [attribute] : [] });
const object = (o: ResultObject | undefined): Output => ({ objects: o ? [o] : [] });

interface Step {
  readonly c: Conversion;
  readonly sco: Sco;
  readonly resolve: Resolve;
  readonly options: EmitOptions;
}

/** Resolves a reference and marks the SCO as held by the current one. */
function fold(step: Step, ref: unknown): JsonRecord | undefined {
  const target = step.resolve(ref);
  if (!target) return undefined;
  step.c.fold(target.id, step.sco.id);
  return target.body;
}

function objectOf<N extends TemplateName>(step: Step, template: N, pairs: ReadonlyArray<RelationPair<N>>): Output {
  return object(emitObject(step.c, step.sco.id, template, pairs, step.options));
}

function domainName(step: Step): Output {
  const { body } = step.sco;
  const addresses = strList(body['resolves_to_refs'])
    .map((ref) => ({ ref, target: step.resolve(ref) }))
    .filter(({ target }) => target && ['ipv4-addr', 'ipv6-addr'].includes(String(target.body['type'])));
  if (addresses.length === 0) return one(emitAttribute(step.c, step.sco.id, 'domain', body['value'], step.options));
  return objectOf(step, 'domain-ip', [
    ['domain', body['value']],
    ['ip', addresses.map(({ ref }) => fold(step, ref)?.['value'])],
  ]);
}

function file(step: Step): Output {
  const { body } = step.sco;
  const hashes = Object.entries(record(body['hashes'])).flatMap(([name, value]) => {
    const type = fileHashType(name);
    return type ? [[type, value] as const] : [];
  });
  const directory = fold(step, body['parent_directory_ref']);
  return objectOf(step, 'file', [
    ...hashes,
    ['filename', body['name']],
    ['size-in-bytes', body['size']],
    ['mimetype', body['mime_type']],
    ['path', directory?.['path']],
    ['creation-time', body['ctime'] ?? body['created']],
    ['modification-time', body['mtime'] ?? body['modified']],
    ['access-time', body['atime'] ?? body['accessed']],
  ]);
}

const LAYER3 = new Set(['ipv4', 'ipv6', 'ip', 'icmp', 'arp']);
const LAYER4 = new Set(['tcp', 'udp', 'sctp', 'icmp']);

/** An end of a connection: an address, or a host name. */
function end(step: Step, ref: unknown): { ip?: string; host?: string } {
  const target = fold(step, ref);
  const value = str(target?.['value']);
  if (!target || !value) return {};
  return target['type'] === 'domain-name' ? { host: value } : { ip: value };
}

function networkTraffic(step: Step): Output {
  const { body } = step.sco;
  const protocols = strList(body['protocols']).map((p) => p.toLowerCase());
  const source = end(step, body['src_ref']);
  const destination = end(step, body['dst_ref']);
  return objectOf(step, 'network-connection', [
    ['ip-src', source.ip],
    ['hostname-src', source.host],
    ['src-port', body['src_port']],
    ['ip-dst', destination.ip],
    ['hostname-dst', destination.host],
    ['dst-port', body['dst_port']],
    ['layer3-protocol', protocols.filter((p) => LAYER3.has(p) && !LAYER4.has(p)).map((p) => (p.startsWith('ip') ? 'IP' : p.toUpperCase()))[0]],
    ['layer4-protocol', protocols.filter((p) => LAYER4.has(p)).map((p) => p.toUpperCase())[0]],
    ['layer7-protocol', protocols.filter((p) => !LAYER3.has(p) && !LAYER4.has(p)).map((p) => p.toUpperCase())],
    ['first-packet-seen', body['start']],
    ['last-packet-seen', body['end']],
    ['src-bytes-count', body['src_byte_count']],
    ['dst-bytes-count', body['dst_byte_count']],
    ['src-packets-count', body['src_packets']],
    ['dst-packets-count', body['dst_packets']],
  ]);
}

/** Header names are case-insensitive; STIX keeps them as sent. */
function header(fields: JsonRecord, name: string): unknown {
  const key = Object.keys(fields).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : fields[key];
}

function emailMessage(step: Step): Output {
  const { body } = step.sco;
  const addresses = (refs: unknown) => strList(refs).map((ref) => fold(step, ref)).filter(isRecord);
  const from = fold(step, body['from_ref'] ?? body['sender_ref']);
  const to = addresses(body['to_refs']);
  const cc = addresses(body['cc_refs']);
  const headers = record(body['additional_header_fields']);
  const multipart = records(body['body_multipart']);
  const attachments = multipart.map((part) => step.resolve(part['body_raw_ref'])?.body['name']);
  return objectOf(step, 'email', [
    ['from', from?.['value']],
    ['from-display-name', from?.['display_name']],
    ['to', to.map((a) => a['value'])],
    ['to-display-name', to.map((a) => a['display_name'])],
    ['cc', cc.map((a) => a['value'])],
    ['bcc', addresses(body['bcc_refs']).map((a) => a['value'])],
    ['subject', body['subject']],
    ['send-date', body['date']],
    ['message-id', body['message_id']],
    ['reply-to', header(headers, 'Reply-To')],
    ['return-path', header(headers, 'Return-Path')],
    ['x-mailer', header(headers, 'X-Mailer')],
    ['user-agent', header(headers, 'User-Agent')],
    ['email-body', multipart.length === 0 ? body['body'] : multipart.map((part) => part['body'])],
    ['attachment', attachments],
  ]);
}

function x509(step: Step): Output {
  const { body } = step.sco;
  const hashes = Object.entries(record(body['hashes'])).flatMap(([name, value]) => {
    const type = x509HashType(name);
    return type ? [[type, value] as const] : [];
  });
  return objectOf(step, 'x509', [
    ...hashes,
    ['serial-number', body['serial_number']],
    ['issuer', body['issuer']],
    ['subject', body['subject']],
    ['validity-not-before', body['validity_not_before']],
    ['validity-not-after', body['validity_not_after']],
    ['version', body['version']],
    ['pubkey-info-algorithm', body['subject_public_key_algorithm']],
    ['pubkey-info-modulus', body['subject_public_key_modulus']],
    ['pubkey-info-exponent', body['subject_public_key_exponent']],
  ]);
}

function registryKey(step: Step): Output {
  const { body } = step.sco;
  // MISP's registry-key object holds one value; the first one is kept.
  const [value] = records(body['values']);
  return objectOf(step, 'registry-key', [
    ['key', body['key']],
    ['name', value?.['name']],
    ['data', value?.['data']],
    ['last-modified', body['modified_time'] ?? body['modified']],
  ]);
}

function processObject(step: Step): Output {
  const { body } = step.sco;
  const image = step.resolve(body['image_ref'])?.body;
  const parent = step.resolve(body['parent_ref'])?.body;
  return objectOf(step, 'process', [
    ['pid', body['pid']],
    ['name', body['name'] ?? body['x_misp_name']],
    ['command-line', body['command_line']],
    ['current-directory', body['cwd']],
    ['creation-time', body['created_time'] ?? body['created']],
    ['image', image?.['name']],
    ['parent-pid', parent?.['pid']],
  ]);
}

function convertOne(step: Step): Output | undefined {
  const { c, sco, options } = step;
  const { body } = sco;
  switch (body['type']) {
    case 'ipv4-addr':
    case 'ipv6-addr':
      return one(emitAttribute(c, sco.id, 'ip-dst', body['value'], options));
    case 'domain-name':
      return domainName(step);
    case 'url':
      return one(emitAttribute(c, sco.id, 'url', body['value'], options));
    case 'email-addr':
      return one(emitAttribute(c, sco.id, 'email-dst', body['value'], { ...options, comment: str(body['display_name']) ?? options.comment }));
    case 'mac-addr':
      return one(emitAttribute(c, sco.id, 'mac-address', body['value'], options));
    case 'mutex':
      return one(emitAttribute(c, sco.id, 'mutex', body['name'], options));
    case 'autonomous-system':
      return objectOf(step, 'asn', [['asn', body['number']], ['name', body['name']]]);
    case 'file':
      return file(step);
    case 'network-traffic':
      return networkTraffic(step);
    case 'email-message':
      return emailMessage(step);
    case 'x509-certificate':
      return x509(step);
    case 'windows-registry-key':
      return registryKey(step);
    case 'process':
      return processObject(step);
    default:
      return undefined;
  }
}

/** Converts SCOs that are not converted or folded yet. */
export function convertScos(c: Conversion, scos: readonly Sco[], resolve: Resolve, options: EmitOptions): void {
  const ordered = [...scos].sort((a, b) => priority(a) - priority(b));
  for (const sco of ordered) {
    if (c.isDone(sco.id)) continue;
    const output = convertOne({ c, sco, resolve, options });
    if (!output) c.skip(`observable of type ${String(sco.body['type'])}`);
    else if ((output.attributes?.length ?? 0) + (output.objects?.length ?? 0) === 0) c.skip(`empty observable of type ${String(sco.body['type'])}`);
    else c.record(sco.id, output);
  }
}

function observedOptions(c: Conversion, observed: StixObject): EmitOptions {
  return {
    toIds: false,
    tags: tagsOf(observed, c.markings),
    ...seenRange(observed['first_observed'], observed['last_observed']),
  };
}

export function convertObservedData(c: Conversion, observed: StixObject): void {
  let scos: Sco[];
  let resolve: Resolve;
  const embedded = observed['objects'];
  if (isRecord(embedded)) {
    // STIX 2.0: objects keyed "0", "1", …; references inside use those keys.
    const local = new Map(Object.entries(embedded).flatMap(([key, body]) => (isRecord(body) ? [[key, { id: `${observed.id}/${key}`, body }] as const] : [])));
    scos = [...local.values()];
    resolve = (ref) => (typeof ref === 'string' ? local.get(ref) : undefined);
  } else {
    resolve = globalResolver(c);
    scos = strList(observed['object_refs']).map(resolve).filter((sco): sco is Sco => sco !== undefined);
  }
  convertScos(c, scos, resolve, observedOptions(c, observed));
  for (const sco of scos) {
    const converted = c.lookup(sco.id);
    if (converted) c.alias(observed.id, converted);
  }
}

export function globalResolver(c: Conversion): Resolve {
  return (ref) => {
    if (typeof ref !== 'string') return undefined;
    const body = c.objects.get(ref);
    return body && SCO_TYPES.has(body.type) ? { id: ref, body } : undefined;
  };
}

/** STIX 2.1 SCOs that no observed-data carried. */
export function convertStandaloneScos(c: Conversion): void {
  const resolve = globalResolver(c);
  const scos = [...c.objects.values()].filter((o) => SCO_TYPES.has(o.type) && !c.isDone(o.id)).map((body) => ({ id: body.id, body }));
  for (const sco of scos.sort((a, b) => priority(a) - priority(b))) {
    if (!c.isDone(sco.id)) convertScos(c, [sco], resolve, { toIds: false, tags: tagsOf(sco.body, c.markings) });
  }
}
