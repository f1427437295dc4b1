/**
 * Joe Sandbox JSON report → MISP objects, attributes and tags: a port of
 * upstream's lib/joe_parser.py (shared by joe_import and joesandbox_query).
 * Objects, attributes and references come out in upstream's order.
 */
import { randomUUID } from 'node:crypto';
import type { MispStandardResults } from '../../../misp/types.js';
import { MispResultBuilder, type RelationEntry } from '../../../misp/standard-result.js';
import type { RelationOf, TemplateName } from '../../../misp/templates/index.js';
import { isRecord, list, rec, str, truthy, type Json } from './json.js';
import {
  ARCH_TYPES, DOMAIN_FIELDS, DROPPED_FILE_FIELDS, DROPPED_HASHES, ELF_FIELDS, ELF_SECTION_FLAGS, FILE_FIELDS,
  FILE_HASH_FIELDS, FILE_REFERENCES, NETWORK_FIELDS, PE_FIELDS, PE_SECTION_FIELDS, PE_VERSION_FIELDS, PROCESS_FIELDS,
  PROTOCOLS, REGISTRY_REFERENCES, REGKEY_FIELDS, SIGNERINFO_FIELDS,
} from './mapping.js';
import { joeNetworkTimestamp, joeProcessStart } from './time.js';
import { JOE_PARSER_MESSAGES } from './messages.js';

export interface JoeParserOptions {
  importExecutable: boolean;
  mitreAttack: boolean;
}

interface Reference {
  referencedUuid: string;
  relationship: string;
}

type Protocol = keyof typeof PROTOCOLS;

export class JoeParser {
  readonly #result = new MispResultBuilder();
  readonly #objectUuids = new Set<string>();
  /** Source uuid → references added once everything exists (upstream's build_references). */
  readonly #references = new Map<string, Reference[]>();
  /** type → value → (source uuid, relationship), turned into attributes at the end. */
  readonly #attributes = new Map<'filename' | 'regkey', Map<string, Array<[string, string]>>>();
  /** (targetid, path) → process object uuid. */
  readonly #processes = new Map<string, string>();
  #analysisUuid = '';
  #data: Json = {};

  constructor(private readonly options: JoeParserOptions) {}

  /** Parses `analysis` (the report's top-level field). */
  parse(analysis: Json): this {
    this.#data = analysis;
    if (this.#analysisType() === 'file') this.#parseFileInfo();
    else this.#parseUrlAnalysis();
    this.#parseSystemBehavior();
    this.#parseNetworkBehavior();
    this.#parseScreenshot();
    this.#parseNetworkInteractions();
    this.#parseDroppedFiles();
    if (this.#attributes.size > 0) this.#handleAttributes();
    if (this.options.mitreAttack) this.#parseMitreAttack();
    return this;
  }

  /** `{Attribute?, Object?, Tag?}` as upstream's finalize_results returns them. */
  results(): MispStandardResults {
    for (const [source, references] of this.#references) {
      if (!this.#objectUuids.has(source)) continue; // upstream only attaches references to objects
      for (const { referencedUuid, relationship } of references) this.#result.addReference(source, referencedUuid, relationship);
    }
    const { results } = this.#result.toResults();
    const out: MispStandardResults = {};
    if (results.Attribute) out.Attribute = results.Attribute;
    if (results.Object) out.Object = results.Object;
    if (results.Tag) out.Tag = results.Tag;
    return out;
  }

  // --- helpers ---------------------------------------------------------------------------

  #addObject<N extends TemplateName>(name: N, relations: Array<RelationEntry<RelationOf<N>>>, uuid: string = randomUUID()): string {
    this.#result.addObject(name, relations, { uuid });
    this.#objectUuids.add(uuid);
    return uuid;
  }

  #reference(source: string, referencedUuid: string, relationship: string): void {
    const list = this.#references.get(source) ?? [];
    list.push({ referencedUuid, relationship });
    this.#references.set(source, list);
  }

  #collect(type: 'filename' | 'regkey', value: string, source: string, relationship: string): void {
    const byValue = this.#attributes.get(type) ?? new Map<string, Array<[string, string]>>();
    this.#attributes.set(type, byValue);
    const refs = byValue.get(value) ?? [];
    if (!refs.some(([s, r]) => s === source && r === relationship)) refs.push([source, relationship]);
    byValue.set(value, refs);
  }

  #processReference(target: unknown, currentPath: unknown, referencedUuid: string): void {
    const process = this.#processes.get(processKey(target, currentPath));
    this.#reference(process ?? this.#analysisUuid, referencedUuid, 'contacts');
  }

  // --- sections --------------------------------------------------------------------------

  #analysisType(): 'file' | 'url' {
    const target = rec(rec(this.#data, 'generalinfo'), 'target');
    if (truthy(target['sample'])) return 'file';
    if (truthy(target['url'])) return 'url';
    throw JOE_PARSER_MESSAGES.error('noTarget');
  }

  #parseUrlAnalysis(): void {
    const url = str(rec(rec(this.#data, 'generalinfo'), 'target')['url']);
    this.#analysisUuid = this.#addObject('url', [{ relation: 'url', value: url, to_ids: false }]);
  }

  #parseFileInfo(): void {
    const fileinfo = rec(this.#data, 'fileinfo');
    const relations: Array<RelationEntry<RelationOf<'file'>>> = [];
    for (const field of FILE_HASH_FIELDS) relations.push({ relation: field, value: str(fileinfo[field]), to_ids: false });
    for (const [field, relation] of FILE_FIELDS) {
      if (fileinfo[field] !== undefined && fileinfo[field] !== null) relations.push({ relation, value: str(fileinfo[field]), to_ids: false });
    }
    const fileUuid: string = randomUUID();
    this.#analysisUuid = fileUuid;
    const arch = str(rec(this.#data, 'generalinfo')['arch']) ?? '';
    const kind = this.options.importExecutable ? ARCH_TYPES[arch as keyof typeof ARCH_TYPES] : undefined;
    if (kind === 'pe') this.#parsePe(fileinfo, relations, fileUuid);
    else if (kind === 'elf') this.#parseElf(fileinfo, relations, fileUuid);
    else if (kind === 'apk') this.#parseApk(fileinfo, relations, fileUuid);
    else this.#addObject('file', relations, fileUuid);
  }

  #parseApk(fileinfo: Json, fileRelations: Array<RelationEntry<RelationOf<'file'>>>, fileUuid: string): void {
    this.#addObject('file', fileRelations, fileUuid);
    const groups = new Map<string, string[]>();
    for (const permission of list(rec(rec(fileinfo, 'apk'), 'requiredpermissions'), 'permission')) {
      const parts = (str(permission['@name']) ?? '').split('.');
      const name = parts.pop() ?? '';
      const key = parts.join(' ');
      groups.set(key, [...(groups.get(key) ?? []), name]);
    }
    for (const [comment, permissions] of groups) {
      const uuid = this.#addObject('android-permission', [
        { relation: 'comment', value: comment, to_ids: false },
        ...permissions.map((p) => ({ relation: 'permission' as const, value: p, to_ids: false })),
      ]);
      this.#reference(fileUuid, uuid, 'grants');
    }
  }

  #parseElf(fileinfo: Json, fileRelations: Array<RelationEntry<RelationOf<'file'>>>, fileUuid: string): void {
    this.#addObject('file', fileRelations, fileUuid);
    for (const elfFile of list(rec(fileinfo, 'elf'), 'file')) {
      const elfUuid: string = randomUUID();
      this.#reference(fileUuid, elfUuid, 'includes');
      const header = list(list(elfFile, 'main')[0], 'header')[0] ?? {};
      const relations: Array<RelationEntry<RelationOf<'elf'>>> = [];
      const type = str(header['type']);
      if (type) relations.push({ relation: 'type', value: type === 'EXEC (Executable file)' ? 'EXECUTABLE' : type, to_ids: false });
      for (const [field, relation] of ELF_FIELDS) {
        if (truthy(header[field])) relations.push({ relation, value: str(header[field]), to_ids: false });
      }
      const sections = list(rec(elfFile, 'sections'), 'section');
      relations.push({ relation: 'number-sections', value: sections.length, to_ids: false });
      this.#addObject('elf', relations, elfUuid);
      for (const section of sections) {
        const sectionRelations: Array<RelationEntry<RelationOf<'elf-section'>>> = [];
        for (const feature of ['name', 'type'] as const) {
          if (truthy(section[feature])) sectionRelations.push({ relation: feature, value: str(section[feature]), to_ids: false });
        }
        const size = str(section['size']);
        if (size) sectionRelations.push({ relation: 'size-in-bytes', value: parseInt(size, 16), to_ids: false });
        for (const flag of flagList(section['flagsdesc'])) {
          const value = ELF_SECTION_FLAGS[flag];
          if (value) sectionRelations.push({ relation: 'flag', value, to_ids: false });
        }
        const sectionUuid = this.#addObject('elf-section', sectionRelations);
        this.#reference(elfUuid, sectionUuid, 'includes');
      }
    }
  }

  #parsePe(fileinfo: Json, fileRelations: Array<RelationEntry<RelationOf<'file'>>>, fileUuid: string): void {
    if (!isRecord(fileinfo['pe'])) {
      this.#addObject('file', fileRelations, fileUuid);
      return;
    }
    const peinfo = fileinfo['pe'];
    const peUuid: string = randomUUID();
    this.#addObject('file', fileRelations, fileUuid);
    this.#result.addReference(fileUuid, peUuid, 'includes');

    const relations: Array<RelationEntry<RelationOf<'pe'>>> = [];
    for (const [field, relation] of PE_FIELDS) {
      if (peinfo[field] !== undefined && peinfo[field] !== null) relations.push({ relation, value: str(peinfo[field]), to_ids: false });
    }
    const timestamp = parseInt((str(peinfo['timestamp']) ?? '').split(/\s+/)[0] ?? '', 16);
    if (Number.isFinite(timestamp)) relations.push({ relation: 'compilation-timestamp', value: timestamp, to_ids: false });
    let programName = str(fileinfo['filename']);
    for (const version of list(rec(peinfo, 'versions'), 'version')) {
      const name = str(version['name']) ?? '';
      if (name === 'InternalName') programName = str(version['value']);
      const relation = PE_VERSION_FIELDS[name];
      if (relation) relations.push({ relation, value: str(version['value']), to_ids: false });
    }
    const sections = list(rec(peinfo, 'sections'), 'section');
    relations.push({ relation: 'number-sections', value: sections.length, to_ids: false });

    const signature = rec(peinfo, 'signature');
    this.#addObject('pe', relations, peUuid);
    if (truthy(signature['signed'])) {
      const signerRelations: Array<RelationEntry<RelationOf<'authenticode-signerinfo'>>> = [
        { relation: 'program-name', value: programName, to_ids: false },
      ];
      for (const [field, relation] of SIGNERINFO_FIELDS) {
        if (signature[field] !== undefined && signature[field] !== null) signerRelations.push({ relation, value: str(signature[field]), to_ids: false });
      }
      const signerUuid: string = randomUUID();
      this.#result.addReference(peUuid, signerUuid, 'signed-by');
      this.#addObject('authenticode-signerinfo', signerRelations, signerUuid);
    }
    for (const section of sections) {
      const sectionRelations: Array<RelationEntry<RelationOf<'pe-section'>>> = [];
      for (const [field, relation] of PE_SECTION_FIELDS) {
        if (section[field] !== undefined && section[field] !== null) sectionRelations.push({ relation, value: str(section[field]), to_ids: false });
      }
      const sectionUuid = this.#addObject('pe-section', sectionRelations);
      this.#reference(peUuid, sectionUuid, 'includes');
    }
  }

  #parseSystemBehavior(): void {
    const system = rec(this.#data, 'behavior')['system'];
    if (!isRecord(system) || !truthy(system['processes'])) return;
    for (const process of list(rec(system, 'processes'), 'process')) {
      const general = rec(process, 'general');
      const relations: Array<RelationEntry<RelationOf<'process'>>> = PROCESS_FIELDS.map(([feature, relation]) => ({
        relation,
        value: str(general[feature]),
        to_ids: false,
      }));
      const start = joeProcessStart(str(general['date']), str(general['time']));
      if (start) relations.push({ relation: 'start-time', value: start, to_ids: false });
      const uuid = this.#addObject('process', relations);
      if (truthy(process['fileactivities'])) this.#parseFileActivities(uuid, rec(process, 'fileactivities'));
      if (truthy(process['registryactivities'])) this.#parseRegistryActivities(uuid, rec(process, 'registryactivities'));
      this.#reference(this.#analysisUuid, uuid, 'calls');
      this.#processes.set(processKey(general['targetid'], general['path']), uuid);
    }
  }

  #parseFileActivities(processUuid: string, activities: Json): void {
    for (const [feature, files] of Object.entries(activities)) {
      const relationship = FILE_REFERENCES[feature];
      if (!relationship || !truthy(files)) continue;
      for (const call of list(files, 'call')) {
        const path = str(call['path']);
        if (path) this.#collect('filename', path, processUuid, relationship);
      }
    }
  }

  #parseRegistryActivities(processUuid: string, activities: Json): void {
    for (const call of list(activities['keyCreated'], 'call')) {
      const path = str(call['path']);
      if (path) this.#collect('regkey', path, processUuid, 'creates');
    }
    for (const [feature, relationship] of REGISTRY_REFERENCES) {
      for (const call of list(activities[feature], 'call')) {
        const relations: Array<RelationEntry<RelationOf<'registry-key'>>> = [];
        for (const [field, relation] of REGKEY_FIELDS) {
          if (call[field] !== undefined && call[field] !== null) relations.push({ relation, value: str(call[field]), to_ids: false });
        }
        relations.push({ relation: 'data-type', value: `REG_${(str(call['type']) ?? '').toUpperCase()}`, to_ids: false });
        const uuid = this.#addObject('registry-key', relations);
        this.#reference(processUuid, uuid, relationship);
      }
    }
  }

  #parseNetworkBehavior(): void {
    const network = rec(rec(this.#data, 'behavior'), 'network');
    // connection (src ip, dst ip, src port, dst port) → protocol → timestamps
    const connections = new Map<string, { fields: unknown[]; protocols: Map<Protocol, string[]> }>();
    for (const protocol of Object.keys(PROTOCOLS) as Protocol[]) {
      if (!truthy(network[protocol])) continue;
      for (const packet of list(rec(network, protocol), 'packet')) {
        const timestamp = joeNetworkTimestamp(str(packet['timestamp']) ?? '');
        const fields = NETWORK_FIELDS.map(([field]) => packet[field] ?? null);
        const key = JSON.stringify(fields);
        const connection = connections.get(key) ?? { fields, protocols: new Map<Protocol, string[]>() };
        connections.set(key, connection);
        const stamps = connection.protocols.get(protocol) ?? [];
        if (timestamp && !stamps.includes(timestamp)) stamps.push(timestamp);
        connection.protocols.set(protocol, stamps);
      }
    }
    for (const { fields, protocols } of connections.values()) {
      const base: Array<RelationEntry<RelationOf<'network-connection'>>> = NETWORK_FIELDS.map(([, relation], i) => ({
        relation,
        value: str(fields[i]),
        to_ids: false,
      }));
      const layers = new Set([...protocols.keys()].map((p) => PROTOCOLS[p]));
      // One object when every protocol sits on its own layer, else one per protocol.
      const groups: Array<Array<[Protocol, string[]]>> =
        layers.size === protocols.size ? [[...protocols.entries()]] : [...protocols.entries()].map((entry) => [entry]);
      for (const group of groups) {
        const stamps = group.flatMap(([, s]) => s).sort();
        const relations = [...base];
        if (stamps[0]) relations.push({ relation: 'first-packet-seen', value: stamps[0], to_ids: false });
        for (const [protocol] of group) {
          const layer = PROTOCOLS[protocol];
          relations.push({ relation: `layer${layer}-protocol` as RelationOf<'network-connection'>, value: protocol, to_ids: false });
        }
        const uuid = this.#addObject('network-connection', relations);
        this.#reference(this.#analysisUuid, uuid, 'initiates');
      }
    }
  }

  #parseScreenshot(): void {
    const interesting = rec(rec(this.#data, 'behavior'), 'screenshotdata')['interesting'];
    if (interesting === undefined || interesting === null) return;
    const data = str(rec({ i: interesting }, 'i')['$']);
    if (!data) return;
    this.#result.addAttribute({ type: 'attachment', value: 'screenshot.jpg', data, disable_correlation: true, to_ids: false });
  }

  #parseNetworkInteractions(): void {
    for (const domain of list(rec(this.#data, 'domaininfo'), 'domain')) {
      if (domain['@ip'] !== 'unknown') {
        const relations: Array<RelationEntry<RelationOf<'domain-ip'>>> = [];
        for (const [key, relation] of DOMAIN_FIELDS) {
          if (domain[key] !== undefined && domain[key] !== null) relations.push({ relation, value: str(domain[key]), to_ids: false });
        }
        const uuid = this.#addObject('domain-ip', relations);
        this.#processReference(domain['@targetid'], domain['@currentpath'], uuid);
      } else {
        const name = str(domain['@name']);
        if (!name) continue;
        const attribute = this.#result.addAttribute({ type: 'domain', value: name, to_ids: false });
        this.#processReference(domain['@targetid'], domain['@currentpath'], attribute.uuid);
      }
    }
    for (const ip of list(rec(this.#data, 'ipinfo'), 'ip')) {
      const value = str(ip['@ip']);
      if (!value) continue;
      const attribute = this.#result.addAttribute({ type: 'ip-dst', value, to_ids: false });
      this.#processReference(ip['@targetid'], ip['@currentpath'], attribute.uuid);
    }
    for (const url of list(rec(this.#data, 'urlinfo'), 'url')) {
      const value = str(url['@name']);
      if (!value) continue;
      const targetId = Number(url['@targetid']);
      const currentPath = str(url['@currentpath']);
      const uuid = randomUUID();
      const inMemory = targetId === -1 || currentPath === 'unknown';
      if (!inMemory) this.#processReference(url['@targetid'], currentPath, uuid);
      this.#result.addAttribute({
        type: 'url',
        value,
        to_ids: false,
        uuid,
        ...(inMemory && { comment: 'From Memory - Enriched via the joe_import module' }),
      });
    }
  }

  #parseDroppedFiles(): void {
    for (const dropped of list(rec(this.#data, 'droppedinfo'), 'hash')) {
      const relations: Array<RelationEntry<RelationOf<'file'>>> = [];
      for (const [key, relation] of DROPPED_FILE_FIELDS) {
        if (dropped[key] !== undefined && dropped[key] !== null) relations.push({ relation, value: str(dropped[key]), to_ids: false });
      }
      if (dropped['@malicious'] === 'true' || dropped['@malicious'] === true) {
        relations.push({ relation: 'state', value: 'Malicious', to_ids: false });
      }
      for (const hash of list(dropped, 'value')) {
        const relation = DROPPED_HASHES[str(hash['@algo']) ?? ''];
        if (relation) relations.push({ relation, value: str(hash['$']), to_ids: false });
      }
      const uuid = this.#addObject('file', relations);
      const process = this.#processes.get(processKey(dropped['@targetid'], dropped['@process']));
      if (process) this.#reference(process, uuid, 'drops');
    }
  }

  #handleAttributes(): void {
    for (const [type, values] of this.#attributes) {
      for (const [value, references] of values) {
        const attribute = this.#result.addAttribute({ type, value, to_ids: false });
        for (const [source, relationship] of references) this.#reference(source, attribute.uuid, relationship);
      }
    }
  }

  #parseMitreAttack(): void {
    for (const tactic of list(rec(this.#data, 'mitreattack'), 'tactic')) {
      for (const technique of list(tactic, 'technique')) {
        this.#result.addTag(`misp-galaxy:mitre-attack-pattern="${str(technique['name'])} - ${str(technique['id'])}"`);
      }
    }
  }
}

/** Process lookup key: upstream stores (targetid, path) and looks up with int(targetid). */
function processKey(target: unknown, path: unknown): string {
  const id = Number.parseInt(String(target), 10);
  return `${Number.isNaN(id) ? String(target) : id}\u0000${String(path)}`;
}

function flagList(value: unknown): string[] {
  if (typeof value === 'string') return [...value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}
