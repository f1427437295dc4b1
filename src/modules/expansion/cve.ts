/**
 * cve: the original CVE lookup, now a client of the Vulnerability-Lookup
 * instance at cve.circl.lu (`GET /api/vulnerability/{id}`). Same code as
 * vulnerability_lookup (see _vulnerability/), another instance.
 *
 * A self-hosted instance is reached with the server's upstream override
 * (`--upstream cve.circl.lu=https://vl.example.org`).
 */
import { defineModule } from '../../core/module.js';
import { SUPPORTED_PREFIXES } from './_vulnerability/families/index.js';
import { lookupMessages, lookupVulnerability, type LookupService } from './_vulnerability/lookup.js';

const SERVICE: LookupService = {
  apiUrl: 'https://cve.circl.lu',
  messages: lookupMessages('Non existing vulnerability ID.'),
};

export default defineModule({
  name: 'cve',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '2',
    author: 'Alexandre Dulaunoy',
    description: 'An expansion hover module to expand information about CVE id.',
    name: 'CVE Lookup',
    logo: 'vulnerability_lookup.png',
    requirements: [],
    features:
      'The module takes a vulnerability attribute as input and queries Vulnerability Lookup to get additional ' +
      'information based on the Vulnerability ID. CVE records give the title, English description, dates, state, ' +
      'credits, CVSS score and vector, references, vulnerable CPEs and CWE weaknesses; GitHub, PyPI and OpenSSF ' +
      '(OSV), NVD (fkie_cve), GCVE, CNVD and CSAF advisories are read too, and the vulnerabilities they name ' +
      `are looked up and linked. Supported ID prefixes: ${SUPPORTED_PREFIXES.join(', ')}.`,
    references: ['https://cve.circl.lu/', 'https://cve.mitre.org/'],
    input: 'Vulnerability attribute.',
    output:
      'Additional information on the vulnerability, gathered from the Vulnerability Lookup API: vulnerability ' +
      'objects (related-to the input and to each other) and weakness objects (weakened-by).',
  },
  attributes: { input: ['vulnerability'], format: 'misp_standard' },
  messages: SERVICE.messages,
  handle: (query, ctx) => lookupVulnerability(query, ctx, SERVICE),
});
