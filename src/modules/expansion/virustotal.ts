/**
 * virustotal: the VirusTotal v3 report of a domain, hostname, ip, url or
 * file hash, with what VirusTotal relates to it, as MISP objects.
 * `GET https://www.virustotal.com/api/v3/{domains|ip_addresses|files|urls}/{id}`
 * (urls by vt-py's unpadded base64url id) and its relationships, key in the
 * `x-apikey` header (what vt-py sends; no SDK here):
 * - domain / hostname: siblings, subdomains (domain attributes, referenced
 *   `sibling-of` / `subdomain`), resolutions (ips of the domain-ip object),
 *   communicating_files, downloaded_files, referrer_files, urls;
 * - ip-src / ip-dst (and `|port`): an asn object, resolutions (domains of the
 *   domain-ip object), urls;
 * - md5 / sha1 / sha256: itw_urls, contacted_urls, contacted_domains, contacted_ips;
 * - url: communicating_files, downloaded_files, referrer_files;
 * each related object with its own virustotal-report. `event_limit` (default
 * 10) bounds every relationship list.
 *
 * Kept from upstream: the name, module-type, input types, misp_standard
 * format, settings (apikey, event_limit, proxy_*), the objects and
 * references, the `x-tool: MISPModuleVirusTotalExpansion` header and the
 * missing-key message. The proxy settings are honoured for this module's
 * requests. Fixed: see _virustotal/report.ts and _virustotal/settings.ts
 * (crashes on missing fields, url objects holding VirusTotal's id instead of
 * the URL, proxy setting errors answered as "Something went wrong"); a
 * refused key names VirusTotal, the HTTP status and its message instead of
 * the bare code "ForbiddenError"; VirusTotal's "not found" is its own message,
 * as upstream returns it.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { VtClient } from './_virustotal/api.js';
import { vtLookup, type VtVariant } from './_virustotal/report.js';
import { eventLimit, PROXY_SETTINGS, VT_FAMILY_MESSAGES } from './_virustotal/settings.js';

const INPUT_TYPES = ['hostname', 'domain', 'ip-src', 'ip-dst', 'md5', 'sha1', 'sha256', 'url', 'ip-src|port', 'ip-dst|port'] as const;

const MESSAGES = defineMessages({
  noKey: 'A VirusTotal api key is required for this module.',
  ...VT_FAMILY_MESSAGES,
});

const RELATED_FILES = [
  ['communicating_files', 'communicates-with'],
  ['downloaded_files', 'downloaded-from'],
  ['referrer_files', 'referring'],
] as const;

const VARIANT: VtVariant = {
  report: 'virustotal-report',
  domainFiles: RELATED_FILES,
  domainUrls: true,
  fileItwUrls: true,
  ipUrls: true,
  urlFiles: RELATED_FILES,
};

export default defineModule({
  name: 'virustotal',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '6',
    author: 'Hannah Ward',
    description: 'Enrich observables with the VirusTotal v3 API',
    name: 'VirusTotal v3 Lookup',
    logo: 'virustotal.png',
    requirements: ['An access to the VirusTotal API (apikey), with a high request rate limit.'],
    features:
      'New format of modules able to return attributes and objects.\n\nA module to take a MISP attribute as input and' +
      ' query the VirusTotal API to get additional data about it.\n\nCompared to the [standard VirusTotal expansion' +
      ' module](https://github.com/MISP/misp-modules/blob/main/misp_modules/modules/expansion/virustotal_public.py),' +
      ' this module is made for advanced parsing of VirusTotal report, with a recursive analysis of the elements' +
      ' found after the first request.\n\nThus, it requires a higher request rate limit to avoid the API to return a' +
      ' 204 error (Request rate limit exceeded), and the data parsed from the different requests are returned as MISP' +
      ' attributes and objects, with the corresponding relations between each one of them.',
    references: ['https://www.virustotal.com/', 'https://docs.virustotal.com/reference/overview'],
    input: 'A domain, hash (md5, sha1, sha256 or sha512), hostname or IP address attribute.',
    output: 'MISP attributes and objects resulting from the parsing of the VirusTotal report concerning the input attribute.',
  },
  config: {
    apikey: { description: 'Your VirusTotal API key (sent in the x-apikey header).', secret: true },
    event_limit: { description: 'How many related objects to read per relationship (default 10).' },
    ...PROXY_SETTINGS,
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    // Upstream's order: the key, the attribute, then the proxy settings.
    if (!ctx.config['apikey']) throw MESSAGES.error('noKey');
    const attribute = requireAttribute(query, INPUT_TYPES);
    const client = new VtClient(ctx, {
      vendor: 'VirusTotal',
      module: 'virustotal',
      tool: 'MISPModuleVirusTotalExpansion',
      missingKey: () => MESSAGES.error('noKey'),
      messages: MESSAGES,
    });
    return vtLookup(client, VARIANT, eventLimit(ctx.config, MESSAGES), attribute);
  },
});
