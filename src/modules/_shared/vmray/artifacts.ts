/**
 * VMRay artifacts (domains, e-mails, files, IPs, mutexes, processes,
 * registry keys, URLs) and how each becomes MISP attributes or an object
 * (upstream lib/_vmray/parser.py). Duplicates across reports are merged.
 */
import type { AttributeType } from '../../../misp/attribute-types.js';
import type { RelationInput } from '../../../misp/standard-result.js';
import type { RelationOf, TemplateName } from '../../../misp/templates/index.js';
import type { Category } from '../../../misp/types.js';

/** An event-level attribute of the "attributes" output mode (upstream's Attribute dataclass). */
export interface PlainAttribute {
  type: AttributeType;
  value: string;
  category?: Category;
  comment?: string;
  to_ids: boolean;
}

export interface ArtifactObject<N extends TemplateName = TemplateName> {
  template: N;
  relations: Array<RelationInput<RelationOf<N>>>;
}

interface Base {
  isIoc: boolean;
  verdict: string | undefined;
  classifications: string[];
}

export type Artifact =
  | (Base & { kind: 'domain'; domain: string; sources: string[]; ips: string[] })
  | (Base & { kind: 'email'; sender?: string; subject?: string; recipients: string[] })
  | (Base & {
      kind: 'file'; filenames: string[]; operations: string[]; md5?: string; sha1?: string; sha256?: string;
      ssdeep?: string; imphash?: string; size?: number; mimetype?: string;
    })
  | (Base & { kind: 'ip'; ip: string; sources: string[] })
  | (Base & { kind: 'mutex'; name: string; operations: string[] })
  | (Base & { kind: 'process'; filename?: string; pid?: number; parentPid?: number; cmdLine?: string; operations: string[] })
  | (Base & { kind: 'registry'; key: string; operations: string[] })
  | (Base & { kind: 'url'; url: string; operations: string[]; domain?: string; ips: string[] });

/** Ordered union (upstream uses a set, whose order Python does not fix). */
export function mergeLists<T>(target: readonly T[], source: readonly T[]): T[] {
  return [...new Set([...target, ...source])];
}

export function classificationsText(classifications: readonly string[]): string | undefined {
  return classifications.length ? `Classifications: ${classifications.join(', ')}` : undefined;
}

const operationsText = (operations: readonly string[]): string | undefined =>
  operations.length ? `Operations: ${operations.join(', ')}` : undefined;

/** Same artifact (upstream's __eq__ per class). */
export function sameArtifact(a: Artifact, b: Artifact): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'domain': return a.domain === (b as typeof a).domain;
    case 'email': return a.sender === (b as typeof a).sender && a.subject === (b as typeof a).subject;
    case 'file': return a.sha256 === (b as typeof a).sha256;
    case 'ip': return a.ip === (b as typeof a).ip;
    case 'mutex': return a.name === (b as typeof a).name;
    case 'process': return a.filename === (b as typeof a).filename && a.cmdLine === (b as typeof a).cmdLine;
    case 'registry': return a.key === (b as typeof a).key;
    case 'url': return a.url === (b as typeof a).url && a.domain === (b as typeof a).domain;
  }
}

/** Folds `other` into `target` (upstream's merge per class). */
export function mergeArtifact(target: Artifact, other: Artifact): void {
  if (target.kind !== other.kind) return;
  const o = other as typeof target;
  switch (target.kind) {
    case 'domain':
      target.ips = mergeLists(target.ips, (o as typeof target).ips);
      target.classifications = mergeLists(target.classifications, o.classifications);
      return;
    case 'email':
      target.recipients = mergeLists(target.recipients, (o as typeof target).recipients);
      target.classifications = mergeLists(target.classifications, o.classifications);
      return;
    case 'file':
      target.filenames = mergeLists(target.filenames, (o as typeof target).filenames);
      target.operations = mergeLists(target.operations, (o as typeof target).operations);
      target.classifications = mergeLists(target.classifications, o.classifications);
      return;
    case 'ip':
      target.sources = mergeLists(target.sources, (o as typeof target).sources);
      target.classifications = mergeLists(target.classifications, o.classifications);
      return;
    case 'mutex':
    case 'process':
      target.operations = mergeLists(target.operations, (o as typeof target).operations);
      target.classifications = mergeLists(target.classifications, o.classifications);
      return;
    case 'registry':
      target.operations = mergeLists(target.operations, (o as typeof target).operations);
      return;
    case 'url':
      target.ips = mergeLists(target.ips, (o as typeof target).ips);
      target.operations = mergeLists(target.operations, (o as typeof target).operations);
      return;
  }
}

/** Attributes of the "attributes" output mode. */
export function artifactAttributes(a: Artifact): PlainAttribute[] {
  switch (a.kind) {
    case 'domain':
      return [{ type: 'domain', value: a.domain, comment: a.sources.length ? a.sources.join(', ') : undefined, to_ids: false }];
    case 'email': {
      const out: PlainAttribute[] = [];
      if (a.sender) out.push({ type: 'email-src', value: a.sender, comment: classificationsText(a.classifications), to_ids: false });
      if (a.subject) out.push({ type: 'email-subject', value: a.subject, to_ids: false });
      for (const recipient of a.recipients) out.push({ type: 'email-dst', value: recipient, to_ids: false });
      return out;
    }
    case 'file': {
      const comment = `File operations: ${a.operations.join(', ')}`;
      const out: PlainAttribute[] = a.filenames.map((filename) => ({ type: 'filename', value: filename, comment, to_ids: false }));
      for (const hash of ['md5', 'sha1', 'sha256', 'ssdeep', 'imphash'] as const) {
        const value = a[hash];
        if (value === undefined) continue;
        for (const filename of a.filenames) {
          out.push({ type: `filename|${hash}`, value: `${filename}|${value}`, category: 'Payload delivery', to_ids: true });
        }
      }
      return out;
    }
    case 'ip':
      return [{ type: 'ip-dst', value: a.ip, comment: `Found in: ${a.sources.join(', ')}`, to_ids: false }];
    case 'mutex':
      return [{ type: 'mutex', value: a.name, comment: `Operations: ${a.operations.join(', ')}`, to_ids: false }];
    case 'process':
      return [{
        type: 'text',
        value: `Process created: ${a.filename ?? 'None'}\nPID: ${a.pid ?? 'None'}`,
        comment: classificationsText(a.classifications),
        to_ids: false,
      }];
    case 'registry':
      return [{ type: 'regkey', value: a.key, comment: `Operations: ${a.operations.join(', ')}`, to_ids: false }];
    case 'url':
      return [{ type: 'url', value: a.url, comment: `Operations: ${a.operations.join(', ')}`, to_ids: false }];
  }
}

/** The tags upstream's tag_artifact_attribute puts on the main attribute. */
function artifactTags(a: Artifact, tag: boolean): string[] {
  if (!tag) return [];
  const tags: string[] = [];
  if (a.isIoc) tags.push('vmray:artifact="IOC"');
  if (a.verdict) tags.push(`vmray:verdict="${a.verdict}"`);
  return tags;
}

const USER_PROFILES = [/.:.Users\\(.*?)\\/gi, /.:.DOCUME~1.\\(.*?)\\/gi, /.:.Documents and Settings\\(.*?)\\/gi];

/** Python's str(PureWindowsPath(p)) and its .name, for the paths VMRay reports. */
export function windowsPath(path: string): { full: string; name: string } {
  const unc = /^[\\/]{2}[^\\/]/.test(path);
  const parts = path.split(/[\\/]+/).filter((part, i) => part !== '.' && (part !== '' || i === 0));
  let full = parts.join('\\');
  if (unc) full = `\\\\${full.replace(/^\\+/, '')}`;
  if (/^[A-Za-z]:$/.test(full)) full += '\\';
  const last = parts[parts.length - 1] ?? '';
  return { full, name: /^[A-Za-z]:$/.test(last) ? '' : last };
}

export function artifactObject(a: Artifact, tag: boolean): ArtifactObject {
  const tags = artifactTags(a, tag);
  switch (a.kind) {
    case 'domain':
      return obj('domain-ip', [
        { relation: 'domain', value: a.domain, to_ids: a.isIoc, comment: classificationsText(a.classifications), tags },
        ...a.ips.map((ip) => ({ relation: 'ip' as const, value: ip, to_ids: a.isIoc })),
      ]);
    case 'email':
      return obj('email', [
        ...(a.sender ? [{ relation: 'from' as const, value: a.sender, to_ids: a.isIoc, comment: classificationsText(a.classifications), tags }] : []),
        ...(a.subject ? [{ relation: 'subject' as const, value: a.subject, to_ids: false }] : []),
        ...a.recipients.map((r) => ({ relation: 'to' as const, value: r, to_ids: false })),
      ]);
    case 'file': {
      const relations: Array<RelationInput<RelationOf<'file'>>> = [];
      if (a.size) relations.push({ relation: 'size-in-bytes', value: a.size });
      const comment = classificationsText(a.classifications);
      for (const hash of ['md5', 'sha1', 'sha256', 'ssdeep'] as const) {
        if (a[hash]) relations.push({ relation: hash, value: a[hash], to_ids: a.isIoc, comment, tags });
      }
      if (a.mimetype) relations.push({ relation: 'mimetype', value: a.mimetype, to_ids: false });
      const operations = operationsText(a.operations);
      for (const filename of a.filenames) {
        const path = windowsPath(filename);
        relations.push({ relation: 'filename', value: path.name, comment: operations });
        let full = path.full;
        for (const re of USER_PROFILES) full = full.replace(re, '%USERPROFILE%\\');
        relations.push({ relation: 'fullpath', value: full });
      }
      return obj('file', relations);
    }
    case 'ip':
      return obj('ip-port', [{ relation: 'ip', value: a.ip, comment: classificationsText(a.classifications), to_ids: a.isIoc, tags }]);
    case 'mutex':
      return obj('mutex', [
        { relation: 'name', value: a.name, category: 'External analysis', to_ids: false, comment: classificationsText(a.classifications), tags },
        { relation: 'description', value: operationsText(a.operations), to_ids: false },
      ]);
    case 'process':
      return obj('process', [
        ...(a.pid ? [{ relation: 'pid' as const, value: a.pid, category: 'External analysis' as const }] : []),
        ...(a.parentPid ? [{ relation: 'parent-pid' as const, value: a.parentPid, category: 'External analysis' as const }] : []),
        { relation: 'name', value: a.filename, category: 'External analysis', comment: classificationsText(a.classifications), tags },
        { relation: 'command-line', value: a.cmdLine, tags },
      ]);
    case 'registry':
      return obj('registry-key', [{ relation: 'key', value: a.key, to_ids: a.isIoc, comment: operationsText(a.operations), tags }]);
    case 'url':
      return obj('url', [
        { relation: 'url', value: a.url, comment: operationsText(a.operations), category: 'External analysis', to_ids: false, tags },
        ...(a.domain ? [{ relation: 'domain' as const, value: a.domain, category: 'External analysis' as const, to_ids: false }] : []),
        ...a.ips.map((ip) => ({ relation: 'ip' as const, value: ip, category: 'External analysis' as const, to_ids: false })),
      ]);
  }
}

function obj<N extends TemplateName>(template: N, relations: Array<RelationInput<RelationOf<N>>>): ArtifactObject {
  return { template, relations } as unknown as ArtifactObject;
}
