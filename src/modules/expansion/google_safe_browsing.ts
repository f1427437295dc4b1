/**
 * google_safe_browsing: looks a URL up in Google Safe Browsing v4
 * (`POST https://safebrowsing.googleapis.com/v4/threatMatches:find?key=…`,
 * the request pysafebrowsing sends: threat types MALWARE, SOCIAL_ENGINEERING,
 * THREAT_TYPE_UNSPECIFIED, UNWANTED_SOFTWARE, POTENTIALLY_HARMFUL_APPLICATION,
 * platform ANY_PLATFORM, entry type URL) and answers misp_standard: the
 * input attribute and a `google-safe-browsing` object describing it, with
 * `malicious` 1 and tag `ioc:artifact-state="malicious"`, `threats` (the
 * threat types, space-separated, tagged `circl:incident="malware"` /
 * `circl:incident="social-engineering"` or `threat-type:<type>`) and
 * `platforms` when Google matched it; `malicious` 0 and tag
 * `ioc:artifact-state="not-malicious"` when it did not (`{}`).
 *
 * Kept from upstream: the name, the `api_key` setting, the input, the
 * request, the object, tags and reference, the messages for a missing key
 * and an unsupported type (a query without a usable attribute gets the
 * project's standard message, which also asks for the uuid upstream needs).
 * Fixed: an empty `api_key` is refused like a missing one (upstream sent it);
 * Google's "API key not valid" (its HTTP 400) is reported as a refused key,
 * and other failures name Google Safe Browsing, the status and Google's
 * message (upstream: "An error occurred: …", or a crash on a non-JSON
 * answer). Threats and platforms keep Google's order (upstream's set() made
 * it random). The client id sent is this server's, not pysafebrowsing's.
 * Google's quota is per Cloud project and set by its owner: none declared.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { vendorErrorDetail } from '../../net/index.js';
import { MispResultBuilder } from '../../misp/standard-result.js';

const MESSAGES = defineMessages({
  noKey: 'Google Safe Browsing API key is missing',
  unsupported: 'Unsupported attribute type.',
  badKey: 'Google Safe Browsing refused the key (setting api_key, HTTP 400 Bad Request): {detail}.',
});

/** How Google's message for a wrong key (answered with HTTP 400) starts. */
const INVALID_KEY = 'API key not valid';
const THREAT_TYPES = ['MALWARE', 'SOCIAL_ENGINEERING', 'THREAT_TYPE_UNSPECIFIED', 'UNWANTED_SOFTWARE', 'POTENTIALLY_HARMFUL_APPLICATION'];
/** Threat types with a CIRCL incident tag; the others get `threat-type:<type>`. */
const CIRCL_INCIDENT: Record<string, string> = { MALWARE: 'malware', SOCIAL_ENGINEERING: 'social-engineering' };

interface ThreatMatch {
  threatType?: string;
  platformType?: string;
  threatEntryType?: string;
  threat?: { url?: string };
  cacheDuration?: string;
}

const unique = (values: Array<string | undefined>): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];

export default defineModule({
  name: 'google_safe_browsing',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Stephanie S',
    description: 'Google safe browsing expansion module',
    name: 'Google Safe Browsing Lookup',
    logo: '',
    requirements: [],
    features: '',
    references: [],
    input: '',
    output: '',
  },
  config: { api_key: { description: 'Your Google Cloud API key with the Safe Browsing API enabled, sent as the key parameter.', secret: true } },
  attributes: { input: ['url'], format: 'misp_standard' },
  // Upstream checks the key before the attribute.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'Google Safe Browsing',
      baseUrl: 'https://safebrowsing.googleapis.com',
      auth: { in: 'query', param: 'key', setting: 'api_key' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    api.requireKey();
    const attribute = requireAttribute(query);
    if (attribute.type !== 'url') throw MESSAGES.error('unsupported');
    const url = attribute.value;

    const response = await api.request('/v4/threatMatches:find', {
      method: 'POST',
      json: {
        client: { clientId: 'misp-modules', clientVersion: '0.1' },
        threatInfo: { threatTypes: THREAT_TYPES, platformTypes: ['ANY_PLATFORM'], threatEntryTypes: ['URL'], threatEntries: [{ url }] },
      },
    });
    const detail = response.status === 400 ? vendorErrorDetail(response) : undefined;
    if (detail?.startsWith(INVALID_KEY)) throw MESSAGES.error('badKey', { detail });
    if (response.status < 200 || response.status > 299) throw api.statusError(response);
    const found = response.json<{ matches?: ThreatMatch[] }>();
    const matches = (Array.isArray(found?.matches) ? found.matches : []).filter((match) => match?.threat?.url === url);

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    let object;
    if (matches.length > 0) {
      const threats = unique(matches.map((match) => match.threatType));
      const platforms = unique(matches.map((match) => match.platformType));
      object = result.addObject('google-safe-browsing', [
        { relation: 'malicious', value: 1, tags: ['ioc:artifact-state="malicious"'] },
        {
          relation: 'threats',
          value: threats.join(' '),
          tags: threats.map((threat) => (CIRCL_INCIDENT[threat] ? `circl:incident="${CIRCL_INCIDENT[threat]}"` : `threat-type:${threat.toLowerCase()}`)),
        },
        ['platforms', platforms.join(' ')],
      ]);
    } else {
      object = result.addObject('google-safe-browsing', [{ relation: 'malicious', value: 0, tags: ['ioc:artifact-state="not-malicious"'] }]);
    }
    result.addReference(object.uuid, attribute.uuid, 'describes');
    return result.toResults();
  },
});
