/**
 * mcafee_insights_enrich (hover): what McAfee MVISION Insights says of a
 * file hash. Gets a token from McAfee IAM (`POST
 * https://iam.mcafee-cloud.com/iam/v1.1/token`, client credentials grant,
 * scope "ins.user ins.suser ins.ms.r", client id and secret as HTTP Basic,
 * `x-api-key`), then asks `GET https://api.mvision.mcafee.com/insights/v2/iocs`
 * with `filter[type][eq]`, `filter[value]` and upstream's `fields`, bearer
 * token and `x-api-key`.
 *
 * Kept from upstream: the name, hover only, the settings, both requests as
 * upstream sends them (the form body under `Content-Type:
 * application/vnd.api+json`, as python-requests did), the ten lines of
 * text ("Attribute Category: …", "Dat Version Coverage: …", "Targeted
 * Countries: ['US', …]", "Is Dirty: False", "Threat Name: …", written as
 * Python printed them), the campaign names, the relationship
 * "mvision-insights-details" to the input, and the message "Please provide
 * MVISION API Key, Client ID and Client Secret.".
 * Fixed: upstream built an object named "MVISION Insights Details", which
 * is no MISP object template (MISP cannot validate it): the lines are the
 * `summary` of a `report` object (title "MVISION Insights Details", the
 * same reference to the input), and each campaign is a `campaign-name`
 * attribute the report `mentions`; upstream ended the worker process
 * (`sys.exit()`) on a refused token or a failed search and crashed on an
 * unknown hash or a missing field: a refused token names McAfee IAM and the
 * HTTP status, a failed search names MVISION Insights, an unknown hash
 * answers upstream's log text "No Hash details in MVISION Insights found.",
 * missing fields print as Python's None.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';

const HASH_TYPES = ['md5', 'sha1', 'sha256'] as const;
const IAM_URL = 'https://iam.mcafee-cloud.com/iam/v1.1/token';
const JSON_API = 'application/vnd.api+json';
const FIELDS = 'id, type, value, coverage, uid, is_coat, is_sdb_dirty, category, comment, campaigns, threat, prevalence';

const MESSAGES = defineMessages({
  missingKey: 'Please provide MVISION API Key, Client ID and Client Secret.',
  tokenRefused: 'McAfee IAM refused the token request (HTTP {status}){said}.',
  noToken: 'McAfee IAM answered without an access token.',
  notFound: 'No Hash details in MVISION Insights found.',
});

interface InsightsIoc {
  id?: string | number;
  attributes?: {
    category?: unknown;
    comment?: unknown;
    coverage?: { dat_version?: { min?: unknown } };
    'is-sdb-dirty'?: unknown;
    prevalence?: { countries?: Array<{ iso_code?: unknown }>; sectors?: Array<{ sector?: unknown }> };
    threat?: { classification?: unknown; name?: unknown; severity?: unknown };
  };
}
interface InsightsAnswer {
  data?: InsightsIoc[];
  included?: Array<{ type?: string; attributes?: { name?: unknown } }>;
}

/** Python's `str()` of a JSON value, as upstream's `format` printed it. */
function py(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  return String(value);
}
/** Python's `repr()` of a list item. */
function pyRepr(value: unknown): string {
  if (typeof value !== 'string') return py(value);
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}
const listOf = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value.filter((v) => typeof v === 'object' && v !== null) : []);

/** The IAM token (client credentials grant). */
async function getToken(ctx: ModuleContext, apiKey: string, clientId: string, clientSecret: string): Promise<string> {
  const response = await ctx.http.request(IAM_URL, {
    method: 'POST',
    headers: { 'x-api-key': apiKey, 'Content-Type': JSON_API },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'ins.user ins.suser ins.ms.r' }).toString(),
    basicAuth: { username: clientId, password: clientSecret },
    service: 'McAfee IAM',
  });
  if (response.status !== 200) {
    let said = '';
    try {
      const body = response.json<Record<string, unknown>>();
      const detail = body['message'] ?? body['error_description'] ?? body['error'];
      if (typeof detail === 'string' && detail) said = `: ${detail.replace(/\.+$/, '')}`;
    } catch {
      said = '';
    }
    throw MESSAGES.error('tokenRefused', { status: response.status, said });
  }
  const token = response.json<Record<string, unknown>>()['access_token'];
  if (typeof token !== 'string' || token === '') throw MESSAGES.error('noToken');
  return token;
}

export default defineModule({
  name: 'mcafee_insights_enrich',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '1',
    author: 'Martin Ohl',
    description: 'Lookup McAfee MVISION Insights Details',
    name: 'McAfee MVISION Insights Lookup',
    logo: '',
    requirements: [],
    features: '',
    references: [],
    input: '',
    output: '',
  },
  config: {
    api_key: { description: 'MVISION API key (x-api-key header).', secret: true },
    client_id: { description: 'MVISION client id (HTTP Basic user name at McAfee IAM).' },
    client_secret: { description: 'MVISION client secret (HTTP Basic password at McAfee IAM).', secret: true },
  },
  attributes: { input: [...HASH_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const { api_key: apiKey, client_id: clientId, client_secret: clientSecret } = ctx.config;
    if (!apiKey || !clientId || !clientSecret) throw MESSAGES.error('missingKey');
    const attribute = requireAttribute(query, HASH_TYPES);
    const token = await getToken(ctx, apiKey, clientId, clientSecret);
    const api = ctx.vendor({
      name: 'McAfee MVISION Insights',
      baseUrl: 'https://api.mvision.mcafee.com',
      headers: { 'x-api-key': apiKey, 'Content-Type': JSON_API, Authorization: `Bearer ${token}` },
    });
    const answer = await api.get<InsightsAnswer>('/insights/v2/iocs', {
      query: { 'filter[type][eq]': attribute.type, 'filter[value]': attribute.value, fields: FIELDS },
    });
    const ioc = listOf(answer?.data)[0];
    if (!ioc) throw MESSAGES.error('notFound');

    const a = ioc.attributes ?? {};
    const summary = [
      `Attribute Category: ${py(a.category)}`,
      `Attribute Comment: ${py(a.comment)}`,
      `Dat Version Coverage: ${py(a.coverage?.dat_version?.min)}`,
      `Is Dirty: ${py(a['is-sdb-dirty'])}`,
      `Targeted Countries: ${py(listOf(a.prevalence?.countries).map((c) => c.iso_code))}`,
      `Targeted Sectors: ${py(listOf(a.prevalence?.sectors).map((s) => s.sector))}`,
      `Threat Classification: ${py(a.threat?.classification)}`,
      `Threat Name: ${py(a.threat?.name)}`,
      `Threat Severity: ${py(a.threat?.severity)}`,
      `Attribute ID: ${py(ioc.id)}`,
    ];

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const report = result.addObject('report', [
      ['title', 'MVISION Insights Details'],
      ['summary', summary],
    ]);
    result.addReference(report.uuid, attribute.uuid, 'mvision-insights-details');
    for (const campaign of listOf(answer?.included)) {
      const name = campaign.attributes?.name;
      if (typeof name !== 'string' || name.trim() === '') continue;
      const added = result.addAttribute({ type: 'campaign-name', value: name, comment: 'MVISION Insights campaign' });
      result.addReference(report.uuid, added.uuid, 'mentions');
    }
    return result.toResults();
  },
});
