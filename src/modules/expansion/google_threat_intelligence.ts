/**
 * google_threat_intelligence: the Google Threat Intelligence assessment of a
 * domain, hostname, ip, url or file hash (verdict, severity, threat score,
 * detection ratio) with what GTI relates to it, as MISP objects. GTI serves
 * the VirusTotal API v3 (same host, `x-apikey` header): the requests and
 * objects are virustotal's (see virustotal.ts and _virustotal/), with a
 * `google-threat-intelligence-report` in place of each `virustotal-report`,
 * carrying `attributes.gti_assessment`'s threat_score, verdict (without
 * "VERDICT_") and severity (without "SEVERITY_").
 *
 * Kept from upstream: the name, module-type, input types, misp_standard
 * format, the six settings upstream declares in `moduleinfo["config"]`
 * (apikey, event_limit, proxy_*), the `x-tool: MISPModuleGTIExpansion`
 * header and the missing-key message. The proxy settings are honoured for
 * this module's requests. Fixed: an object without a GTI assessment gets a
 * report without verdict, severity and score (upstream adds them as empty
 * strings); the threat score is
 * the template's integer (upstream sends it as text); a missing proxy port
 * or password says which setting (upstream names virustotal's and wraps the
 * text in quotes); and what _virustotal/report.ts lists.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { VtClient } from './_virustotal/api.js';
import { vtLookup, type VtVariant } from './_virustotal/report.js';
import { eventLimit, PROXY_SETTINGS, VT_FAMILY_MESSAGES } from './_virustotal/settings.js';

const INPUT_TYPES = ['hostname', 'domain', 'ip-src', 'ip-dst', 'md5', 'sha1', 'sha256', 'url'] as const;

const MESSAGES = defineMessages({
  noKey: 'A Google Threat Intelligence api key is required for this module.',
  ...VT_FAMILY_MESSAGES,
});

const RELATED_FILES = [
  ['communicating_files', 'communicates-with'],
  ['downloaded_files', 'downloaded-from'],
  ['referrer_files', 'referring'],
] as const;

const VARIANT: VtVariant = {
  report: 'google-threat-intelligence-report',
  domainFiles: RELATED_FILES,
  domainUrls: true,
  fileItwUrls: true,
  ipUrls: true,
  urlFiles: RELATED_FILES,
};

export default defineModule({
  name: 'google_threat_intelligence',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '2',
    author: 'Google Threat Intelligence team',
    description: "An expansion module to have the observable's threat score assessed by Google Threat Intelligence.",
    name: 'Google Threat Intelligence Lookup',
    logo: 'google_threat_intelligence.png',
    requirements: ['An access to the Google Threat Intelligence API (apikey), with a high request rate limit.'],
    features:
      'GTI assessment for the given observable, this include information about level of severity, a clear verdict' +
      ' (malicious, suspicious, undetected and benign) and additional information provided by the Mandiant expertise' +
      ' combined with the VirusTotal database.\n\n[Output example' +
      ' screeshot](https://github.com/MISP/MISP/assets/4747608/e275db2f-bb1e-4413-8cc0-ec3cb05e0414)',
    references: ['https://www.virustotal.com/', 'https://gtidocs.virustotal.com/reference'],
    input: 'A domain, hash (md5, sha1, sha256 or sha512), hostname or IP address attribute.',
    output: 'Text fields containing the threat score, the severity, the verdict and the threat label of the observable inspected.',
  },
  config: {
    apikey: { description: 'Your Google Threat Intelligence API key (sent in the x-apikey header).', secret: true },
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
      vendor: 'Google Threat Intelligence',
      module: 'google_threat_intelligence',
      tool: 'MISPModuleGTIExpansion',
      missingKey: () => MESSAGES.error('noKey'),
      messages: MESSAGES,
    });
    return vtLookup(client, VARIANT, eventLimit(ctx.config, MESSAGES), attribute);
  },
});
