/**
 * cve_advanced: a CVE with its weakness (CWE) and attack patterns (CAPEC),
 * from cve-search (CIRCL's cvepremium by default): `GET /api/cve/{id}`, then
 * `GET /api/cwe/{number}` for its CWE. Answers a `vulnerability` object
 * related to the input, `weakened-by` a `weakness` object and `targeted-by`
 * one `attack-pattern` object per CAPEC entry.
 *
 * Kept from upstream: the name, `custom_API` (another cve-search API root),
 * the fields read (id, summary, Modified, cvss3, cvss3-vector, Published,
 * vulnerable_configuration(_cpe_2_2), references, cwe, capec[]; CWE name,
 * description_summary, status, weaknessabs), a CWE lookup that fails leaves
 * the weakness out, and "Non existing CVE" for an unknown id.
 * Fixed: upstream answered "Non existing CVE" and "API not accessible" as a
 * bare string instead of an `{"error": …}` (MISP showed nothing): both are
 * errors now, a vendor failure naming cve-search, the HTTP status and what it
 * said; a CAPEC entry missing a field (upstream crashed) gives the fields it
 * has; only `CWE-<number>` is looked up (upstream asked `/cwe/CWE` for
 * "NVD-CWE-Other").
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { isRecord, listValues, textValue } from './_cvesearch/record.js';
import { pathSegment } from '../_shared/path-segment.js';

const MESSAGES = defineMessages({
  notFound: 'Non existing CVE',
});

/** `GET /api/cwe/{number}` (the fields we read). */
interface CweAnswer {
  name?: unknown;
  description_summary?: unknown;
  status?: unknown;
  weaknessabs?: unknown;
}

/** A CAPEC entry of a cve-search CVE. */
interface CapecEntry {
  id?: unknown;
  name?: unknown;
  summary?: unknown;
  prerequisites?: unknown;
  solutions?: unknown;
  related_weakness?: unknown;
}

function baseUrl(custom: string | undefined): string {
  return (custom?.trim() || 'https://cvepremium.circl.lu/api').replace(/\/+$/, '');
}

/** The CWE record, or undefined when cve-search has none or fails to answer (upstream skips it too). */
async function findCwe(api: VendorApi, number: string, log: { warn(message: string): void }): Promise<CweAnswer | undefined> {
  const response = await api.request(`/cwe/${number}`);
  if (response.status < 200 || response.status > 299) {
    if (response.status !== 404) log.warn(`cve-search answered HTTP ${response.status} for CWE-${number}; the weakness is left out.`);
    return undefined;
  }
  try {
    const found = response.json<unknown>();
    return isRecord(found) ? (found as CweAnswer) : undefined;
  } catch {
    log.warn(`cve-search answered invalid JSON for CWE-${number}; the weakness is left out.`);
    return undefined;
  }
}

export default defineModule({
  name: 'cve_advanced',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '2',
    author: 'Christian Studer',
    description: 'An expansion module to query the CIRCL CVE search API for more information about a vulnerability (CVE).',
    name: 'CVE Advanced Lookup',
    logo: 'cve.png',
    requirements: [],
    features:
      'The module takes a vulnerability attribute as input and queries the CIRCL CVE search API to gather additional ' +
      'information.\n\nThe result of the query is then parsed to return additional information about the vulnerability, ' +
      'like its cvss score or some references, as well as the potential related weaknesses and attack patterns.\n\nThe ' +
      'vulnerability additional data is returned in a vulnerability MISP object, and the related additional information ' +
      'are put into weakness and attack-pattern MISP objects.',
    references: ['https://vulnerability.circl.lu', 'https://cve/mitre.org/'],
    input: 'Vulnerability attribute.',
    output:
      'Additional information about the vulnerability, such as its cvss score, some references, or the related weaknesses ' +
      'and attack patterns.',
  },
  config: { custom_API: { description: 'Root URL of another cve-search API (default https://cvepremium.circl.lu/api/)' } },
  attributes: { input: ['vulnerability'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, ['vulnerability']);
    const api = ctx.vendor({ name: 'cve-search', baseUrl: baseUrl(ctx.config['custom_API']) });
    const segment = pathSegment(attribute.value);
    if (segment === undefined) throw MESSAGES.error('notFound');
    const vulnerability = await api.find<unknown>(`/cve/${segment}`);
    if (!isRecord(vulnerability) || Object.keys(vulnerability).length === 0) throw MESSAGES.error('notFound');

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const published = textValue(vulnerability.Published);
    const object = result.addObject('vulnerability', [
      ['id', textValue(vulnerability.id)],
      ['summary', textValue(vulnerability.summary)],
      ['modified', textValue(vulnerability.Modified)],
      ['cvss-score', textValue(vulnerability.cvss3)],
      ['cvss-string', textValue(vulnerability['cvss3-vector'])],
      ['published', published],
      ['state', published ? 'Published' : undefined],
      ['vulnerable-configuration', listValues(vulnerability.vulnerable_configuration)],
      ['vulnerable-configuration', listValues(vulnerability.vulnerable_configuration_cpe_2_2)],
      ['references', listValues(vulnerability.references)],
    ]);
    result.addReference(object.uuid, attribute.uuid, 'related-to');

    const cwe = typeof vulnerability.cwe === 'string' ? /^CWE-(\d+)$/i.exec(vulnerability.cwe.trim()) : null;
    if (cwe) {
      const found = await findCwe(api, cwe[1]!, ctx.log);
      if (found) {
        const weakness = result.addObject('weakness', [
          ['id', `CWE-${cwe[1]}`],
          ['name', textValue(found.name)],
          ['description', textValue(found.description_summary)],
          ['status', textValue(found.status)],
          ['weakness-abs', textValue(found.weaknessabs)],
        ]);
        result.addReference(object.uuid, weakness.uuid, 'weakened-by');
      }
    }

    for (const capec of Array.isArray(vulnerability.capec) ? vulnerability.capec.filter(isRecord) : []) {
      const entry = capec as CapecEntry;
      if (textValue(entry.id) === undefined && textValue(entry.name) === undefined) continue;
      const pattern = result.addObject('attack-pattern', [
        ['id', textValue(entry.id)],
        ['name', textValue(entry.name)],
        ['summary', textValue(entry.summary)],
        ['prerequisites', textValue(entry.prerequisites)],
        ['solutions', textValue(entry.solutions)],
        ['related-weakness', listValues(entry.related_weakness).map((number) => `CWE-${number}`)],
      ]);
      result.addReference(object.uuid, pattern.uuid, 'targeted-by');
    }
    return result.toResults();
  },
});
