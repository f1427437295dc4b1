/**
 * The texts the flowtriq module writes from a Flowtriq ip-lookup answer,
 * worded as upstream words them (Python f-strings: `{n:,}` thousands
 * separators, None/True/False, missing fields as "N/A" or "?").
 */
import { pythonStr } from '../../_shared/python-str.js';

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Python's truthiness of a JSON value. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** `dict.get(key, fallback)`: the fallback only when the key is absent. */
function get(record: Json, key: string, fallback: unknown): unknown {
  return key in record ? record[key] : fallback;
}

/** Python's `f"{n:,}"`: thousands separators for numbers; other values as str(). */
function thousands(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return pythonStr(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: 20 });
}

/** Names of a dict's keys (or a list's items), the first `limit`. */
function firstKeys(value: unknown, limit: number): string[] {
  if (isRecord(value)) return Object.keys(value).slice(0, limit);
  if (Array.isArray(value)) return value.slice(0, limit).map(pythonStr);
  return [];
}

export interface FlowtriqParts {
  riskScore: unknown;
  reputation: Json | undefined;
  incidents: Json;
  threatIntel: Json[];
}

export function summaryText({ riskScore, reputation, incidents, threatIntel }: FlowtriqParts, iocMatches: unknown): string {
  const parts = [`Flowtriq risk score: ${pythonStr(riskScore)}/100`];
  const total = get(incidents, 'total', 0);
  if (truthy(total)) parts.push(`Seen in ${pythonStr(total)} DDoS incident(s)`);
  if (reputation) {
    const attacks = get(reputation, 'attack_count', 0);
    if (truthy(attacks)) parts.push(`${pythonStr(attacks)} attacks across ${pythonStr(get(reputation, 'tenants_seen', 0))} network(s)`);
    if (truthy(reputation['top_attack_family'])) parts.push(`Primary vector: ${pythonStr(reputation['top_attack_family'])}`);
    if (truthy(reputation['country'])) parts.push(`Country: ${pythonStr(reputation['country'])}`);
    if (truthy(reputation['asn'])) parts.push(`ASN: ${pythonStr(reputation['asn'])}`);
    if (truthy(reputation['peak_pps'])) parts.push(`Peak PPS: ${thousands(reputation['peak_pps'])}`);
  }
  const families = firstKeys(incidents['attack_families'], 5);
  if (families.length) parts.push(`Attack families: ${families.join(', ')}`);
  const severity = isRecord(incidents['severity']) ? incidents['severity'] : {};
  const levels = ['critical', 'high', 'medium', 'low'].filter((level) => truthy(severity[level])).map((level) => `${pythonStr(severity[level])} ${level}`);
  if (levels.length) parts.push(`Severity: ${levels.join(', ')}`);
  if (threatIntel.length) {
    const sources = [...new Set(threatIntel.map((ti) => pythonStr(get(ti, 'source', 'unknown'))))].sort();
    parts.push(`Threat intel sources: ${sources.join(', ')}`);
  }
  if (truthy(iocMatches)) parts.push(`IOC matches: ${firstKeys(iocMatches, 5).join(', ')}`);
  return `${parts.join('. ')}.`;
}

export function reputationText(ip: string, riskScore: unknown, reputation: Json): string {
  const lines = [
    `Flowtriq IP Reputation for ${ip}:`,
    `  Risk Score: ${pythonStr(riskScore)}/100`,
    `  Attack Count: ${pythonStr(get(reputation, 'attack_count', 0))}`,
    `  Networks Seen: ${pythonStr(get(reputation, 'tenants_seen', 0))}`,
    `  First Seen: ${pythonStr(get(reputation, 'first_seen', 'N/A'))}`,
    `  Last Seen: ${pythonStr(get(reputation, 'last_seen', 'N/A'))}`,
    `  Top Attack Family: ${pythonStr(get(reputation, 'top_attack_family', 'N/A'))}`,
    `  Top Protocol: ${pythonStr(get(reputation, 'top_protocol', 'N/A'))}`,
    `  Country: ${pythonStr(get(reputation, 'country', 'N/A'))}`,
    `  ASN: ${pythonStr(get(reputation, 'asn', 'N/A'))}`,
    `  Peak PPS: ${thousands(get(reputation, 'peak_pps', 0))}`,
  ];
  const tags = reputation['tags'];
  if (Array.isArray(tags) && tags.length) lines.push(`  Tags: ${tags.map(pythonStr).join(', ')}`);
  return lines.join('\n');
}

export function incidentsText(ip: string, records: Json[]): string {
  const lines = [`Flowtriq DDoS Incidents involving ${ip} (last 90 days):`];
  records.slice(0, 10).forEach((record, index) => {
    lines.push(
      `  [${index + 1}] ${pythonStr(get(record, 'date', '?'))} - ${pythonStr(get(record, 'attack_family', '?'))} ` +
        `(${pythonStr(get(record, 'severity', '?'))}) - Peak: ${thousands(get(record, 'peak_pps', 0))} pps / ` +
        `${thousands(get(record, 'peak_bps', 0))} bps - Duration: ${pythonStr(get(record, 'duration_sec', 0))}s - ` +
        `${pythonStr(get(record, 'source_ip_count', 0))} source IPs`,
    );
    if (truthy(record['spoofing'])) lines.push('         Spoofing detected');
    if (truthy(record['botnet'])) lines.push('         Botnet indicators');
  });
  return lines.join('\n');
}

export function threatIntelText(ip: string, threatIntel: Json[]): string {
  const lines = [`Threat Intel Matches for ${ip}:`];
  for (const ti of threatIntel) {
    lines.push(
      `  - ${pythonStr(get(ti, 'source', '?'))} (${pythonStr(get(ti, 'threat_type', '?'))}) confidence=${pythonStr(get(ti, 'confidence', '?'))} ` +
        `seen=${pythonStr(get(ti, 'times_seen', '?'))}x [${pythonStr(get(ti, 'first_seen', '?'))} to ${pythonStr(get(ti, 'last_seen', '?'))}]`,
    );
    if (truthy(ti['description'])) lines.push(`    ${pythonStr(ti['description'])}`);
  }
  return lines.join('\n');
}
