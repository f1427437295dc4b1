/**
 * What the PDF report shows, as plain data (it crosses to a worker thread):
 * built from the normalised events and the module settings on the main
 * thread, laid out by ./render.ts.
 */
import type { NormalizedEvent } from '../../../misp/event-types.js';

export interface PdfOptions {
  /** `MISP_base_url_for_dynamic_link`: the title links to <url>/events/view/<id>. */
  baseUrl?: string;
  /** `MISP_name_for_metadata`: the PDF's Author. */
  author?: string;
  textualDescription: boolean;
  galaxyDescription: boolean;
  relatedEvents: boolean;
  /** `Custom_fonts_path`: a TrueType/OpenType file used for all text. */
  customFont?: string;
}

export interface PdfTable {
  title: string;
  subtitle?: string;
  rows: string[][];
}

export interface PdfGalaxy {
  name: string;
  description?: string;
  clusters: Array<{ value: string; description?: string }>;
}

export interface PdfEvent {
  title: string;
  link?: string;
  metadata: Array<[string, string]>;
  description?: string;
  tags: string[];
  /** Standalone attributes, one table per category: type, value, comment, to_ids. */
  categories: PdfTable[];
  /** One table per object: relation, type, value, to_ids. */
  objects: PdfTable[];
  galaxies: PdfGalaxy[];
  related: string[];
}

export interface PdfReport {
  options: PdfOptions;
  events: PdfEvent[];
}

const THREAT_LEVELS: Record<string, string> = { '1': 'High', '2': 'Medium', '3': 'Low', '4': 'Undefined' };
const ANALYSIS: Record<string, string> = { '0': 'Initial', '1': 'Ongoing', '2': 'Completed' };
const DISTRIBUTION: Record<string, string> = {
  '0': 'Your organisation only',
  '1': 'This community only',
  '2': 'Connected communities',
  '3': 'All communities',
  '4': 'Sharing group',
  '5': 'Inherit event',
};

/** Upstream's toggles are "True or void". */
export function flag(value: string | undefined): boolean {
  return value !== undefined && /^\s*(true|1|yes|on|y)\s*$/i.test(value);
}

const nonEmpty = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);

const labelled = (map: Record<string, string>, value: string | undefined): string =>
  value === undefined || value === '' ? '' : map[value] ? `${map[value]} (${value})` : value;

function orgName(event: NormalizedEvent, key: 'Orgc' | 'Org'): string | undefined {
  const org = event.event[key];
  return typeof org?.name === 'string' ? org.name : undefined;
}

function description(event: NormalizedEvent): string {
  const e = event.event;
  const creator = orgName(event, 'Orgc') ?? orgName(event, 'Org') ?? 'an unknown organisation';
  const threat = THREAT_LEVELS[e.threat_level_id] ?? 'unknown';
  const analysis = ANALYSIS[e.analysis] ?? 'unknown';
  const attributeCount = event.attributes.length + event.objects.reduce((n, o) => n + o.Attribute.length, 0);
  return (
    `This event was created by ${creator} on ${e.date || 'an unknown date'}. ` +
    `Its threat level is ${threat.toLowerCase()} and its analysis is ${analysis.toLowerCase()}. ` +
    `It is ${e.published ? '' : 'not '}published. ` +
    `It holds ${event.attributes.length} standalone attribute(s), ${event.objects.length} object(s) ` +
    `(${attributeCount} attribute(s) in all), ${event.tags.length} tag(s) and ${event.galaxies.length} galaxy(ies).`
  );
}

function relatedEvents(event: NormalizedEvent): string[] {
  const related = event.event['RelatedEvent'];
  if (!Array.isArray(related)) return [];
  return related.flatMap((item: unknown) => {
    const inner = (item as { Event?: Record<string, unknown> } | null)?.Event ?? (item as Record<string, unknown> | null);
    if (!inner || typeof inner !== 'object') return [];
    const parts = [inner['id'], inner['date'], inner['info']].filter((p) => typeof p === 'string' || typeof p === 'number');
    return parts.length ? [parts.map(String).join(' - ')] : [];
  });
}

export function eventModel(event: NormalizedEvent, options: PdfOptions): PdfEvent {
  const e = event.event;
  const metadata: Array<[string, string]> = [
    ['ID', e.id ?? ''],
    ['UUID', e.uuid],
    ['Date', e.date],
    ['Creator org', orgName(event, 'Orgc') ?? ''],
    ['Owner org', orgName(event, 'Org') ?? ''],
    ['Threat level', labelled(THREAT_LEVELS, e.threat_level_id)],
    ['Analysis', labelled(ANALYSIS, e.analysis)],
    ['Distribution', labelled(DISTRIBUTION, e.distribution)],
    ['Published', e.published ? 'Yes' : 'No'],
    ['Attributes', String(event.attributes.length)],
    ['Objects', String(event.objects.length)],
  ];
  const byCategory = new Map<string, string[][]>();
  for (const a of event.attributes) {
    const category = a.category || 'Uncategorised';
    const rows = byCategory.get(category) ?? [];
    rows.push([a.type, a.value, a.comment, a.to_ids ? 'Yes' : 'No']);
    byCategory.set(category, rows);
  }
  const objectsByUuid = new Map(event.objects.map((o) => [o.uuid, o.name]));
  const base = options.baseUrl?.replace(/\/+$/, '');
  return {
    title: e.info || '(untitled event)',
    ...(base && e.id ? { link: `${base}/events/view/${e.id}` } : {}),
    metadata,
    ...(options.textualDescription ? { description: description(event) } : {}),
    tags: event.tags.map((t) => t.name),
    categories: [...byCategory].map(([title, rows]) => ({ title, rows })),
    objects: event.objects.map((o) => {
      const references = o.ObjectReference.map(
        (r) => `${r.relationship_type} → ${objectsByUuid.get(r.referenced_uuid) ?? 'attribute'} ${r.referenced_uuid}`,
      );
      const subtitle = [o['meta-category'] ? `Category: ${String(o['meta-category'])}` : '', o.comment ? `Comment: ${o.comment}` : '', ...references.map((r) => `Reference: ${r}`)]
        .filter(Boolean)
        .join('\n');
      return {
        title: o.name,
        ...(subtitle ? { subtitle } : {}),
        rows: o.Attribute.map((a) => [a.object_relation ?? '', a.type, a.value, a.to_ids ? 'Yes' : 'No']),
      };
    }),
    galaxies: event.galaxies.map((g) => ({
      name: g.name ?? g.type ?? 'Galaxy',
      ...(options.galaxyDescription && typeof g['description'] === 'string' ? { description: g['description'] } : {}),
      clusters: g.GalaxyCluster.map((c) => ({
        value: c.value ?? c.tag_name ?? '',
        ...(options.galaxyDescription && c.description ? { description: c.description } : {}),
      })),
    })),
    related: options.relatedEvents ? relatedEvents(event) : [],
  };
}

export function pdfOptions(config: Record<string, string | undefined>): PdfOptions {
  const baseUrl = nonEmpty(config['MISP_base_url_for_dynamic_link']);
  const author = nonEmpty(config['MISP_name_for_metadata']);
  const customFont = nonEmpty(config['Custom_fonts_path']);
  return {
    ...(baseUrl ? { baseUrl } : {}),
    ...(author ? { author } : {}),
    textualDescription: flag(config['Activate_textual_description']),
    galaxyDescription: flag(config['Activate_galaxy_description']),
    relatedEvents: flag(config['Activate_related_events']),
    ...(customFont ? { customFont } : {}),
  };
}
