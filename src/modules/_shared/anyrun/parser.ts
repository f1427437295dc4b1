/**
 * An ANY.RUN report → MISP, as upstream's AnyRunParser builds it: the
 * verdict (text), the task link, the HTML report (attachment), suspicious and
 * malicious IOCs (domains, IPs, SHA-256), the analysis tags and the ATT&CK
 * techniques as event tags.
 */
import type { AttributeType } from '../../../misp/attribute-types.js';
import { MispResultBuilder } from '../../../misp/standard-result.js';
import { record, records, str, type JsonRecord } from '../json-record.js';
import { APP_URL } from './client.js';

export const ANYRUN_TAG = 'ANY.RUN Sandbox';
const REPUTATIONS: Readonly<Record<number, string>> = { 1: 'Suspicious', 2: 'Malicious' };
const IOC_TYPES: Readonly<Record<string, AttributeType>> = { domain: 'domain', ip: 'ip-dst', sha256: 'sha256' };

export interface AnyRunOptions {
  readonly iocs: boolean;
  readonly tags: boolean;
  readonly mitre: boolean;
}

export interface AnyRunReport {
  readonly taskUuid: string;
  /** The `data` of the JSON report. */
  readonly summary: JsonRecord;
  readonly html: string;
  readonly iocs: readonly unknown[];
}

/** "Malicious activity", "Suspicious activity", "No threats detected". */
export function verdictOf(summary: JsonRecord): string | undefined {
  return str(record(record(record(summary['analysis'])['scores'])['verdict'])['threatLevelText']);
}

function addReport(builder: MispResultBuilder, report: AnyRunReport): void {
  builder.addAttribute({
    type: 'text',
    value: `ANY.RUN Sandbox verdict: ${verdictOf(report.summary) ?? 'unknown'}`,
    category: 'Other',
    comment: 'ANYRUN Sandbox Analysis verdict.',
  });
  builder.addAttribute({
    type: 'link',
    value: `${APP_URL}/tasks/${report.taskUuid}`,
    category: 'External analysis',
    comment: 'ANYRUN Sandbox Analysis report.',
  });
  builder.addAttribute({
    type: 'attachment',
    value: 'report.html',
    data: Buffer.from(report.html, 'utf8'),
    comment: 'ANYRUN Sandbox Analysis report.',
  });
}

function addIndicators(builder: MispResultBuilder, report: AnyRunReport): void {
  for (const ioc of records(report.iocs)) {
    const type = IOC_TYPES[str(ioc['type']) ?? ''];
    const reputation = typeof ioc['reputation'] === 'number' ? REPUTATIONS[ioc['reputation']] : undefined;
    const value = str(ioc['ioc']);
    if (!type || !reputation || !value) continue;
    builder.addAttribute({
      type,
      value,
      category: type === 'sha256' ? 'Payload delivery' : 'Network activity',
      comment: `${reputation} IoC from ${APP_URL}/tasks/${report.taskUuid}.`,
      tags: [ANYRUN_TAG],
    });
  }
}

function addTags(builder: MispResultBuilder, summary: JsonRecord): void {
  builder.addTag(ANYRUN_TAG);
  for (const tag of records(record(summary['analysis'])['tags'])) {
    const name = str(tag['tag']);
    if (name) builder.addTag(name);
  }
}

function addMitre(builder: MispResultBuilder, summary: JsonRecord): void {
  for (const technique of records(summary['mitre'])) {
    const id = str(technique['id']);
    const name = str(technique['name']);
    if (id && name) builder.addTag(`misp-galaxy:mitre-attack-pattern="${name} - ${id}"`);
  }
}

export function parseAnyRunReport(report: AnyRunReport, options: AnyRunOptions): MispResultBuilder {
  const builder = new MispResultBuilder();
  addReport(builder, report);
  if (options.iocs) addIndicators(builder, report);
  if (options.tags) addTags(builder, report.summary);
  if (options.mitre) addMitre(builder, report.summary);
  return builder;
}
