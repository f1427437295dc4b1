/**
 * vulndb: what VulnDB (Risk Based Security / Flashpoint) knows of a CVE.
 * `GET https://vulndb.cyberriskanalytics.com/api/v1/vulnerabilities/{cve}/find_by_cve_id?show_cpe=true`,
 * signed with OAuth 1.0a (HMAC-SHA1, two-legged: apikey / apisecret as the
 * consumer) the way upstream's python-oauth2 client signs a GET: the
 * `oauth_*` parameters and `oauth_body_hash` of the empty body in the query
 * string (src/modules/_shared/oauth1.ts). Answers legacy text, link and cpe
 * values, built as upstream builds them (title, descriptions, dates,
 * external references as links, CVSS lines, "vendor product ( version )"
 * lines, classifications, CPEs).
 *
 * Kept from upstream: the name, the settings (the discard_* switches read
 * "true" in any case), the request, the texts and the messages
 * "Missing API key or secret value for VulnDB.", "No CVE information found."
 * and "No information retrieved from VulnDB." (a query without a
 * vulnerability gets the server's standard message before the module runs;
 * upstream's "Vulnerability ID missing for VulnDB." stays for an empty one).
 * Fixed: upstream answered every failure (a refused key, a 500, a crash on
 * an empty `results` list) with "Error while fetching information from
 * VulnDB, wrong API keys?": a vendor failure names VulnDB, the HTTP status
 * and its message, an empty `results` is "No CVE information found."; an
 * empty key counts as missing (upstream only checked for None); empty
 * value lists are not sent; a version's `affected` is read as the boolean
 * or the string VulnDB may send.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { LegacyResultBuilder } from '../../misp/legacy-result.js';
import { signOAuth1 } from '../_shared/oauth1.js';

const VULNDB_URL = 'https://vulndb.cyberriskanalytics.com';
const SERVICE = 'VulnDB';

const MESSAGES = defineMessages({
  missingVulnerability: 'Vulnerability ID missing for VulnDB.',
  missingKey: 'Missing API key or secret value for VulnDB.',
  noCve: 'No CVE information found.',
  noInformation: 'No information retrieved from VulnDB.',
});

interface VulnDbVersion {
  name?: string;
  affected?: string | boolean;
  cpe?: Array<{ cpe?: string }>;
}
interface VulnDbEntry {
  vulndb_id?: number | string;
  title?: string;
  description?: string | null;
  t_description?: string | null;
  manual_notes?: string | null;
  keywords?: string | null;
  solution?: string | null;
  solution_date?: string | null;
  disclosure_date?: string | null;
  discovery_date?: string | null;
  exploit_publish_date?: string | null;
  vendor_informed_date?: string | null;
  vendor_ack_date?: string | null;
  third_party_solution_date?: string | null;
  ext_references?: Array<{ type?: string; value?: string }> | null;
  cvss_metrics?: Array<{ score?: number | string; calculated_cvss_base_score?: number | string; source?: string }> | null;
  vendors?: Array<{ vendor?: { name?: string } }> | null;
  products?: Array<{ name?: string; versions?: VulnDbVersion[] }> | null;
  classifications?: Array<{ longname?: string; description?: string }> | null;
}

/** External reference types upstream turns into links, and how. */
const REFERENCE_LINKS: Record<string, (value: string) => string> = {
  'Other Advisory URL': (v) => v,
  'News Article': (v) => v,
  'Generic Informational URL': (v) => v,
  'Vendor Specific Advisory URL': (v) => v,
  'Vendor URL': (v) => v,
  'Mail List Post': (v) => v,
  'Metasploit URL': (v) => v,
  'Packet Storm': (v) => v,
  'Generic Exploit URL': (v) => v,
  'CERT VU': (v) => `http://www.kb.cert.org/vuls/id/${v}`,
  'CVE ID': (v) => `https://nvd.nist.gov/vuln/detail/${v}`,
  'Microsoft Knowledge Base Article': (v) => `https://support.microsoft.com/en-us/help/${v}`,
  'Exploit Database': (v) => `https://www.exploit-db.com/exploits/${v}`,
};

const DATES: Array<[keyof VulnDbEntry, string]> = [
  ['solution_date', 'Solution date: '],
  ['disclosure_date', 'Disclosure date: '],
  ['discovery_date', 'Discovery date: '],
  ['exploit_publish_date', 'Exploit published date: '],
  ['vendor_informed_date', 'Vendor informed date: '],
  ['vendor_ack_date', 'Vendor acknowledgement date: '],
  ['third_party_solution_date', 'Third party solution date: '],
];

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
/** Python's `%s` of a value that may be missing. */
const pyStr = (value: unknown): string => (value === undefined || value === null ? 'None' : String(value));
const list = <T>(value: T[] | null | undefined): T[] => (Array.isArray(value) ? value.filter((v) => typeof v === 'object' && v !== null) : []);

interface Switches {
  dates: boolean;
  references: boolean;
  cvss: boolean;
  products: boolean;
  classifications: boolean;
  cpe: boolean;
}

/** The text, link and cpe values of one VulnDB entry, in upstream's order. */
function describe(entry: VulnDbEntry, add: Switches): { texts: string[]; links: string[]; cpes: string[] } {
  const texts: string[] = [];
  const links: string[] = [];
  const cpes: string[] = [];
  if (str(entry.title)) texts.push(str(entry.title));
  links.push(`${VULNDB_URL}/vulnerabilities/${pyStr(entry.vulndb_id)}`);
  if (str(entry.description)) texts.push(str(entry.description));
  if (str(entry.t_description)) texts.push(str(entry.t_description));
  if (str(entry.manual_notes)) texts.push(`Notes: ${str(entry.manual_notes)}`);
  if (str(entry.keywords)) texts.push(`Keywords: ${str(entry.keywords)}`);
  if (str(entry.solution)) texts.push(`Solution: ${str(entry.solution)}`);
  if (add.dates) {
    for (const [field, label] of DATES) if (str(entry[field])) texts.push(label + str(entry[field]));
  }
  if (add.references) {
    for (const reference of list(entry.ext_references)) {
      const toLink = REFERENCE_LINKS[str(reference.type)];
      if (toLink && str(reference.value)) links.push(toLink(str(reference.value)));
    }
  }
  if (add.cvss) {
    for (const metric of list(entry.cvss_metrics)) {
      if (metric.score) texts.push(`CVSS ${pyStr(metric.score)} (base: ${pyStr(metric.calculated_cvss_base_score)}) (source: ${pyStr(metric.source)})`);
    }
  }
  if (add.products) {
    const products = list(entry.products);
    const vendorNames = list(entry.vendors)
      .map((v) => str(v.vendor?.name))
      .filter((name) => name !== '')
      .map((name) => `${name} `)
      .join('');
    for (const product of products) {
      let line = vendorNames;
      if (str(product.name)) line += `${str(product.name)} `;
      const versions = list(product.versions);
      if (versions.length > 0) {
        line += '(';
        for (const version of versions) {
          if (version.affected === true || version.affected === 'true') line += ` ${pyStr(version.name)} `;
          const cpe = add.cpe ? str(list(version.cpe)[0]?.cpe) : '';
          if (cpe) cpes.push(cpe);
        }
        line += ')';
      }
      texts.push(line);
    }
  }
  if (add.classifications) {
    const classifications = list(entry.classifications);
    if (classifications.length > 0) texts.push(classifications.map((c) => ` "${pyStr(c.longname)}" `).join(''));
  }
  return { texts, links, cpes };
}

const DISCARD = { description: 'Set to "true" to leave this part of the VulnDB entry out.' };

export default defineModule({
  name: 'vulndb',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Koen Van Impe',
    description: 'Module to query VulnDB (RiskBasedSecurity.com).',
    name: 'VulnDB Lookup',
    logo: 'vulndb.png',
    requirements: ['An access to the VulnDB API (apikey, apisecret)'],
    features:
      'This module takes a vulnerability attribute as input and queries VulnDB in order to get some additional data about it.\n\n' +
      'The API gives the result of the query which can be displayed in the screen, and/or mapped into MISP attributes to add in the event.',
    references: ['https://vulndb.cyberriskanalytics.com/'],
    input: 'A vulnerability attribute.',
    output: 'Additional data enriching the CVE input, fetched from VulnDB.',
  },
  config: {
    apikey: { description: 'VulnDB API client id (the OAuth 1.0a consumer key).' },
    apisecret: { description: 'VulnDB API client secret (the OAuth 1.0a consumer secret).', secret: true },
    discard_dates: DISCARD,
    discard_external_references: DISCARD,
    discard_cvss: DISCARD,
    discard_productinformation: DISCARD,
    discard_classification: DISCARD,
    discard_cpe: DISCARD,
  },
  attributes: { input: ['vulnerability'], output: ['text', 'link', 'cpe'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, ['vulnerability']);
    if (!input) throw MESSAGES.error('missingVulnerability');
    const apikey = ctx.config['apikey'];
    const apisecret = ctx.config['apisecret'];
    if (!apikey || !apisecret) throw MESSAGES.error('missingKey');
    const keep = (setting: string) => ctx.config[setting]?.toLowerCase() !== 'true';
    const add: Switches = {
      dates: keep('discard_dates'),
      references: keep('discard_external_references'),
      cvss: keep('discard_cvss'),
      products: keep('discard_productinformation'),
      classifications: keep('discard_classification'),
      cpe: keep('discard_cpe'),
    };

    const path = `/api/v1/vulnerabilities/${encodeURIComponent(input.value.trim())}/find_by_cve_id`;
    const showCpe: Record<string, string> = add.cpe ? { show_cpe: 'true' } : {};
    const signedUrl = `${VULNDB_URL}${path}${add.cpe ? '?show_cpe=true' : ''}`;
    const oauth = signOAuth1({ consumerKey: apikey, consumerSecret: apisecret }, { method: 'GET', url: signedUrl, bodyHash: '' });
    const api = ctx.vendor({ name: SERVICE, baseUrl: VULNDB_URL });
    const response = await api.request(path, { method: 'GET', query: { ...showCpe, ...oauth } });
    if (response.status === 404) throw MESSAGES.error('noCve');
    if (response.status < 200 || response.status > 299) throw api.statusError(response);
    const content = response.json<unknown>();
    if (!content || typeof content !== 'object' || Object.keys(content).length === 0) throw MESSAGES.error('noInformation');
    if ('error' in content) throw MESSAGES.error('noCve');
    const results = (content as { results?: unknown }).results;
    const entry = Array.isArray(results) ? (results[0] as unknown) : undefined;
    if (typeof entry !== 'object' || entry === null) throw MESSAGES.error('noCve');

    const { texts, links, cpes } = describe(entry as VulnDbEntry, add);
    const result = new LegacyResultBuilder();
    if (texts.length > 0) result.addValues('text', texts);
    result.addValues('link', links);
    if (add.cpe && cpes.length > 0) result.addValues('cpe', cpes);
    return result.toResults();
  },
});
