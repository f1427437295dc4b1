/**
 * Readers for VMRay's summary.json (v1, VMRay 3.x) and summary_v2.json
 * (VMRay 4+): the facts the MISP conversion needs (upstream's Summary and
 * SummaryV2 classes).
 */
import { isRecord, list, rec, str, type Json } from '../joe/json.js';
import type { Artifact } from './artifacts.js';

export interface Vti {
  category: string;
  operation: string;
  technique: string;
  score: number | undefined;
}

export interface MitreTechnique {
  description: string;
  id: string;
}

export interface ReportParser {
  isStaticReport(): boolean;
  artifacts(): Artifact[];
  classifications(): string | undefined;
  details(): string[];
  mitreAttacks(): MitreTechnique[];
  sandboxType(): string;
  score(): string | undefined;
  vtis(): Vti[];
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String) : [];
const optional = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : str(value));
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined);
const pyBool = (value: unknown): string => (value === true ? 'True' : value === false ? 'False' : value === null || value === undefined ? 'None' : String(value));

/** Summary v1 severities and scores → verdict words. */
export function v1Verdict(score: unknown): string | undefined {
  if (typeof score === 'number' && Number.isInteger(score)) {
    if (score >= 0 && score <= 24) return 'clean';
    if (score >= 25 && score <= 74) return 'suspicious';
    if (score >= 75 && score <= 100) return 'malicious';
    return 'n/a';
  }
  if (typeof score === 'string') {
    const s = score.toLowerCase();
    if (s === 'not_suspicious' || s === 'whitelisted') return 'clean';
    if (s === 'blacklisted') return 'malicious';
    if (s === 'not_available' || s === 'unknown') return 'n/a';
    return s;
  }
  return undefined;
}

/** Summary v2 verdicts: "not_available" and empty mean n/a. */
export function v2Verdict(verdict: unknown): string {
  const v = optional(verdict);
  return !v || v === 'not_available' ? 'n/a' : v;
}

export class SummaryV1 implements ReportParser {
  constructor(
    private readonly report: Json,
    private readonly analysisId = 0,
  ) {}

  isStaticReport(): boolean {
    return rec(this.report, 'vti')['vti_rule_type'] === 'Static';
  }

  artifacts(): Artifact[] {
    const artifacts = rec(this.report, 'artifacts');
    const out: Artifact[] = [];
    for (const d of list(artifacts, 'domains')) {
      out.push({ kind: 'domain', domain: str(d['domain']) ?? '', sources: strings(d['sources']), ips: strings(d['ip_addresses']),
        classifications: strings(d['classifications']), isIoc: d['ioc'] === true, verdict: v1Verdict(d['severity']) });
    }
    for (const e of list(artifacts, 'emails')) {
      out.push({ kind: 'email', sender: optional(e['sender']), subject: optional(e['subject']), recipients: strings(e['recipients']),
        classifications: strings(e['classifications']), isIoc: e['ioc'] === true, verdict: v1Verdict(e['severity']) });
    }
    for (const f of list(artifacts, 'files')) {
      if (f['filename'] === null || f['filename'] === undefined) continue;
      const filenames = [str(f['filename']) ?? '', ...strings(f['filenames'])];
      for (const hashes of list(f, 'hashes')) {
        out.push({ kind: 'file', filenames: [...filenames], imphash: optional(hashes['imp_hash']), md5: optional(hashes['md5_hash']),
          ssdeep: optional(hashes['ssdeep_hash']), sha256: optional(hashes['sha256_hash']), sha1: optional(hashes['sha1_hash']),
          operations: strings(f['operations']), classifications: strings(f['classifications']), size: num(f['file_size']),
          isIoc: f['ioc'] === true, mimetype: optional(f['mime_type']), verdict: v1Verdict(f['severity']) });
      }
    }
    for (const ip of list(artifacts, 'ips')) {
      out.push({ kind: 'ip', ip: str(ip['ip_address']) ?? '', sources: strings(ip['sources']), classifications: strings(ip['classifications']),
        verdict: v1Verdict(ip['severity']), isIoc: ip['ioc'] === true });
    }
    for (const m of list(artifacts, 'mutexes')) {
      out.push({ kind: 'mutex', name: str(m['mutex_name']) ?? '', operations: strings(m['operations']), classifications: [],
        verdict: v1Verdict(m['severity']), isIoc: m['ioc'] === true });
    }
    for (const p of list(artifacts, 'processes')) {
      out.push({ kind: 'process', filename: optional(p['image_name']), classifications: strings(p['classifications']),
        cmdLine: optional(p['cmd_line']), operations: [], verdict: v1Verdict(p['severity']), isIoc: p['ioc'] === true });
    }
    for (const r of list(artifacts, 'registry')) {
      out.push({ kind: 'registry', key: str(r['reg_key_name']) ?? '', operations: strings(r['operations']), classifications: [],
        verdict: v1Verdict(r['severity']), isIoc: r['ioc'] === true });
    }
    for (const u of list(artifacts, 'urls')) {
      out.push({ kind: 'url', url: str(u['url']) ?? '', operations: strings(u['operations']), ips: strings(u['ip_addresses']),
        classifications: [], isIoc: u['ioc'] === true, verdict: v1Verdict(u['severity']) });
    }
    return out;
  }

  classifications(): string | undefined {
    const classifications = strings(this.report['classifications']);
    return classifications.length ? `Classifications: ${classifications.join(', ')}` : undefined;
  }

  details(): string[] {
    const details = rec(this.report, 'analysis_details');
    const analysis = this.analysisId === 0 ? '' : ` ${this.analysisId}`;
    return [
      `Analysis${analysis}: execution_successful: ${pyBool(details['execution_successful'])}`,
      `Analysis${analysis}: termination_reason: ${pyBool(details['termination_reason'])}`,
      `Analysis${analysis}: result: ${pyBool(details['result_str'])}`,
    ];
  }

  mitreAttacks(): MitreTechnique[] {
    return list(rec(this.report, 'mitre_attack'), 'techniques').map((t) => ({ description: str(t['description']) ?? '', id: str(t['id']) ?? '' }));
  }

  sandboxType(): string {
    return `${str(rec(this.report, 'vm_and_analyzer_details')['vm_name']) ?? 'None'} | ${str(rec(this.report, 'sample_details')['sample_type']) ?? 'None'}`;
  }

  score(): string | undefined {
    return v1Verdict(rec(this.report, 'vti')['vti_score']);
  }

  vtis(): Vti[] {
    return list(rec(this.report, 'vti'), 'vti_rule_matches').map((v) => ({
      category: str(v['category_desc']) ?? '', operation: str(v['operation_desc']) ?? '', technique: str(v['technique_desc']) ?? '', score: num(v['rule_score']),
    }));
  }
}

export class SummaryV2 implements ReportParser {
  constructor(
    private readonly report: Json,
    private readonly analysisId: number | string,
  ) {}

  /** Follows a `{"_type": "reference", "source": "logs/summary_v2.json", "path": [...]}` link. */
  #resolve(ref: unknown): Json {
    if (!isRecord(ref) || ref['_type'] !== 'reference' || ref['source'] !== 'logs/summary_v2.json' || !Array.isArray(ref['path'])) return {};
    let node: unknown = this.report;
    for (const part of ref['path']) {
      if (!isRecord(node) || typeof part !== 'string' || !(part in node)) return {};
      node = node[part];
    }
    return isRecord(node) ? node : {};
  }

  #resolveAll(refs: unknown): Json[] {
    const items = Array.isArray(refs) ? refs : isRecord(refs) ? [refs] : [];
    return items.map((ref) => this.#resolve(ref));
  }

  isStaticReport(): boolean {
    return rec(this.report, 'vti')['score_type'] === 'static';
  }

  artifacts(): Artifact[] {
    const artifacts = rec(this.report, 'artifacts');
    const out: Artifact[] = [];
    for (const d of this.#resolveAll(artifacts['ref_domains'])) {
      const ips = this.#resolveAll(d['ref_ip_addresses']).map((ip) => optional(ip['ip_address'])).filter((ip): ip is string => ip !== undefined);
      // upstream skips domains that resolved to no address
      if (!Array.isArray(d['ref_ip_addresses']) || d['ref_ip_addresses'].length === 0) continue;
      out.push({ kind: 'domain', domain: str(d['domain']) ?? '', sources: strings(d['sources']), ips,
        classifications: strings(d['classifications']), isIoc: d['is_ioc'] === true, verdict: optional(d['verdict']) });
    }
    for (const e of this.#resolveAll(artifacts['ref_emails'])) {
      out.push({ kind: 'email', sender: optional(e['sender']), subject: optional(e['subject']), recipients: strings(e['recipients']),
        classifications: strings(e['classifications']), verdict: optional(e['verdict']), isIoc: e['is_ioc'] === true });
    }
    for (const f of this.#resolveAll(artifacts['ref_files'])) {
      const filenames = this.#resolveAll(f['ref_filenames']).map((n) => optional(n['filename'])).filter((n): n is string => n !== undefined);
      const hashes = rec(f, 'hash_values');
      out.push({ kind: 'file', operations: strings(f['operations']), md5: optional(hashes['md5']), sha1: optional(hashes['sha1']),
        sha256: optional(hashes['sha256']), ssdeep: optional(hashes['ssdeep']), mimetype: optional(f['mime_type']), filenames,
        isIoc: f['is_ioc'] === true, classifications: strings(f['classifications']), size: num(f['size']), verdict: optional(f['verdict']) });
    }
    for (const ip of this.#resolveAll(artifacts['ref_ip_addresses'])) {
      out.push({ kind: 'ip', ip: str(ip['ip_address']) ?? '', sources: strings(ip['sources']), classifications: strings(ip['classifications']),
        verdict: optional(ip['verdict']), isIoc: ip['is_ioc'] === true });
    }
    for (const m of this.#resolveAll(artifacts['ref_mutexes'])) {
      out.push({ kind: 'mutex', name: str(m['name']) ?? '', operations: strings(m['operations']), verdict: optional(m['verdict']),
        classifications: strings(m['classifications']), isIoc: m['is_ioc'] === true });
    }
    for (const p of this.#resolveAll(artifacts['ref_processes'])) {
      out.push({ kind: 'process', pid: num(p['os_pid']), parentPid: num(p['origin_monitor_id']), filename: optional(p['filename']),
        isIoc: p['is_ioc'] === true, cmdLine: optional(p['cmd_line']), classifications: strings(p['classifications']),
        operations: [], verdict: optional(p['verdict']) });
    }
    for (const r of this.#resolveAll(artifacts['ref_registry_records'])) {
      out.push({ kind: 'registry', key: str(r['reg_key_name']) ?? '', operations: strings(r['operations']), classifications: [],
        isIoc: r['is_ioc'] === true, verdict: optional(r['verdict']) });
    }
    for (const u of this.#resolveAll(artifacts['ref_urls'])) {
      const domain = isRecord(u['ref_domain']) ? optional(this.#resolve(u['ref_domain'])['domain']) : undefined;
      const ips = this.#resolveAll(u['ref_ip_addresses']).map((ip) => optional(ip['ip_address'])).filter((ip): ip is string => ip !== undefined);
      out.push({ kind: 'url', url: str(u['url']) ?? '', operations: strings(u['operations']), isIoc: u['is_ioc'] === true, domain, ips,
        classifications: [], verdict: optional(u['verdict']) });
    }
    return out;
  }

  classifications(): string | undefined {
    if (!('classifications' in this.report)) return undefined;
    return `Classifications: ${strings(this.report['classifications']).join(', ')}`;
  }

  details(): string[] {
    const details = rec(this.report, 'analysis_metadata');
    return [
      `Analysis ${this.analysisId}: execution_successful: ${pyBool(details['is_execution_successful'])}`,
      `Analysis ${this.analysisId}: termination_reason: ${pyBool(details['termination_reason'])}`,
      `Analysis ${this.analysisId}: result: ${pyBool(details['result_str'])}`,
    ];
  }

  mitreAttacks(): MitreTechnique[] {
    const techniques = rec(rec(rec(this.report, 'mitre_attack'), 'v4'), 'techniques');
    return Object.entries(techniques)
      .filter((entry): entry is [string, Json] => isRecord(entry[1]))
      .map(([id, technique]) => ({ description: str(technique['description']) ?? '', id: id.replace('technique_', '') }));
  }

  sandboxType(): string {
    return `${str(rec(this.report, 'virtual_machine')['description']) ?? 'None'} | ${str(rec(this.report, 'analysis_metadata')['sample_type']) ?? 'None'}`;
  }

  score(): string {
    return v2Verdict(rec(this.report, 'analysis_metadata')['verdict']);
  }

  vtis(): Vti[] {
    const matches = rec(this.report, 'vti')['matches'];
    if (!isRecord(matches)) return [];
    return Object.values(matches).filter(isRecord).map((v) => ({
      category: str(v['category_desc']) ?? '', operation: str(v['operation_desc']) ?? '', technique: str(v['technique_desc']) ?? '', score: num(v['analysis_score']),
    }));
  }
}
