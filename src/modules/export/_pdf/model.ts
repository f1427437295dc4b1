/**
 * What the PDF report shows, as plain data (it crosses to a worker thread):
 * built from the normalised events and the module settings on the main
 * thread, laid out by ./render.ts.
 */
import type { EventAttribute, EventObject, NormalizedEvent } from '../../../misp/event-types.js';

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
  /**
   * Per row, what PyMISP's report lists under each attribute (uuid, tags,
   * sightings, galaxies), printed across the table below the row; '' for none.
   */
  details?: string[];
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

/** A MISP timestamp (seconds since 1970, as a string) as `2018-04-10 14:41:38 UTC`; other text as it is. */
export function formatTimestamp(timestamp: unknown): string | undefined {
  if (typeof timestamp === 'number' || (typeof timestamp === 'string' && /^\d+$/.test(timestamp))) {
    const date = new Date(Number(timestamp) * 1000);
    if (!Number.isNaN(date.getTime())) return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  }
  return typeof timestamp === 'string' && timestamp.trim() !== '' ? timestamp.trim() : undefined;
}

/** Sightings counted by type as PyMISP's report does: 0 positive, 1 negative (false positive), 2 misc. (expiration). */
function sightings(attribute: EventAttribute): string | undefined {
  const list = attribute['Sighting'];
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const counts = [0, 0, 0];
  for (const sighting of list) {
    const type = Number((sighting as { type?: unknown } | null)?.type ?? 0);
    if (type === 0 || type === 1 || type === 2) counts[type]!++;
  }
  return `Positive: ${counts[0]} / Negative: ${counts[1]} / Misc.: ${counts[2]}`;
}

/** The lines PyMISP's report shows for an attribute besides type, value and comment. */
function attributeDetails(attribute: EventAttribute, category?: string): string {
  const lines = [`UUID: ${attribute.uuid}`];
  if (category) lines.push(`Category: ${category}`);
  if (attribute.Tag.length > 0) lines.push(`Tags: ${attribute.Tag.map((t) => t.name).join(', ')}`);
  const sighted = sightings(attribute);
  if (sighted) lines.push(`Sightings: ${sighted}`);
  for (const galaxy of attribute.Galaxy) {
    const clusters = galaxy.GalaxyCluster.map((c) => c.value ?? c.tag_name ?? '').filter(Boolean);
    lines.push(`Galaxy: ${galaxy.name ?? galaxy.type ?? 'Galaxy'}${clusters.length ? ` (${clusters.join(', ')})` : ''}`);
  }
  return lines.join('\n');
}

/** The object's own facts, as PyMISP's report lists them, then its references. */
function objectSubtitle(object: EventObject, objectsByUuid: Map<string, string>): string {
  const date = formatTimestamp(object.timestamp);
  const references = object.ObjectReference.map(
    (r) => `Reference: ${r.relationship_type} → ${objectsByUuid.get(r.referenced_uuid) ?? 'attribute'} ${r.referenced_uuid}`,
  );
  return [
    `UUID: ${object.uuid}`,
    object['meta-category'] ? `Category: ${String(object['meta-category'])}` : '',
    typeof object.description === 'string' && object.description.trim() ? `Description: ${object.description.trim()}` : '',
    object.comment ? `Comment: ${object.comment}` : '',
    date ? `Object date: ${date}` : '',
    ...references,
  ]
    .filter(Boolean)
    .join('\n');
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
    ['Last change', formatTimestamp(e.timestamp) ?? ''],
    ['Published', e.published ? `Yes${formatTimestamp(e.publish_timestamp) ? ` (${formatTimestamp(e.publish_timestamp)})` : ''}` : 'No'],
    ['Attributes', String(event.attributes.length)],
    ['Objects', String(event.objects.length)],
  ];
  const byCategory = new Map<string, { rows: string[][]; details: string[] }>();
  for (const a of event.attributes) {
    const category = a.category || 'Uncategorised';
    const table = byCategory.get(category) ?? { rows: [], details: [] };
    table.rows.push([a.type, a.value, a.comment, a.to_ids ? 'Yes' : 'No']);
    table.details.push(attributeDetails(a));
    byCategory.set(category, table);
  }
  const objectsByUuid = new Map(event.objects.map((o) => [o.uuid, o.name]));
  const base = options.baseUrl?.replace(/\/+$/, '');
  return {
    title: e.info || '(untitled event)',
    ...(base && e.id ? { link: `${base}/events/view/${e.id}` } : {}),
    metadata,
    ...(options.textualDescription ? { description: description(event) } : {}),
    tags: event.tags.map((t) => t.name),
    categories: [...byCategory].map(([title, table]) => ({ title, ...table })),
    objects: event.objects.map((o) => ({
      title: o.name,
      subtitle: objectSubtitle(o, objectsByUuid),
      rows: o.Attribute.map((a) => [a.object_relation ?? '', a.type, a.value, a.to_ids ? 'Yes' : 'No']),
      details: o.Attribute.map((a) => attributeDetails(a, a.category) + (a.comment ? `\nComment: ${a.comment}` : '')),
    })),
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
