/**
 * One SOCRadar indicator → the MISP attribute upstream's socradar_taxii_feed
 * builds: the IOC of its pattern, tags for TLP, source, ATT&CK techniques,
 * confidence, SOCRadar score, malware family, countries and feed sources,
 * and a comment with the description and sources.
 */
import type { AttributeType } from '../../../../misp/attribute-types.js';
import { fileHashType } from '../convert/pattern-map.js';
import { isRecord, record, records, str, strList, type JsonRecord } from '../../../_shared/json-record.js';
import { reducePattern } from '../pattern/groups.js';
import { parsePattern, PatternSyntaxError } from '../pattern/parser.js';
import { detectFamily } from './families.js';

export interface SocradarAttribute {
  readonly type: AttributeType;
  readonly value: string;
  readonly comment: string;
  readonly tags: string[];
  readonly toIds: boolean;
}

const VALUE_TYPES: Readonly<Record<string, AttributeType>> = {
  'ipv4-addr': 'ip-dst',
  'ipv6-addr': 'ip-dst',
  'domain-name': 'domain',
  url: 'url',
  'email-addr': 'email-dst',
};

const TECHNIQUE = /[Tt]\d{4}(?:\.\d{3})?/g;

/** The first `value` or file hash test of the pattern, typed as upstream types it. */
export function iocOf(pattern: string): { type: AttributeType; value: string } | undefined {
  let groups;
  try {
    const reduction = reducePattern(parsePattern(pattern));
    groups = 'groups' in reduction ? reduction.groups : [];
  } catch (error) {
    if (error instanceof PatternSyntaxError) return undefined;
    throw error;
  }
  for (const test of groups.flat()) {
    const valueType = VALUE_TYPES[test.objectType];
    if (valueType && test.path === 'value') return { type: valueType, value: test.value };
    const hash = /^hashes\.(.+)$/.exec(test.path)?.[1];
    if (test.objectType === 'file' && hash) {
      const type = fileHashType(hash);
      if (type) return { type, value: test.value };
    }
  }
  return undefined;
}

function extension(indicator: JsonRecord): JsonRecord {
  return record(record(indicator['extensions'])['extra-info-ext']);
}

function techniques(indicator: JsonRecord): string[] {
  const found = new Set<string>();
  const texts = [
    ...strList(indicator['labels']),
    ...records(extension(indicator)['tags']).filter((t) => t['type'] === 'MITRE_ATTCK').map((t) => str(t['tag']) ?? ''),
  ];
  for (const text of texts) for (const id of text.match(TECHNIQUE) ?? []) found.add(id.toUpperCase());
  return [...found].sort();
}

function confidenceTag(confidence: unknown): string {
  const level = typeof confidence === 'number' || typeof confidence === 'string' ? Number(confidence) : Number.NaN;
  const word =
    confidence === undefined || confidence === null || Number.isNaN(level)
      ? 'unknown'
      : level >= 80
        ? 'completely-confident'
        : level >= 60
          ? 'usually-confident'
          : level >= 40
            ? 'fairly-confident'
            : level >= 20
              ? 'rarely-confident'
              : 'unconfident';
  return `confidence-level:confidence="${word}"`;
}

/** Python's str(float): 85 → "85.0". */
function pythonFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

function feedSources(indicator: JsonRecord): string[] {
  const sources = strList(indicator['threat_feed_source_name']);
  for (const source of records(extension(indicator)['feed_source_list'])) {
    const name = str(source['source_name']);
    if (name && !sources.includes(name)) sources.push(name);
  }
  return sources;
}

function family(indicator: JsonRecord): string | undefined {
  const description = str(indicator['description']);
  const searchable = [
    ...strList(indicator['labels']),
    ...(description && description !== 'N/A' ? [description] : []),
    ...strList(indicator['name']),
    ...records(extension(indicator)['tags']).flatMap((t) => strList(t['tag'])),
  ];
  return detectFamily(searchable.join(' '));
}

export function socradarAttribute(indicator: unknown, defaultTlp: string): SocradarAttribute | undefined {
  if (!isRecord(indicator)) return undefined;
  const ioc = iocOf(str(indicator['pattern']) ?? '');
  if (!ioc) return undefined;
  const ext = extension(indicator);
  const score = ext['score'] === undefined || ext['score'] === null ? Number.NaN : Number(ext['score']);
  const malware = family(indicator);
  const sources = feedSources(indicator);
  const tags = [
    defaultTlp,
    'source:SOCRadar',
    'type:OSINT',
    'socradar:feed',
    ...techniques(indicator).map((id) => `mitre-attack:${id}`),
    confidenceTag(indicator['confidence']),
    ...(Number.isNaN(score) ? [] : [`socradar:score=${pythonFloat(score)}`]),
    ...(malware ? [`malware:${malware}`] : []),
    ...records(ext['tags']).flatMap((t) => (t['type'] === 'COUNTRY' && str(t['tag']) ? [`country:${str(t['tag'])!.trim().toLowerCase()}`] : [])),
    ...sources.map((source) => `feed-source:${source}`),
  ];
  const description = str(indicator['description']);
  const comment = [
    ...(description && description !== 'N/A' ? [description.slice(0, 200)] : []),
    ...(sources.length > 0 ? [`Sources: ${sources.join(', ')}`] : []),
  ].join(' | ');
  const types = strList(indicator['indicator_types']);
  return { ...ioc, comment, tags, toIds: types.length === 0 || types.includes('malicious-activity') };
}
