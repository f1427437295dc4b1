/**
 * Findings as upstream's MISP module words them (its apiosintParserHover):
 * for an enrichment, attributes to add (text, hashes, links to the online
 * reports, STIX details, related URLs); for a pinned hover (`persistent`),
 * lines of text. Kept: every text, comment and the order. Fixed: the
 * categories upstream meant are sent as `categories` (upstream sent
 * `category`, which MISP ignores); the STIX line says "Last seen" for the
 * last time seen (upstream wrote "First seen" twice); a report or detail
 * that is missing is left out instead of crashing the query.
 */
import type { LegacyEntryInput } from '../../../misp/legacy-result.js';
import type { Category, LegacyType } from '../../../misp/types.js';
import type { HashTriple } from './lists.js';
import type { Finding, Found, Reports } from './search.js';
import type { StixDetails } from './stix.js';

const LINE = '#'.repeat(46);
const LINE_DOT = '-'.repeat(68);
const LINE_DOTTY = '-'.repeat(19);
const REPORTS_HEAD = 'Online Reports (availability depends on retention)';

export interface ResultOptions {
  importRelated: boolean;
}

function entry(type: LegacyType, value: string | number, comment?: string, category?: Category): LegacyEntryInput {
  return { types: [type], values: [value], ...(category && { categories: [category] }), ...(comment !== undefined && { comment }) };
}

const text = (value: string): LegacyEntryInput => entry('text', value);

function notListed(finding: Finding): string {
  return `${finding.item} IS NOT listed by OSINT.digitalside.it. Date list: ${finding.list.date}`;
}

/** "TLP:white | Observation: 1 | First seen: … | Last seen: …"; undefined when a part is missing. */
function stixSummary(details: StixDetails): string | undefined {
  const { tlp, numberObserved, firstObserved, lastObserved } = details;
  if (tlp === undefined || numberObserved === undefined || firstObserved === undefined || lastObserved === undefined) return undefined;
  return `TLP:${tlp} | Observation: ${numberObserved} | First seen: ${firstObserved} | Last seen: ${lastObserved}`;
}

const HASH_TYPES = ['md5', 'sha1', 'sha256'] as const;
const HASH_LABELS = { md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256' } as const;

// ---- enrichment ----

function hashEntries(hashes: HashTriple | undefined, relatedTo: string): LegacyEntryInput[] {
  return hashes ? HASH_TYPES.map((type) => entry(type, hashes[type], `Related to: ${relatedTo}`)) : [];
}

function reportEntries(reports: Reports | undefined, item: string): LegacyEntryInput[] {
  if (!reports) return [];
  const links: Array<[string | undefined, string]> = [
    [reports.mispEvent, `MISP Event related to: ${item}`],
    [reports.mispCsv, `MISP CSV related to: ${item}`],
    [reports.osintdsReport, `DigitalSide report related to: ${item}`],
    [reports.stix, `STIX2 report related to: ${item}`],
  ];
  const entries = links.flatMap(([url, comment]) => (url === undefined ? [] : [entry('link', url, comment, 'External analysis')]));
  return [...entries, ...detailEntries(reports.details, item)];
}

function detailEntries(details: StixDetails | undefined, item: string): LegacyEntryInput[] {
  if (!details) return [];
  const comment = `STIX2 details for: ${item}`;
  const entries: LegacyEntryInput[] = [];
  const summary = stixSummary(details);
  if (summary !== undefined) entries.push(entry('comment', summary, comment));
  if (details.timeFrame !== undefined) entries.push(entry('comment', `Observation time frame: ${details.timeFrame}`, comment));
  if (details.filename !== undefined) entries.push(entry('filename', details.filename, comment, 'Payload delivery'));
  if (details.filesize !== undefined) entries.push(entry('size-in-bytes', details.filesize, comment));
  if (details.mimeType !== undefined) entries.push(entry('mime-type', details.mimeType, comment, 'Payload delivery'));
  if (details.virusTotal) {
    entries.push(entry('comment', `VirusTotal Ratio: ${details.virusTotal.ratio}`, comment));
    entries.push(entry('link', details.virusTotal.report, `VirusTotal Report for: ${item}`, 'External analysis'));
  }
  return entries;
}

function foundEntries(found: Found, options: ResultOptions): LegacyEntryInput[] {
  const { item, list } = found;
  const entries = [text(`IoC '${item}' found in OSINT.DigitaiSide.it repository. List file: ${list.file}. List date: ${list.date}`)];
  entries.push(...hashEntries(found.hashes, item), ...reportEntries(found.reports, item));
  if (!options.importRelated) return entries;
  for (const related of found.related) {
    if (typeof related === 'string') {
      entries.push(entry('url', related, `Download URL for: ${item}`));
      continue;
    }
    const download = related.hashes ? `Download URL for ${related.hashes.md5}. Related to: ${item}` : `Download URL. Related to: ${item}`;
    entries.push(entry('url', related.url, download), ...hashEntries(related.hashes, related.url), ...reportEntries(related.reports, item));
  }
  return entries;
}

/** What an enrichment adds. */
export function enrichmentEntries(findings: readonly Finding[], options: ResultOptions): LegacyEntryInput[] {
  return findings.flatMap((finding) => (finding.found ? foundEntries(finding, options) : [entry('comment', notListed(finding))]));
}

// ---- pinned hover ----

function hashLines(hashes: HashTriple | undefined): string[] {
  return hashes ? HASH_TYPES.map((type) => `${HASH_LABELS[type]}: ${hashes[type]}`) : [];
}

function reportLines(reports: Reports | undefined, rule: string): string[] {
  if (!reports) return [];
  const lines = [rule, REPORTS_HEAD];
  if (reports.mispEvent !== undefined) lines.push(`MISP Event => ${reports.mispEvent}`);
  if (reports.mispCsv !== undefined) lines.push(`MISP CSV => ${reports.mispCsv}`);
  lines.push(`DigitalSide report => ${reports.osintdsReport}`);
  if (reports.stix !== undefined) lines.push(`STIX report => ${reports.stix}`);
  return [...lines, ...detailLines(reports.details, rule)];
}

function detailLines(details: StixDetails | undefined, rule: string): string[] {
  if (!details) return [];
  const lines = [rule, 'STIX2 report details'];
  const summary = stixSummary(details);
  if (summary !== undefined) lines.push(summary);
  if (details.timeFrame !== undefined) lines.push(`Observation time frame: ${details.timeFrame}`);
  if (details.filename !== undefined) lines.push(`Filename: ${details.filename}`);
  if (details.filesize !== undefined) lines.push(`Filesize in bytes: ${details.filesize}`);
  if (details.mimeType !== undefined) lines.push(`Filetype: ${details.mimeType}`);
  if (details.virusTotal) lines.push(`VirusTotal Ratio: ${details.virusTotal.ratio}`);
  return lines;
}

function foundLines(found: Found, options: ResultOptions): string[] {
  const { item, list } = found;
  const lines = [`IoC '${item}' found in OSINT.DigitaiSide.it repository.`, `List file: ${list.file}. Date list: ${list.date}`, LINE];
  if (found.hashes) lines.push('Hashes set', ...hashLines(found.hashes));
  lines.push(...reportLines(found.reports, LINE_DOT));
  if (!options.importRelated || found.related.length === 0) return lines;
  lines.push(LINE_DOT, `Related URLS count: ${found.related.length}`);
  for (const related of found.related) {
    if (typeof related === 'string') lines.push(`URL => ${related}`);
    else lines.push(LINE_DOT, `Related URL ${related.url}`, ...hashLines(related.hashes), ...reportLines(related.reports, LINE_DOTTY));
  }
  return lines;
}

/** What a pinned hover shows. */
export function hoverEntries(findings: readonly Finding[], options: ResultOptions): LegacyEntryInput[] {
  return findings.flatMap((finding) => (finding.found ? foundLines(finding, options).map(text) : [entry('comment', notListed(finding))]));
}
