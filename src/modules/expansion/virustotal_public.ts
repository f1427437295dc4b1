/**
 * virustotal_public: the VirusTotal v3 report of a domain, hostname, ip, url
 * or file hash for keys of the public API, with fewer relationships than
 * `virustotal` (those the public API serves):
 * - domain / hostname: siblings, subdomains, resolutions, communicating_files, referrer_files;
 * - ip-src / ip-dst: an asn object and resolutions;
 * - md5 / sha1 / sha256: contacted_urls, contacted_domains, contacted_ips;
 * - url: the url report alone.
 * Same requests and objects as `virustotal` otherwise (see _virustotal/).
 *
 * The public API allows 4 requests a minute per key: the module declares it
 * (`rateLimit`), so the server spaces this key's requests within each query's
 * time instead of letting VirusTotal refuse them (a url costs 1 request, an
 * ip 2, a hash 4, a domain 6); a query whose turn comes after its timeout
 * gets a clear error at once. `--vendor-limit "VirusTotal public=N/PERIOD"`
 * changes it (a premium key used here).
 *
 * Kept from upstream: the name, module-type, input types, misp_standard
 * format, settings (apikey, proxy_*), the `x-tool:
 * MISPModuleVirusTotalPublicExpansion` header and the missing-key message.
 * The proxy settings are honoured for this module's requests. Fixed: the
 * permalink of an ip is VirusTotal's `/gui/ip-address/` page (upstream
 * writes `/gui/ip_address/`, a page that does not exist), and what
 * _virustotal/report.ts lists.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { VtClient } from './_virustotal/api.js';
import { vtLookup, type VtVariant } from './_virustotal/report.js';
import { DEFAULT_EVENT_LIMIT, PROXY_SETTINGS, VT_FAMILY_MESSAGES } from './_virustotal/settings.js';

const INPUT_TYPES = ['hostname', 'domain', 'ip-src', 'ip-dst', 'md5', 'sha1', 'sha256', 'url'] as const;

/** The public API's documented quota per key. */
export const PUBLIC_API_LIMIT = { requests: 4, intervalMs: 60_000 };

const MESSAGES = defineMessages({
  noKey: 'A VirusTotal api key is required for this module.',
  ...VT_FAMILY_MESSAGES,
});

const VARIANT: VtVariant = {
  report: 'virustotal-report',
  domainFiles: [
    ['communicating_files', 'communicates-with'],
    ['referrer_files', 'referring'],
  ],
  domainUrls: false,
  fileItwUrls: false,
  ipUrls: false,
  urlFiles: [],
};

export default defineModule({
  name: 'virustotal_public',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '2',
    author: 'Christian Studer',
    description: 'Enrich observables with the VirusTotal v3 public API',
    name: 'VirusTotal Public API Lookup',
    logo: 'virustotal.png',
    requirements: ['An access to the VirusTotal API (apikey)'],
    features:
      'New format of modules able to return attributes and objects.\n\nA module to take a MISP attribute as input and' +
      ' query the VirusTotal API to get additional data about it.\n\nCompared to the [more advanced VirusTotal' +
      ' expansion module](https://github.com/MISP/misp-modules/blob/main/misp_modules/modules/expansion/virustotal.py), this' +
      ' module is made for VirusTotal users who have a low request rate limit.\n\nThus, it only queries the API once' +
      ' and returns the results that is parsed into MISP attributes and objects.',
    references: ['https://www.virustotal.com', 'https://docs.virustotal.com/reference/overview'],
    input: 'A domain, hostname, ip, url or hash (md5, sha1, sha256 or sha512) attribute.',
    output: 'MISP attributes and objects resulting from the parsing of the VirusTotal report concerning the input attribute.',
  },
  config: {
    apikey: { description: 'Your VirusTotal API key (sent in the x-apikey header); its requests are spaced to 4 a minute.', secret: true },
    ...PROXY_SETTINGS,
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    // Upstream's order: the key, the attribute, then the proxy settings.
    if (!ctx.config['apikey']) throw MESSAGES.error('noKey');
    const attribute = requireAttribute(query, INPUT_TYPES);
    const client = new VtClient(ctx, {
      vendor: 'VirusTotal public',
      module: 'virustotal_public',
      tool: 'MISPModuleVirusTotalPublicExpansion',
      missingKey: () => MESSAGES.error('noKey'),
      messages: MESSAGES,
      rateLimit: PUBLIC_API_LIMIT,
    });
    return vtLookup(client, VARIANT, DEFAULT_EVENT_LIMIT, attribute);
  },
});
