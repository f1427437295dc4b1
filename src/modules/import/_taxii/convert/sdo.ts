/**
 * STIX domain objects: attack patterns, vulnerabilities and reports become
 * MISP objects; malware, threat actors, intrusion sets and campaigns become
 * attributes of MISP's attribution types. Attack patterns with an ATT&CK id
 * and threat actors also stand for a MISP galaxy tag, which relationships
 * attach to the attributes they concern.
 */
import { records, str, strList, type JsonRecord } from '../../../_shared/json-record.js';
import type { Conversion, StixObject } from './context.js';
import { emitAttribute, emitObject, type EmitOptions } from './emit.js';
import { tagsOf } from './tags.js';
import { CVE_ID, MITRE_TECHNIQUE } from './values.js';

interface ExternalReference {
  source: string;
  id?: string;
  url?: string;
}

function externalReferences(object: JsonRecord): ExternalReference[] {
  return records(object['external_references']).map((ref) => ({
    source: (str(ref['source_name']) ?? '').toLowerCase(),
    ...(str(ref['external_id']) !== undefined && { id: str(ref['external_id']) }),
    ...(str(ref['url']) !== undefined && { url: str(ref['url']) }),
  }));
}

function urls(references: readonly ExternalReference[]): string[] {
  return [...new Set(references.flatMap((r) => (r.url && /^https?:\/\//i.test(r.url) ? [r.url] : [])))];
}

function sdoOptions(c: Conversion, object: StixObject, comment?: string): EmitOptions {
  return { toIds: false, tags: tagsOf(object, c.markings), ...(comment !== undefined && { comment }) };
}

/** "description. Aliases: a, b." */
function describe(object: JsonRecord, extra: Array<[string, string[]]> = []): string | undefined {
  const parts = [str(object['description'])];
  for (const [label, values] of extra) if (values.length > 0) parts.push(`${label}: ${values.join(', ')}`);
  const text = parts.filter((p): p is string => p !== undefined).join(' | ');
  return text === '' ? undefined : text;
}

function attackPattern(c: Conversion, object: StixObject): void {
  const references = externalReferences(object);
  const attack = references.find((r) => r.source.startsWith('mitre') && r.id && MITRE_TECHNIQUE.test(r.id));
  const id = attack?.id ?? references.find((r) => r.source === 'capec' && r.id)?.id;
  const name = str(object['name']);
  const misp = emitObject(
    c,
    object.id,
    'attack-pattern',
    [['name', name], ['id', id], ['summary', object['description']], ['references', urls(references)]],
    sdoOptions(c, object),
  );
  c.record(object.id, { objects: misp ? [misp] : [] });
  // MISP's ATT&CK galaxy names its clusters "Name - T1234".
  if (attack?.id && name) c.setGalaxyTags(object.id, [`misp-galaxy:mitre-attack-pattern="${name} - ${attack.id}"`]);
}

function vulnerability(c: Conversion, object: StixObject): void {
  const references = externalReferences(object);
  const name = str(object['name']);
  const cve = references.find((r) => r.source === 'cve' && r.id)?.id ?? (name && CVE_ID.test(name) ? name : undefined);
  const misp = emitObject(
    c,
    object.id,
    'vulnerability',
    [
      ['id', cve],
      ['summary', cve === name ? undefined : name],
      ['description', object['description']],
      ['references', urls(references)],
    ],
    sdoOptions(c, object),
  );
  c.record(object.id, { objects: misp ? [misp] : [] });
}

function report(c: Conversion, object: StixObject): void {
  const references = externalReferences(object);
  const comment = describe({}, [['Report types', strList(object['report_types'])]]);
  const misp = emitObject(
    c,
    object.id,
    'report',
    [['title', object['name']], ['summary', object['description']], ['link', urls(references)]],
    sdoOptions(c, object, comment),
  );
  c.record(object.id, { objects: misp ? [misp] : [] });
}

function malware(c: Conversion, object: StixObject): void {
  const comment = describe(object, [
    ['Types', strList(object['malware_types'])],
    ['Aliases', strList(object['aliases'])],
  ]);
  const attribute = emitAttribute(c, object.id, 'malware-type', object['name'], sdoOptions(c, object, comment));
  c.record(object.id, { attributes: attribute ? [attribute] : [] });
}

function actor(c: Conversion, object: StixObject): void {
  const name = str(object['name']);
  const comment = describe(object, [['Aliases', strList(object['aliases'])]]);
  const attribute = emitAttribute(c, object.id, 'threat-actor', name, sdoOptions(c, object, comment));
  c.record(object.id, { attributes: attribute ? [attribute] : [] });
  if (name) c.setGalaxyTags(object.id, [`misp-galaxy:threat-actor="${name}"`]);
}

function campaign(c: Conversion, object: StixObject): void {
  const comment = describe(object, [['Aliases', strList(object['aliases'])]]);
  const attribute = emitAttribute(c, object.id, 'campaign-name', object['name'], sdoOptions(c, object, comment));
  c.record(object.id, { attributes: attribute ? [attribute] : [] });
}

const CONVERTERS: Readonly<Record<string, (c: Conversion, object: StixObject) => void>> = {
  'attack-pattern': attackPattern,
  vulnerability,
  report,
  malware,
  'threat-actor': actor,
  'intrusion-set': actor,
  campaign,
};

export function isConvertedSdo(type: string): boolean {
  return type in CONVERTERS;
}

export function convertSdo(c: Conversion, object: StixObject): void {
  CONVERTERS[object.type]?.(c, object);
}
