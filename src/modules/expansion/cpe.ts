/**
 * cpe: the vulnerabilities of a product (a CPE), from cve-search's query API
 * (CIRCL's cvepremium by default): `POST /api/query` with
 * `{"retrieve": "cves", "dict_filter": {"vulnerable_configuration": cpe},
 * "limit", "sort": "cvss", "sort_dir": "DESC"}`. Answers one `vulnerability`
 * object per CVE (highest CVSS first), related to the input.
 *
 * Kept from upstream: the name, the settings (`custom_API_URL`: the full URL
 * of another cve-search query API; `limit`, default 10), the request body,
 * the fields read (id, summary, Modified, Published, cvss, references,
 * vulnerable_configuration, vulnerable_configuration_cpe_2_2; `{title}` entries
 * read as their title) and "No related vulnerability for this CPE.".
 * Fixed: a vendor failure names cve-search, the HTTP status and what it said
 * instead of "API not accessible."; a `limit` that is no number (upstream
 * crashed) is refused with a clear message; an answer without `data` is "no
 * related vulnerability" instead of a crash; `custom_API_URL` is used as
 * written (upstream appended a slash, which cve-search's `/api/query` route
 * does not answer).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { isRecord, listValues, textValue, type CveSearchRecord } from './_cvesearch/record.js';

const DEFAULT_URL = 'https://cvepremium.circl.lu/api/query';
const DEFAULT_LIMIT = 10;

const MESSAGES = defineMessages({
  noVulnerability: 'No related vulnerability for this CPE.',
  badLimit: 'The setting limit must be a positive whole number, not "{value}".',
});

function resultLimit(setting: string | undefined): number {
  const value = setting?.trim() ?? '';
  if (value === '') return DEFAULT_LIMIT;
  if (!/^\d+$/.test(value) || Number(value) === 0) throw MESSAGES.error('badLimit', { value });
  return Number(value);
}

export default defineModule({
  name: 'cpe',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '2',
    author: 'Christian Studer',
    description: 'An expansion module to query the CVE search API with a cpe code to get its related vulnerabilities.',
    name: 'CPE Lookup',
    logo: 'cve.png',
    requirements: [],
    features:
      'The module takes a cpe attribute as input and queries the CVE search API to get its related vulnerabilities.  \nThe ' +
      'list of vulnerabilities is then parsed and returned as vulnerability objects.\n\nUsers can use their own CVE search ' +
      'API url by defining a value to the custom_API_URL parameter. If no custom API url is given, the default ' +
      'vulnerability.circl.lu api url is used.\n\nIn order to limit the amount of data returned by CVE serach, users can ' +
      'also the limit parameter. With the limit set, the API returns only the requested number of vulnerabilities, sorted ' +
      'from the highest cvss score to the lowest one.',
    references: ['https://vulnerability.circl.lu/api/'],
    input: 'CPE attribute.',
    output: 'The vulnerabilities related to the CPE.',
  },
  config: {
    custom_API_URL: { description: `Full URL of another cve-search query API (default ${DEFAULT_URL})` },
    limit: { description: `At most this many vulnerabilities, highest CVSS first (default ${DEFAULT_LIMIT})` },
  },
  attributes: { input: ['cpe'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, ['cpe']);
    const limit = resultLimit(ctx.config['limit']);
    const api = ctx.vendor({ name: 'cve-search', baseUrl: ctx.config['custom_API_URL']?.trim() || DEFAULT_URL });
    const answer = await api.post<{ data?: unknown } | null>('', {
      json: {
        retrieve: 'cves',
        dict_filter: { vulnerable_configuration: attribute.value.trim() },
        limit,
        sort: 'cvss',
        sort_dir: 'DESC',
      },
    });
    const vulnerabilities = (isRecord(answer) && Array.isArray(answer.data) ? answer.data : []).filter(isRecord) as CveSearchRecord[];
    if (vulnerabilities.length === 0) throw MESSAGES.error('noVulnerability');

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    for (const vulnerability of vulnerabilities) {
      const published = textValue(vulnerability.Published);
      const object = result.addObject('vulnerability', [
        ['id', textValue(vulnerability.id)],
        ['summary', textValue(vulnerability.summary)],
        ['modified', textValue(vulnerability.Modified)],
        ['published', published],
        ['cvss-score', textValue(vulnerability.cvss)],
        ['state', published ? 'Published' : undefined],
        ['references', listValues(vulnerability.references)],
        ['vulnerable-configuration', listValues(vulnerability.vulnerable_configuration)],
        ['vulnerable-configuration', listValues(vulnerability.vulnerable_configuration_cpe_2_2)],
      ]);
      result.addReference(object.uuid, attribute.uuid, 'related-to');
    }
    return result.toResults();
  },
});
