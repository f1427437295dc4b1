/**
 * apiosintds: is an IP, domain, URL or file hash in the DigitalSide
 * Threat-Intel lists (OSINT.digitalside.it, 7 days of malware URLs and
 * samples)? Reads, as upstream's apiosintDS library does,
 * https://raw.githubusercontent.com/davidonzo/Threat-Intel/master/lists/
 * latesturls.txt, latestips.txt, latestdomains.txt and latesthashes.json
 * (falling back to https://osint.digitalside.it/Threat-Intel/lists/), or a
 * local clone of that repository (`local_directory`), and looks the values
 * up locally. A hit gives upstream's text, the sample's hashes, links to its
 * online reports (MISP event, CSV, DigitalSide report, STIX), with
 * `STIX2_details` what the STIX report says, and with `import_related` the
 * related URLs with their hashes and reports; a miss gives upstream's
 * "<value> IS NOT listed by OSINT.digitalside.it. Date list: <date>". A
 * pinned hover (`persistent`) gets upstream's lines of text instead.
 *
 * Kept from upstream: the name, the input and output types, the six
 * settings in upstream's order, the lists and hosts, the library's input
 * classification, every text and comment (_apiosintds/results.ts) and the
 * error for an unreadable local_directory.
 * Caching: the lists are parsed once and kept in the server's memory
 * (ctx.resources): with `cache` "yes" for `cache_timeout_h` hours (default
 * 4, as upstream; 0 also gives 4, as upstream's module does; at most 168),
 * otherwise for one hour at most (upstream downloaded all of them on every
 * query); a local clone's lists until the file changes. `cache_directory` is
 * accepted and ignored: nothing is written to disk. A list is read only
 * when the query needs it (upstream always downloaded the URL and hash
 * lists), and one larger than 32 MiB is refused.
 * Fixed: upstream's fallback host never worked (its download returned 1
 * instead of the list: "'int' object is not subscriptable"); a network
 * failure of GitHub (or its 30 s request timeout) falls back too, and its
 * 429/503 are not retried (the mirror is the retry); a list that cannot be
 * had, an empty or malformed list, or a value that is no IPv4/domain/URL/
 * hash gives a clear error (upstream called exit(), killing the request); a
 * URL latesthashes.json does not know no longer crashes (NameError), nor do
 * related URLs serving the same sample (KeyError), a missing report file of
 * a local clone (KeyError) or an unavailable STIX report (its fallback
 * crashed too): what is missing is left out; the hashes and the report
 * links of a sample come from the same latesthashes.json entry (upstream
 * took the first and the last match); a local clone's reports are linked at
 * their public address (upstream put paths on this server in `link`
 * attributes); invalid `cache_timeout_h` is a clear error (upstream
 * crashed); STIX reports are read only for what is shown; the hash of a
 * filename|hash is its last part.
 */
import { defineModule, type Query } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { mapLimit } from '../_shared/map-limit.js';
import { entitiesOf, INPUT_TYPES, submittedValues } from './_apiosintds/entities.js';
import { QueryLists } from './_apiosintds/lists.js';
import { MESSAGES } from './_apiosintds/messages.js';
import { LocalOrigin, RemoteOrigin, type ListOrigin } from './_apiosintds/origin.js';
import { enrichmentEntries, hoverEntries } from './_apiosintds/results.js';
import { lookUp, type Finding, type Reports } from './_apiosintds/search.js';
import { parseStixReport } from './_apiosintds/stix.js';

const HOUR_MS = 3_600_000;
/** How long lists are kept without `cache` "yes". */
const DEFAULT_TTL_HOURS = 1;
/** Upstream's cache timeout when none (or 0) is set. */
const CACHE_TIMEOUT_HOURS = 4;
/** The lists hold 7 days: keeping them longer makes no sense. */
const MAX_CACHE_HOURS = 168;
/** STIX reports read at once. */
const STIX_CONCURRENCY = 4;

/** Python's truth value of a JSON value (upstream's `if request.get("persistent")`). */
function pythonTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** How long the downloaded lists are kept, from `cache` and `cache_timeout_h`. */
function listTtlMs(cache: boolean, timeout: string | undefined): number {
  let hours = CACHE_TIMEOUT_HOURS;
  if (timeout !== undefined) {
    const trimmed = timeout.trim();
    if (!/^\d+$/.test(trimmed) || Number(trimmed) > MAX_CACHE_HOURS) throw MESSAGES.error('badTimeout', { value: timeout, max: MAX_CACHE_HOURS });
    hours = Number(trimmed) || CACHE_TIMEOUT_HOURS;
  }
  return (cache ? hours : DEFAULT_TTL_HOURS) * HOUR_MS;
}

/** The attribute's value(s) upstream submits. */
function submitted(query: Query): string[] {
  const input = findLegacyInput(query, INPUT_TYPES);
  if (input) return submittedValues(input.type, input.value);
  // The runner saw one of the types, but not as text.
  const type = INPUT_TYPES.find((name) => query[name] !== undefined && query[name] !== null);
  throw MESSAGES.error('invalidInput', { value: JSON.stringify(type === undefined ? null : query[type]) });
}

/** Adds the STIX details to every report shown, reading each sample's report once. */
async function addStixDetails(findings: readonly Finding[], origin: ListOrigin, importRelated: boolean): Promise<void> {
  const shown: Reports[] = [];
  for (const finding of findings) {
    if (!finding.found) continue;
    if (finding.reports) shown.push(finding.reports);
    if (!importRelated) continue;
    for (const related of finding.related) if (typeof related !== 'string' && related.reports) shown.push(related.reports);
  }
  const samples = [...new Set(shown.map((reports) => reports.md5))];
  const details = await mapLimit(samples, STIX_CONCURRENCY, async (md5) => {
    const report = await origin.readStixReport(md5);
    return report === undefined ? undefined : parseStixReport(report);
  });
  const byMd5 = new Map(samples.map((md5, i) => [md5, details[i]]));
  for (const reports of shown) {
    const found = byMd5.get(reports.md5);
    if (found) reports.details = found;
  }
}

export default defineModule({
  name: 'apiosintds',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.2',
    author: 'Davide Baglieri aka davidonzo',
    description: 'On demand query API for OSINT.digitalside.it project.',
    name: 'OSINT DigitalSide',
    logo: '',
    requirements: [],
    features:
      'The module simply queries the API of OSINT.digitalside.it with a domain, ip, url or hash attribute.\n\nThe' +
      ' result of the query is then parsed to extract additional hashes or urls. A module parameters also allows to' +
      ' parse the hashes related to the urls.\n\nFurthermore, it is possible to cache the urls and hashes collected' +
      ' over the last 7 days by OSINT.digitalside.it',
    references: ['https://osint.digitalside.it/#About'],
    input: 'A domain, ip, url or hash attribute.',
    output: 'Hashes and urls resulting from the query to OSINT.digitalside.it',
  },
  config: {
    STIX2_details: {
      description:
        '"yes": also read the STIX 2 report of each sample shown (TLP, first and last seen, VirusTotal ratio and link, file name, size and type). Default no.',
    },
    import_related: {
      description:
        '"yes": also add the related items: the listed URLs on the host of an IP, domain or URL, the download URLs of a hash, with their hashes and reports. Default no.',
    },
    cache: {
      description:
        '"yes": keep the downloaded lists in memory for cache_timeout_h hours; otherwise they are kept one hour at most (upstream downloaded them on every query).',
    },
    cache_directory: {
      description: 'Accepted and ignored: the lists are kept in the server\'s memory, nothing is written to disk (upstream stored them in this directory).',
    },
    cache_timeout_h: {
      description: `Hours the lists are kept with cache "yes" (default and 0: ${CACHE_TIMEOUT_HOURS}, as upstream; at most ${MAX_CACHE_HOURS}).`,
    },
    local_directory: {
      description:
        'A local clone of https://github.com/davidonzo/Threat-Intel: its lists/ (and stix2/ reports) are read instead of downloading them, again when a file changes; the cache settings are then ignored.',
    },
  },
  attributes: {
    input: [...INPUT_TYPES],
    output: ['domain', 'ip-dst', 'url', 'comment', 'md5', 'sha1', 'sha256', 'link', 'text'],
  },
  messages: MESSAGES,
  async handle(query, ctx) {
    const values = submitted(query);
    const entities = entitiesOf(values);
    if (entities.length === 0) throw MESSAGES.error('invalidInput', { value: values.join('|') });

    const yes = (name: string) => ctx.config[name]?.toLowerCase() === 'yes';
    const importRelated = yes('import_related');
    const ttlMs = listTtlMs(yes('cache'), ctx.config['cache_timeout_h']);
    const directory = ctx.config['local_directory'];
    const origin: ListOrigin = directory ? await LocalOrigin.open(directory) : new RemoteOrigin(ctx, ttlMs);

    const findings = await lookUp(entities, new QueryLists(ctx, origin), origin);
    if (yes('STIX2_details')) await addStixDetails(findings, origin, importRelated);
    const entries = pythonTruthy(query['persistent']) ? hoverEntries(findings, { importRelated }) : enrichmentEntries(findings, { importRelated });
    return legacyResults(entries);
  },
});
