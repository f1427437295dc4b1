/**
 * The text and tags socradar_lookup makes of SOCRadar's two answers
 * (`indicator_details` in full mode, `indicator_details_stix` in STIX mode),
 * line for line as upstream writes them.
 */

type Json = Record<string, unknown>;

const obj = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => list(value).filter((v): v is string => typeof v === 'string' && v !== '');
const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '' && value !== false;

export interface Enrichment {
  text: string;
  tags: string[];
}

const CONFIDENCE_TAGS: Record<string, string> = {
  'Very High': 'confidence-level:confidence="completely-confident"',
  High: 'confidence-level:confidence="usually-confident"',
  Medium: 'confidence-level:confidence="fairly-confident"',
  Low: 'confidence-level:confidence="rarely-confident"',
};

const HISTORY_SHOWN = 10;
const INSIGHT_SHOWN = 500;

const dedupe = (tags: string[]): string[] => [...new Set(tags)];

/** Full mode (`/ioc_enrichment/get/indicator_details`). */
export function formatFull(data: Json, indicator: string): Enrichment {
  const lines = ['══════ SOCRadar Threat Intelligence ══════', `Indicator: ${indicator}`, ''];
  const tags: string[] = [];

  const details = obj(data['details']);
  if (present(details['score']) || details['score'] === 0) {
    lines.push(`SOCRadar Score: ${str(details['score'])}/100`);
    tags.push(`socradar:score=${str(details['score'])}`);
  }
  const confidence = str(data['cross_source_confidence']);
  if (confidence) {
    lines.push(`Cross-Source Confidence: ${confidence}`);
    if (CONFIDENCE_TAGS[confidence]) tags.push(CONFIDENCE_TAGS[confidence]);
  }
  const signal = str(data['ioc_signal_strength']);
  if (signal) {
    lines.push(`IoC Signal Strength: ${signal}`);
    tags.push(`socradar:signal=${signal.toLowerCase().replaceAll(' ', '-')}`);
  }
  lines.push('');

  const categories = Object.entries(obj(data['categorization'])).filter(([, on]) => on === true).map(([name]) => name);
  if (categories.length) {
    lines.push(`Categorization: ${categories.join(', ')}`);
    for (const category of categories) tags.push(`socradar:category=${category}`);
    lines.push('');
  }

  const classifications = obj(data['classifications']);
  const malwares = strings(classifications['malwares']);
  if (malwares.length) {
    lines.push(`Malware Families: ${malwares.join(', ')}`);
    for (const malware of malwares) tags.push(`malware:${malware.toLowerCase()}`);
  }
  const actors = strings(classifications['threat_actors']);
  if (actors.length) {
    lines.push(`Threat Actors: ${actors.join(', ')}`);
    for (const actor of actors) tags.push(`threat-actor:${actor.toLowerCase()}`);
  }
  const industries = strings(classifications['industries']);
  if (industries.length) lines.push(`Targeted Industries: ${industries.join(', ')}`);
  if (present(classifications['campaign'])) lines.push(`Campaign: ${str(classifications['campaign'])}`);
  const targets = strings(classifications['target_country_list']);
  if (targets.length) lines.push(`Target Countries: ${targets.join(', ')}`);
  const country = str(classifications['country']);
  if (country) {
    lines.push(`Origin Country: ${country}`);
    tags.push(`country:${country.toLowerCase()}`);
  }
  lines.push('');

  const summary = obj(data['summary']);
  if (Object.keys(summary).length) {
    const place = ['city', 'region', 'country'].map((k) => str(summary[k])).filter((v) => v !== '');
    if (place.length) lines.push(`Location: ${place.join(', ')}`);
    const asn = str(summary['asn_name']);
    const asnCode = str(summary['asn_code']);
    if (asn) lines.push(asnCode ? `ASN: ${asn} (AS${asnCode})` : `ASN: ${asn}`);
    lines.push('');
  }

  if (present(details['first_seen_date'])) lines.push(`First Seen: ${str(details['first_seen_date'])}`);
  if (present(details['last_seen_date'])) lines.push(`Last Seen: ${str(details['last_seen_date'])}`);

  const history = list(obj(data['history'])['indicator_history']).map(obj);
  if (history.length) {
    lines.push('', `Feed History (${history.length} records):`);
    for (const item of history.slice(0, HISTORY_SHOWN)) {
      const source = str(item['feed_source']);
      lines.push(`  [${str(item['insert_date'])}] ${source}: ${[...str(item['event'])].slice(0, 80).join('')}`);
      if (source) tags.push(`feed-source:${source}`);
    }
    if (history.length > HISTORY_SHOWN) lines.push(`  ... and ${history.length - HISTORY_SHOWN} more`);
  }

  const insight = str(obj(data['ai_insight'])['insight']);
  if (insight) {
    const chars = [...insight];
    lines.push('', 'AI Insight:', `  ${chars.slice(0, INSIGHT_SHOWN).join('')}`);
    if (chars.length > INSIGHT_SHOWN) lines.push('  [truncated]');
  }

  return { text: lines.join('\n'), tags: ['source:SOCRadar', ...dedupe(tags).filter((t) => t !== 'source:SOCRadar')] };
}

/** STIX mode (`/ioc_enrichment/get/indicator_details_stix`): a STIX 2.1 bundle. */
export function formatStix(data: Json, indicator: string): Enrichment {
  const lines = ['══════ SOCRadar Threat Intelligence (STIX) ══════', `Indicator: ${indicator}`, ''];
  const tags = ['source:SOCRadar'];
  const objects = list(data['objects']).map(obj);

  for (const indicatorObject of objects.filter((o) => o['type'] === 'indicator')) {
    const name = str(indicatorObject['name']);
    const pattern = str(indicatorObject['pattern']);
    const labels = strings(indicatorObject['labels']);
    if (name) lines.push(`Name: ${name}`);
    if (pattern) lines.push(`Pattern: ${pattern}`);
    if (labels.length) {
      lines.push(`Labels: ${labels.join(', ')}`);
      for (const label of labels) {
        for (const match of label.matchAll(/[Tt]\d{4}(?:\.\d{3})?/g)) tags.push(`mitre-attack:${match[0].toUpperCase()}`);
      }
    }
    const extra = obj(obj(indicatorObject['extensions'])['extra-info-ext']);
    if (extra['score'] !== undefined && extra['score'] !== null) {
      lines.push(`SOCRadar Score: ${str(extra['score'])}`);
      tags.push(`socradar:score=${str(extra['score'])}`);
    }
    const extTags = list(extra['tags']).map(obj);
    const mitre = extTags.filter((t) => t['type'] === 'MITRE_ATTCK');
    if (mitre.length) {
      lines.push('', 'MITRE ATT&CK:');
      for (const technique of mitre) {
        const id = str(technique['tag']).toUpperCase();
        const description = str(technique['description']);
        lines.push(description ? `  ${id}: ${description}` : `  ${id}`);
        tags.push(`mitre-attack:${id}`);
      }
    }
    const contentTags = extTags.filter((t) => t['type'] === 'TAG').map((t) => str(t['tag'])).filter((t) => t !== '');
    if (extTags.some((t) => t['type'] === 'TAG')) lines.push(`Tags: ${contentTags.join(', ')}`);
    const countries = extTags.filter((t) => t['type'] === 'COUNTRY').map((t) => str(t['tag'])).filter((t) => t !== '');
    if (extTags.some((t) => t['type'] === 'COUNTRY')) {
      lines.push(`Country: ${countries.join(', ')}`);
      for (const c of countries) tags.push(`country:${c.toLowerCase()}`);
    }
    const feeds = list(extra['feed_source_list']).map(obj);
    if (feeds.length) {
      lines.push('', 'Feed Sources:');
      for (const feed of feeds) {
        const source = str(feed['source_name']);
        lines.push(`  ${source} (seen: ${str(feed['seen_count'])}, first: ${str(feed['first_seen_date'])})`);
        if (source) tags.push(`feed-source:${source}`);
      }
    }
  }
  for (const identity of objects.filter((o) => o['type'] === 'identity')) {
    const name = str(identity['name']);
    if (name) lines.push(`Source Identity: ${name}`);
  }
  return { text: lines.join('\n'), tags: dedupe(tags) };
}
