/**
 * variotdbs: what the VARIoT IoT vulnerability and exploit database knows of
 * a CVE. Asks `GET /api/vuln/{id}/` (a `vulnerability` object related to the
 * input), then `GET /api/exploits/?cve={id}`, following its `next` pages (an
 * `exploit` object per exploit, related to the input). `API_key`, when set,
 * goes in `Authorization: Token <key>` (without it VARIoT allows 100 queries a
 * day).
 *
 * Kept from upstream: the name, `API_key`, the fields read (see
 * _variotdbs/records.ts), a vulnerability VARIoT does not have (404) still
 * asks for exploits, a failed later page keeps the exploits already read, and
 * "Empty results" when neither has anything.
 * Fixed: upstream read the exploits with the vulnerability mapping, which has
 * no exploit fields, and crashed on the first exploit: exploits are read; a
 * vendor failure names VARIoT, the HTTP status and what it said instead of
 * "Error while querying the variotdbs API."; `next` pages are followed only on
 * VARIoT's own site (the key never goes elsewhere) and at most MAX_PAGES
 * (upstream looped for as long as the service said so); an exploit without
 * its code (the `exploit` template requires it) is left out.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { exploitRelations, text, vulnerabilityRelations, type VariotExploit, type VariotVulnerability } from './_variotdbs/records.js';
import { pathSegment } from '../_shared/path-segment.js';

/** Exploit pages followed at most. */
const MAX_PAGES = 20;

const MESSAGES = defineMessages({
  empty: 'Empty results',
});

/** A page of `/api/exploits/` (Django REST framework paging). */
interface ExploitPage {
  count?: unknown;
  next?: unknown;
  results?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A `next` page, or undefined when it fails (upstream kept the exploits already read). */
async function laterPage(api: VendorApi, url: string, log: { warn(message: string): void }): Promise<unknown> {
  const response = await api.request(url);
  if (response.status < 200 || response.status > 299) {
    log.warn(`VARIoT answered HTTP ${response.status} for a later page of exploits; the exploits read so far are kept.`);
    return undefined;
  }
  try {
    return response.json<unknown>();
  } catch {
    log.warn('VARIoT answered invalid JSON for a later page of exploits; the exploits read so far are kept.');
    return undefined;
  }
}

/** Every exploit of the CVE, following `next` while pages answer. */
async function collectExploits(api: VendorApi, cve: string, log: { warn(message: string): void }): Promise<VariotExploit[]> {
  const first = await api.get<ExploitPage>('/exploits/', { query: { cve } });
  const exploits: VariotExploit[] = [];
  let page: unknown = first;
  for (let pages = 1; isObject(page); pages += 1) {
    exploits.push(...(Array.isArray(page['results']) ? page['results'].filter(isObject) : []));
    const next = text(page['next']);
    if (!next) break;
    if (pages >= MAX_PAGES) {
      log.warn(`VARIoT has more than ${MAX_PAGES} pages of exploits for ${cve}; the rest is left out.`);
      break;
    }
    page = await laterPage(api, next, log);
  }
  return exploits;
}

export default defineModule({
  name: 'variotdbs',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'Christian Studer',
    description: 'An expansion module to query the VARIoT db API for more information about a vulnerability.',
    name: 'VARIoT db Lookup',
    logo: 'variot.png',
    requirements: ['A VARIoT db API key (if you do not want to be limited to 100 queries / day)'],
    features:
      'The module takes a vulnerability attribute as input and queries que VARIoT db API to gather additional ' +
      'information.\n\nThe `vuln` endpoint is queried first to look for additional information about the vulnerability ' +
      'itself.\n\nThe `exploits` endpoint is also queried then to look for the information of the potential related ' +
      'exploits, which are parsed and added to the results using the `exploit` object template.',
    references: ['https://www.variotdbs.pl/'],
    input: 'Vulnerability attribute.',
    output:
      'Additional information about the vulnerability, as it is stored on the VARIoT db, about the vulnerability itself, ' +
      'and the potential related exploits.',
  },
  config: { API_key: { description: 'VARIoT db API key (optional; without it VARIoT allows 100 queries a day)', secret: true } },
  attributes: { input: ['vulnerability'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, ['vulnerability']);
    const id = attribute.value.trim();
    const api = ctx.vendor({
      name: 'VARIoT',
      baseUrl: 'https://www.variotdbs.pl/api',
      headers: { 'Content-Type': 'application/json' },
      ...(ctx.config['API_key'] ? { auth: { in: 'header', header: 'Authorization', prefix: 'Token ', setting: 'API_key' } as const } : {}),
    });

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    let empty = true;
    const segment = pathSegment(id);
    if (segment === undefined) throw MESSAGES.error('empty');
    const vulnerability = await api.find<VariotVulnerability>(`/vuln/${segment}/`);
    if (isObject(vulnerability) && Object.keys(vulnerability).length > 0) {
      const object = result.addObject('vulnerability', vulnerabilityRelations(vulnerability, id));
      result.addReference(object.uuid, attribute.uuid, 'related-to');
      empty = false;
    }
    for (const exploit of await collectExploits(api, id, ctx.log)) {
      if (text(exploit.exploit?.data) === undefined) continue;
      const object = result.addObject('exploit', exploitRelations(exploit));
      result.addReference(object.uuid, attribute.uuid, 'related-to');
      empty = false;
    }
    if (empty) throw MESSAGES.error('empty');
    return result.toResults();
  },
});
