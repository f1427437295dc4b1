/**
 * rst_ioc: what RST Cloud's threat intelligence knows about an indicator (IP,
 * domain, hostname, URL, hash). Asks `GET {base_url}/ioc?value=…` (rstapi's
 * `ioclookup.GetIndicator`, key in `X-Api-Key`) and answers an `rst-ioc`
 * object (score, first/last seen, threats, TTPs, CVEs, industries, tags,
 * false-positive alarm, geo/ASN for IPs, DNS/WHOIS for domains, HTTP status
 * for URLs, file names, source reports) that characterizes the input, tagged
 * with galaxy tags for the threats, `rstcloud:score-total="N"` and
 * `false-positive:risk=…`; related hashes and resolved IPs as attributes.
 *
 * Kept from upstream: name, inputs, settings, every field and text above, the
 * tags, "<value>: not found in RST Cloud" as a text attribute on a miss, the
 * missing-key message.
 * Fixed: `misp_url`/`misp_key`/`misp_verifycert` are accepted and ignored
 * (upstream writes tags, comments and sightings back onto the attribute via
 * PyMISP and looks up RST galaxy clusters; we return the enrichment only); a
 * hit without a score (upstream's object would lack the template's required
 * `score-total`) is an `annotation` object with the summary and the tags,
 * upstream's own fallback object; a 404 is a miss like
 * upstream's 200 `{"error": "Not Found"}`; vendor failures name RST Cloud,
 * the HTTP status and what it said (upstream: "Max retries reached" on 429).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder, type RelationInput, type RelationValue } from '../../misp/standard-result.js';
import type { RelationOf } from '../../misp/templates/index.js';
import { asRecord, field, RST_NO_KEY, rstApi, rstSettings, stringList, truthy } from './_rstcloud/client.js';
import { pythonFixed, pythonIntOfFloat } from './_rstcloud/python-format.js';
import { textResult, threatTags } from './_rstcloud/results.js';
import { anchorUuid, hostOnly } from './_rstcloud/target.js';

const INPUTS = [
  'ip-src', 'ip-dst', 'domain', 'hostname', 'url', 'md5', 'sha1', 'sha256',
  'ip-src|port', 'ip-dst|port', 'hostname|port', 'domain|port',
] as const;

const HASH_TYPES = ['md5', 'sha1', 'sha256'] as const;

const MESSAGES = defineMessages({
  ...RST_NO_KEY,
  noValue: 'No supported indicator value found in the request.',
  notFound: '{value}: not found in RST Cloud',
});

const COMMENT = 'RST IoC Lookup';

/** Present and not a placeholder (upstream's `_known`, on the raw value or its text). */
function known(value: unknown): boolean {
  return truthy(value) && !['', 'none', 'null', 'n/a'].includes(String(value).trim().toLowerCase());
}

/** An object relation as upstream adds it: never for IDS. */
const notIds = (relation: RelationOf<'rst-ioc'>, value: RelationValue | readonly RelationValue[]): RelationInput<RelationOf<'rst-ioc'>> => ({ relation, value, to_ids: false });

/** A Unix timestamp as YYYY-MM-DD (UTC), '' when it is not one (upstream's `_ts`). */
function day(value: unknown): string {
  const seconds = typeof value === 'number' ? Math.trunc(value) : typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/** What the lookup found, as the texts upstream shows (computed once, used by the object and its summary). */
function describe(data: Record<string, unknown>) {
  const iocType = field(data, 'ioc_type').toLowerCase();
  const score = asRecord(data['score']);
  const fp = asRecord(data['fp']);
  const geo = asRecord(data['geo']);
  const asn = asRecord(data['asn']);
  const resolved = asRecord(data['resolved']);
  const parsed = asRecord(data['parsed']);
  const fpAlarm = field(fp, 'alarm').trim().toLowerCase();

  let geoText = '';
  let asnText = '';
  if (iocType === 'ipv4' || iocType === 'ipv6') {
    const country = field(geo, 'country');
    if (truthy(geo?.['country'])) {
      const parts = [country];
      const region = field(geo, 'region');
      const city = field(geo, 'city');
      if (truthy(geo?.['region']) && region !== country) parts.push(region);
      if (truthy(geo?.['city']) && !parts.includes(city)) parts.push(city);
      geoText = parts.join(', ');
    }
    if (truthy(asn?.['num'])) {
      asnText = `AS${field(asn, 'num')}`;
      const isp = field(asn, 'isp');
      const org = field(asn, 'org');
      if (truthy(asn?.['isp'])) asnText += ` ${isp}`;
      if (truthy(asn?.['org']) && org !== isp) asnText += ` / ${org}`;
    }
  }

  const dns: string[] = [];
  let resolvedIps: string[] = [];
  let whoisText = '';
  if (iocType === 'domain') {
    const ip = asRecord(resolved?.['ip']);
    const a = stringList(ip, 'a').filter(known);
    const cname = stringList(ip, 'cname').filter(known);
    const alias = stringList(ip, 'alias').filter(known);
    resolvedIps = a;
    if (a.length) dns.push(`A: ${a.join(', ')}`);
    if (cname.length) dns.push(`CNAME: ${cname.join(', ')}`);
    if (alias.length) dns.push(`alias: ${alias.join(', ')}`);
    const whois = asRecord(resolved?.['whois']);
    if (whois?.['havedata'] === 'true' || truthy(whois?.['registrar'])) {
      const parts: string[] = [];
      const add = (label: string, name: string, length?: number) => {
        const value = field(whois, name);
        if (known(whois?.[name])) parts.push(`${label}: ${length ? value.slice(0, length) : value}`);
      };
      add('registrar', 'registrar');
      add('registrant', 'registrant');
      add('created', 'created', 10);
      add('expires', 'expires', 10);
      add('updated', 'updated', 10);
      if (known(whois?.['age'])) parts.push(`age: ${field(whois, 'age')} days`);
      whoisText = parts.join(', ');
    }
  }

  const urlParts: string[] = [];
  let httpStatus = '';
  if (iocType === 'url') {
    const domain = field(parsed, 'domain');
    const path = field(parsed, 'path');
    const port = field(parsed, 'port');
    if (known(parsed?.['domain'])) urlParts.push(`domain: ${domain}`);
    if (known(parsed?.['path']) && !['/', 'None', 'none'].includes(path)) urlParts.push(`path: ${path}`);
    if (known(parsed?.['port']) && port !== 'None') urlParts.push(`port: ${port}`);
    if (known(resolved?.['status'])) httpStatus = field(resolved, 'status');
  }

  const refs = [...new Set(field(asRecord(data['src']), 'report').split(',').map((r) => r.trim()).filter(Boolean))];
  return {
    iocType,
    total: pythonIntOfFloat(score?.['total']),
    src: pythonFixed(score?.['src'], 1),
    confidence: pythonFixed(score?.['tags'], 2),
    relevance: pythonFixed(score?.['frequency'], 2),
    threats: stringList(data, 'threat'),
    tags: stringList(asRecord(data['tags']), 'str'),
    ttps: stringList(data, 'ttp'),
    cves: stringList(data, 'cve'),
    industries: stringList(data, 'industry'),
    fpAlarm,
    fpFlagged: fpAlarm === 'true' || fpAlarm === 'possible',
    fpDescr: field(fp, 'descr'),
    firstSeen: day(data['fseen']),
    lastSeen: day(data['lseen']),
    geoText,
    asnText,
    dns,
    resolvedIps,
    whoisText,
    urlParts,
    httpStatus,
    filenames: stringList(data, 'filename').filter(known),
    description: truthy(data['description']) ? field(data, 'description') : '',
    refs,
    sources: stringList(asRecord(data['src']), 'name'),
    hashes: HASH_TYPES.filter((type) => known(data[type])).map((type) => [type, field(data, type)] as const),
  };
}

type Found = ReturnType<typeof describe>;

/** Upstream's human summary (the annotation text). */
function summary(found: Found): string {
  const lines: string[] = [];
  const score = [
    found.total !== undefined ? `total: ${found.total}/100` : '',
    found.src ? `src: ${found.src}` : '',
    found.confidence ? `context: ${found.confidence}` : '',
    found.relevance ? `relevance: ${found.relevance}` : '',
  ].filter(Boolean);
  if (score.length) lines.push(`Score: ${score.join(', ')}`);
  if (found.firstSeen || found.lastSeen) lines.push(`Seen: ${found.firstSeen || '?'} to ${found.lastSeen || '?'}`);
  if (found.geoText) lines.push(`Geo: ${found.geoText}`);
  if (found.asnText) lines.push(`ASN: ${found.asnText}`);
  if (found.dns.length) lines.push(`DNS: ${found.dns.join(' | ')}`);
  if (found.whoisText) lines.push(`WHOIS: ${found.whoisText}`);
  if (found.urlParts.length) lines.push(`URL: ${found.urlParts.join(', ')}`);
  if (found.httpStatus) lines.push(`HTTP status: ${found.httpStatus}`);
  if (HASH_TYPES.includes(found.iocType as never) && found.hashes.length) {
    lines.push(`Hashes: ${found.hashes.map(([type, value]) => `${type.toUpperCase()}: ${value}`).join(', ')}`);
  }
  if (found.filenames.length) lines.push(`Filenames: ${found.filenames.join(', ')}`);
  if (found.industries.length) lines.push(`Industry: ${found.industries.join(', ')}`);
  if (found.threats.length) lines.push(`Threats: ${found.threats.join(', ')}`);
  if (found.tags.length) lines.push(`Tags: ${found.tags.join(', ')}`);
  if (found.ttps.length) lines.push(`TTPs: ${found.ttps.join(', ')}`);
  if (found.cves.length) lines.push(`CVEs: ${found.cves.join(', ')}`);
  if (found.fpFlagged) lines.push(`FP alarm: ${found.fpAlarm}${found.fpDescr ? ` - ${found.fpDescr}` : ''}`);
  if (found.description) lines.push(`Description: ${found.description}`);
  if (found.sources.length) lines.push(`Sources: ${found.sources.join(', ')}`);
  return lines.join('\n');
}

/** The galaxy, score and false-positive tags. */
function tagsFor(found: Found): string[] {
  const tags = threatTags(found.threats);
  if (found.total !== undefined) tags.push(`rstcloud:score-total="${found.total}"`);
  if (found.fpFlagged) tags.push(`false-positive:risk="${found.fpAlarm === 'true' ? 'high' : 'medium'}"`);
  return tags;
}

export default defineModule({
  name: 'rst_ioc',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.4',
    author: 'RST Cloud',
    description:
      'Enrich indicators with RST Cloud threat intelligence. Returns an rst-ioc object (score, attribution, geo/ASN for IPs, ' +
      'DNS/WHOIS for domains, parsed components for URLs, related hashes for file hashes) linked back to the enriched attribute.',
    name: 'RST Cloud IoC Lookup',
    requirements: ['An RST Cloud API key.'],
    features:
      'Queries RST Cloud GET /ioc for threat scores, attribution, geo/ASN, DNS, WHOIS, TTPs, CVEs, and related indicators. ' +
      'Returns a structured rst-ioc MISP object with galaxy tags and optional pivotable related hashes/IPs. When misp_url and ' +
      'misp_key are configured, also writes score/threat tags onto the enriched attribute via the MISP API.',
    references: ['https://api.rstcloud.net/', 'https://pypi.org/project/rstapi/'],
    input: 'IP, domain, hostname, URL, or hash attribute (incl. host|port composites).',
    output: 'rst-ioc MISP object, galaxy/score tags, and optional related attributes.',
  },
  config: rstSettings('api_key', 'base_url', 'misp_url', 'misp_key', 'misp_verifycert'),
  attributes: { input: [...INPUTS], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = rstApi(ctx, MESSAGES);
    const attribute = requireAttribute(query, INPUTS);
    const value = hostOnly(attribute.value);
    if (!value) throw MESSAGES.error('noValue');

    // A miss is HTTP 200 {"error": "Not Found"} without an "id".
    const data = asRecord(await api.find('/ioc', { query: { value } }));
    if (!data || data['error'] || !field(data, 'id')) return textResult(MESSAGES.format('notFound', { value }), COMMENT);

    const found = describe(data);
    const tags = tagsFor(found);
    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);

    const object =
      found.total === undefined
        ? result.addObject(
            'annotation',
            [
              ['type', COMMENT],
              { relation: 'text', value: summary(found), tags },
              ['creation-date', found.firstSeen || undefined],
              ['ref', found.refs],
            ],
            { comment: COMMENT },
          )
        : result.addObject(
            'rst-ioc',
            [
              { ...notIds('score-total', String(found.total)), tags },
              notIds('score-confidence', found.confidence),
              notIds('score-relevance', found.relevance),
              notIds('first-seen', found.firstSeen || undefined),
              notIds('last-seen', found.lastSeen || undefined),
              notIds('threat', found.threats),
              notIds('ttp', found.ttps),
              notIds('cve', found.cves),
              notIds('industry', found.industries),
              notIds('tag', found.tags),
              notIds('false-positive', found.fpFlagged ? `${found.fpAlarm}${found.fpDescr ? ` - ${found.fpDescr}` : ''}` : undefined),
              notIds('geo', found.geoText),
              notIds('asn', found.asnText),
              notIds('dns', found.dns),
              notIds('whois', found.whoisText),
              notIds('http-status', found.httpStatus),
              notIds('filename', found.filenames),
              notIds('description', found.description),
              notIds('ref', found.refs),
            ],
            { comment: COMMENT },
          );
    result.addReference(object.uuid, anchorUuid(query, attribute), 'characterizes');

    // Related hashes, pivotable and tagged like the object; resolved IPs as context.
    if (HASH_TYPES.includes(found.iocType as never)) {
      for (const [type, hash] of found.hashes) {
        if (hash !== value) result.addAttribute({ type, value: hash, to_ids: true, comment: `${COMMENT} - related hash`, tags });
      }
    }
    for (const ip of found.resolvedIps) result.addAttribute({ type: 'ip-dst', value: ip, to_ids: false, comment: `${COMMENT} - resolved IP` });
    return result.toResults();
  },
});
