/**
 * A Cuckoo analysis (report.json plus the analysis folder) → MISP objects:
 * port of upstream's CuckooParser. Each option of the import form runs one
 * step, in upstream's order (processes before signatures and dropped files,
 * which reference them).
 */
import { randomUUID } from 'node:crypto';
import { MispResultBuilder, type RelationEntry, type RelationInput } from '../../../misp/standard-result.js';
import type { RelationOf } from '../../../misp/templates/index.js';
import type { Category, MispStandardResults } from '../../../misp/types.js';
import { binaryFileRelations, type FileRelation } from '../../_shared/archives/file-object.js';
import { isRecord, list, rec, str, type Json } from '../../_shared/joe/json.js';
import { marksText } from './marks.js';
import { basename, relativePath } from './paths.js';

/** Form options, in the order upstream runs them. */
export const CUCKOO_OPTIONS = [
  ['Sandbox info', 'Add info related to the sandbox'],
  ['Upload sample', 'Upload the sample'],
  ['Processes', 'Add info related to the processes'],
  ['DNS', 'Add DNS queries/answers'],
  ['TCP', 'Add TCP connections'],
  ['UDP', 'Add UDP connections'],
  ['HTTP', 'Add HTTP requests'],
  ['Signatures', "Add Cuckoo's triggered signatures"],
  ['Screenshots', 'Upload the screenshots'],
  ['Dropped files', 'Upload the dropped files'],
  ['Dropped buffers', 'Upload the dropped buffers'],
] as const;

export type CuckooOption = (typeof CUCKOO_OPTIONS)[number][0];

/** The analysis folder's files (absent when only report.json was uploaded). */
export interface AnalysisFiles {
  has(name: string): boolean;
  read(name: string): Promise<Uint8Array | undefined>;
}

// Relations whose attribute type upstream moves to "Payload delivery" / "Artifacts dropped"
// (its list names "mimetype", which is no attribute type, so the MIME type keeps its category).
const RECATEGORISED = new Set<FileRelation>(['filename', 'md5', 'sha1', 'sha256', 'sha512', 'malware-sample', 'ssdeep']);

function recategorise(relations: Array<RelationEntry<FileRelation>>, category: Category): Array<RelationInput<FileRelation>> {
  return relations.map((entry) => {
    const input: RelationInput<FileRelation> = Array.isArray(entry)
      ? { relation: entry[0] as FileRelation, value: entry[1] as RelationInput['value'] }
      : { ...(entry as RelationInput<FileRelation>) };
    return RECATEGORISED.has(input.relation) ? { ...input, category } : input;
  });
}

const DNS_ANSWERS: Readonly<Record<string, RelationOf<'dns-record'>>> = {
  A: 'a-record', AAAA: 'aaaa-record', CNAME: 'cname-record', MX: 'mx-record', NS: 'ns-record', TXT: 'txt-record',
  PTR: 'ptr-record', SOA: 'soa-record', SRV: 'srv-record',
};

/** A file object from the report's own facts, when the archive does not hold the file. */
function reportedFileRelations(name: string, facts: Json): Array<RelationEntry<FileRelation>> {
  const relations: Array<RelationEntry<FileRelation>> = [['filename', name]];
  if (typeof facts['size'] === 'number') relations.push(['size-in-bytes', facts['size']]);
  for (const hash of ['md5', 'sha1', 'sha256', 'sha512', 'ssdeep'] as const) relations.push([hash, str(facts[hash])]);
  return relations;
}

export class CuckooParser {
  readonly #result = new MispResultBuilder();
  /** pid → first process object with it. */
  readonly #processes = new Map<string, string>();

  constructor(
    private readonly report: Json,
    private readonly files: AnalysisFiles,
  ) {}

  async parse(enabled: (option: CuckooOption) => boolean): Promise<MispStandardResults> {
    const steps: Record<CuckooOption, () => Promise<void> | void> = {
      'Sandbox info': () => this.#sandboxInfo(),
      'Upload sample': () => this.#sample(),
      Processes: () => this.#processTree(),
      DNS: () => this.#dns(),
      TCP: () => this.#network('tcp'),
      UDP: () => this.#network('udp'),
      HTTP: () => this.#http(),
      Signatures: () => this.#signatures(),
      Screenshots: () => this.#screenshots(),
      'Dropped files': () => this.#droppedFiles(),
      'Dropped buffers': () => this.#droppedBuffers(),
    };
    for (const [option] of CUCKOO_OPTIONS) if (enabled(option)) await steps[option]();
    const { results } = this.#result.toResults();
    return { ...(results.Attribute && { Attribute: results.Attribute }), ...(results.Object && { Object: results.Object }) };
  }

  #relpath(path: unknown): string {
    return typeof path === 'string' ? relativePath(path, (name) => this.files.has(name)) : '';
  }

  #sandboxInfo(): void {
    const info = rec(this.report, 'info');
    if (Object.keys(info).length === 0) return;
    const machine = rec(info, 'machine');
    this.#result.addObject('sandbox-report', [
      ['score', str(info['score'])],
      ['sandbox-type', 'on-premise'],
      ['on-premise-sandbox', 'cuckoo'],
      ['raw-report', `started on:${str(machine['started_on']) ?? 'None'} duration:${str(info['duration']) ?? 'None'}s vm:${str(machine['name']) ?? 'None'}/${str(machine['label']) ?? 'None'}`],
    ]);
  }

  async #sample(): Promise<void> {
    const target = rec(this.report, 'target');
    const category = str(target['category']);
    if (category === 'file') {
      const facts = rec(target, 'file');
      const name = str(facts['name']) ?? 'binary';
      const binary = this.files.has('binary') ? await this.files.read('binary') : undefined;
      const relations = binary ? binaryFileRelations(name, binary) : reportedFileRelations(name, facts);
      this.#result.addObject('file', recategorise(relations, 'Payload delivery'), { comment: 'Submitted sample' });
    } else if (category === 'url') {
      this.#result.addObject('url', [
        ['url', str(target['url'])],
        ['text', 'Submitted URL'],
      ]);
    }
  }

  #http(): void {
    for (const request of list(rec(this.report, 'network'), 'http')) {
      this.#result.addObject('http-request', [
        ['host', str(request['host'])],
        ['method', str(request['method'])],
        ['uri', str(request['uri'])],
        ['user-agent', str(request['user-agent'])],
        ['text', `count:${str(request['count']) ?? 'None'} port:${str(request['port']) ?? 'None'}`],
      ]);
    }
  }

  /** Cuckoo gives packet times in seconds since the analysis started; MISP wants a date. */
  #packetTime(time: unknown): string | number | undefined {
    if (typeof time !== 'number') return undefined;
    if (time > 1e9) return time;
    const started = str(rec(this.report, 'info')['started']);
    const start = typeof rec(this.report, 'info')['started'] === 'number'
      ? Number(rec(this.report, 'info')['started'])
      : started ? Date.parse(`${started.replace(' ', 'T')}Z`) / 1000 : Number.NaN;
    return Number.isFinite(start) ? start + time : undefined;
  }

  #network(protocol: 'tcp' | 'udp'): void {
    const connections = [...list(rec(this.report, 'network'), protocol)].sort((a, b) => Number(a['time'] ?? 0) - Number(b['time'] ?? 0));
    const seen = new Set<string>();
    for (const connection of connections) {
      const key = JSON.stringify([connection['src'], connection['sport'], connection['dst'], connection['dport']]);
      if (seen.has(key)) continue;
      seen.add(key);
      this.#result.addObject('network-connection', [
        ['ip-src', str(connection['src'])],
        ['ip-dst', str(connection['dst'])],
        ['src-port', str(connection['sport'])],
        ['dst-port', str(connection['dport'])],
        ['layer3-protocol', 'IP'],
        ['layer4-protocol', protocol.toUpperCase()],
        ['first-packet-seen', this.#packetTime(connection['time'])],
      ]);
    }
  }

  #dns(): void {
    for (const record of list(rec(this.report, 'network'), 'dns')) {
      const records: Array<RelationEntry<RelationOf<'dns-record'>>> = [];
      for (const answer of list(record, 'answers')) {
        // Upstream filed AAAA answers under a-record and dropped MX, NS and the rest; the template has a relation for each.
        const relation = DNS_ANSWERS[str(answer['type']) ?? ''];
        if (relation) records.push([relation, str(answer['data'])]);
      }
      const type = str(record['type']) ?? 'None';
      if (records.length === 0) {
        // a dns-record needs at least one record: an unanswered query is kept as a domain
        const domain = str(record['request']);
        if (domain) this.#result.addAttribute({ type: 'domain', value: domain, comment: `DNS query without answer (request type:${type})` });
        continue;
      }
      this.#result.addObject('dns-record', [
        ['text', `request type:${type}`],
        ['queried-domain', str(record['request'])],
        ...records,
      ]);
    }
  }

  #signatures(): void {
    const signatures = list(this.report, 'signatures');
    if (signatures.length === 0) return;
    const relations: Array<RelationEntry<RelationOf<'sb-signature'>>> = [['software', 'Cuckoo']];
    const triggers: Array<[string, string]> = [];
    for (const signature of signatures) {
      const marks = list(signature, 'marks');
      const lines = [...new Set(marksText(marks))];
      const description = (str(signature['description']) ?? '') + (lines.length ? '\n---\n' : '') + lines.join('\n');
      const uuid: string = randomUUID();
      const ttp = isRecord(signature['ttp']) ? signature['ttp'] : {};
      const tags = Object.entries(ttp).map(([id, desc]) => `misp-galaxy:mitre-attack-pattern="${str(rec({ d: desc }, 'd')['short']) ?? 'None'} - ${id}"`);
      relations.push({ relation: 'signature', value: description, uuid, tags });
      for (const pid of new Set(marks.map((m) => str(m['pid'])).filter((p): p is string => Boolean(p) && p !== '0'))) {
        const process = this.#processes.get(pid);
        if (process) triggers.push([process, uuid]);
      }
    }
    this.#result.addObject('sb-signature', relations);
    for (const [process, signature] of triggers) this.#result.addReference(process, signature, 'triggers');
  }

  #processTree(): void {
    const tree = list(rec(this.report, 'behavior'), 'processtree');
    for (const root of tree) {
      const ordered: Array<{ uuid: string; relations: Array<RelationEntry<RelationOf<'process'>>>; parent?: string }> = [];
      const visit = (process: Json, parent?: string): void => {
        const uuid: string = randomUUID();
        const entry = {
          uuid,
          parent,
          relations: [
            ['pid', str(process['pid'])],
            ['command-line', str(process['command_line'])],
            ['name', str(process['process_name'])],
            ['parent-pid', str(process['ppid'])],
          ] as Array<RelationEntry<RelationOf<'process'>>>,
        };
        ordered.push(entry);
        for (const child of list(process, 'children')) {
          entry.relations.push(['child-pid', str(child['pid'])]);
          visit(child, uuid);
        }
      };
      visit(root);
      for (const { uuid, relations, parent } of ordered) {
        this.#result.addObject('process', relations, { uuid });
        if (parent) this.#result.addReference(uuid, parent, 'child-of');
        const pid = relations.find((r) => Array.isArray(r) && r[0] === 'pid');
        const pidValue = pid && Array.isArray(pid) ? String(pid[1]) : undefined;
        if (pidValue && !this.#processes.has(pidValue)) this.#processes.set(pidValue, uuid);
      }
    }
  }

  async #screenshots(): Promise<void> {
    const shots = list(this.report, 'screenshots');
    if (shots.length === 0) return;
    const relations: Array<RelationEntry<RelationOf<'sandbox-report'>>> = [
      ['sandbox-type', 'on-premise'],
      ['on-premise-sandbox', 'cuckoo'],
    ];
    for (const shot of shots) {
      const path = this.#relpath(shot['path']);
      const image = path ? await this.files.read(path) : undefined;
      if (!image) continue; // not in the upload (report.json alone)
      relations.push({ relation: 'sandbox-file', value: basename(path), data: image, type: 'attachment', category: 'External analysis' });
    }
    this.#result.addObject('sandbox-report', relations);
  }

  /** A dropped file or buffer: from the archive when it holds it, else from the report's hashes. */
  async #droppedRelations(path: string, filename: string, facts: Json): Promise<Array<RelationInput<FileRelation>>> {
    const data = path ? await this.files.read(path) : undefined;
    const relations = data ? binaryFileRelations(filename, data) : reportedFileRelations(filename, facts);
    return recategorise(relations, 'Artifacts dropped');
  }

  static yaraRelations(matches: readonly Json[]): Array<RelationInput<FileRelation>> {
    return matches.map((yara) => ({
      relation: 'text' as const,
      value: `Yara match\n(name) ${str(yara['name']) ?? ''}\n(description) ${str(rec(yara, 'meta')['description']) ?? ''}`,
      comment: 'Yara match',
    }));
  }

  async #droppedFiles(): Promise<void> {
    for (const dropped of list(this.report, 'dropped')) {
      const originalPath = str(dropped['filepath']) ?? '';
      const filename = restoredFilename(str(dropped['name']) ?? '', originalPath, str(dropped['sha256']) ?? '') || 'NO NAME FOUND IN THE REPORT';
      const relations = await this.#droppedRelations(this.#relpath(dropped['path']), filename, dropped);
      relations.push(...CuckooParser.yaraRelations(list(dropped, 'yara')));
      relations.push({ relation: 'fullpath', value: originalPath, category: 'Artifacts dropped' });
      const object = this.#result.addObject('file', relations, { comment: 'Dropped file' });
      for (const pid of Array.isArray(dropped['pids']) ? dropped['pids'] : []) {
        const process = this.#processes.get(String(pid));
        if (process) this.#result.addReference(object.uuid, process, 'dropped-by');
      }
    }
  }

  async #droppedBuffers(): Promise<void> {
    for (const [i, buffer] of list(this.report, 'buffer').entries()) {
      const relations = await this.#droppedRelations(this.#relpath(buffer['path']), `buffer ${i}`, buffer);
      relations.push(...CuckooParser.yaraRelations(list(buffer, 'yara')));
      this.#result.addObject('file', relations, { comment: 'Dropped buffer' });
    }
  }
}

/**
 * Cuckoo names dropped files "<first 8 hex of sha256>_<lower-case name>";
 * upstream restores the original case from the path on the VM when it can.
 */
export function restoredFilename(name: string, originalPath: string, sha256: string): string {
  if (!originalPath || !sha256) return name;
  const parts = name.split('_');
  const prefix = parts[0] ?? '';
  const original = parts[1];
  if (original === undefined) return name;
  const lower = originalPath.toLowerCase();
  if (sha256.startsWith(prefix) && lower.endsWith(original) && !lower.includes(name)) {
    return originalPath.slice(lower.lastIndexOf(original));
  }
  return name;
}
