/**
 * rst_noise_control: is a value (IP, domain, hostname, URL, hash) known-good
 * or noise? Asks RST Noise Control `GET {base_url}/benign/lookup?value=…`
 * (rstapi's `noisecontrol.ValueLookup`, key in `X-Api-Key`), which answers
 * `{value, type, benign: "true"|"false", reason}`: "Drop <category>" is
 * known-good (safe to suppress), "Change Score <category>" noisy
 * infrastructure (reduce the score only), benign "false" not in the database.
 * The answer is an `rst-noise` object (verdict, category, ioc-type, benign)
 * related to the input, its verdict tagged `false-positive:risk=…`,
 * `rstcloud:noise-control=…` and `rstcloud:noise-category="<first segment>"`.
 *
 * Kept from upstream: name, inputs, settings, verdict texts, tags, the
 * missing-key message, "<value>: unexpected response from RST Noise Control"
 * for an answer that is not an object.
 * Fixed: `misp_url`/`misp_key`/`misp_verifycert` are accepted and ignored
 * (upstream also writes tags, comment, to_ids and false-positive sightings
 * onto the attribute through PyMISP; we return the verdict only); a `reason`
 * or `type` that is not text no longer crashes it; vendor failures name RST
 * Cloud, the HTTP status and what it said (upstream: "Max retries reached"
 * on 429).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { asRecord, field, RST_NO_KEY, rstApi, rstSettings } from './_rstcloud/client.js';
import { textResult } from './_rstcloud/results.js';
import { anchorUuid, hostOnly } from './_rstcloud/target.js';

const INPUTS = [
  'ip-src', 'ip-dst', 'domain', 'hostname', 'url', 'md5', 'sha1', 'sha256',
  'ip-src|port', 'ip-dst|port', 'hostname|port', 'domain|port',
] as const;

const MESSAGES = defineMessages({
  ...RST_NO_KEY,
  noValue: 'No supported value found in the request.',
  unexpected: '{value}: unexpected response from RST Noise Control',
});

const COMMENT = 'RST Noise Control';

/** 'Change Score Shodan/Scanners/Shodan' → 'Shodan/Scanners/Shodan'. */
function category(reason: string): string {
  for (const action of ['Change Score ', 'Drop ']) {
    if (reason.startsWith(action)) return reason.slice(action.length).trim();
  }
  return reason.trim();
}

/** The verdict, the category shown and the tags, from RST's answer. */
function verdictOf(data: Record<string, unknown>): { verdict: string; detail: string; tags: string[]; benign: boolean } {
  const benign = field(data, 'benign').trim().toLowerCase() === 'true';
  const reason = field(data, 'reason').trim();
  const detail = category(reason);
  // The tag keeps the first segment of the category (lower cardinality); the object keeps it whole.
  const bucket = detail.split('/', 1)[0]!.trim();
  if (!benign) return { verdict: 'Not flagged', detail: '', tags: [], benign };
  if (reason.toLowerCase().startsWith('change score')) {
    return {
      verdict: 'NOISY - reduce score',
      detail,
      tags: ['false-positive:risk="medium"', 'rstcloud:noise-control="change-score"', `rstcloud:noise-category="${bucket}"`],
      benign,
    };
  }
  return {
    verdict: 'BENIGN - known-good',
    detail,
    tags: ['false-positive:risk="high"', 'rstcloud:noise-control="drop"', `rstcloud:noise-category="${bucket}"`],
    benign,
  };
}

export default defineModule({
  name: 'rst_noise_control',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.4',
    author: 'RST Cloud',
    description:
      'Check whether a value (IP, domain, URL or hash) is known-good / noise via RST Noise Control. Returns an rst-noise object ' +
      '(verdict, category) linked back to the enriched attribute.',
    name: 'RST Cloud Noise Control',
    requirements: ['An RST Cloud API key.'],
    features:
      'Queries RST Cloud GET /benign/lookup for benign/noisy verdicts. Returns an rst-noise MISP object with false-positive risk tags. ' +
      'When misp_url and misp_key are configured, also annotates the source attribute in place (tags, comment, to_ids, false-positive sightings).',
    references: ['https://api.rstcloud.net/', 'https://pypi.org/project/rstapi/'],
    input: 'IP, domain, hostname, URL, or hash attribute (incl. host|port composites).',
    output: 'rst-noise MISP object with verdict, category, and risk/noise tags.',
  },
  config: rstSettings('api_key', 'base_url', 'misp_url', 'misp_key', 'misp_verifycert'),
  attributes: { input: [...INPUTS], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = rstApi(ctx, MESSAGES);
    const attribute = requireAttribute(query, INPUTS);
    const value = hostOnly(attribute.value);
    if (!value) throw MESSAGES.error('noValue');

    const data = asRecord(await api.get('/benign/lookup', { query: { value } }));
    if (!data) return textResult(MESSAGES.format('unexpected', { value }), COMMENT);

    const { verdict, detail, tags, benign } = verdictOf(data);
    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const object = result.addObject(
      'rst-noise',
      [
        { relation: 'verdict', value: verdict, to_ids: false, tags },
        { relation: 'category', value: detail, to_ids: false },
        { relation: 'ioc-type', value: field(data, 'type').trim(), to_ids: false },
        { relation: 'benign', value: String(benign), to_ids: false },
      ],
      { comment: COMMENT },
    );
    result.addReference(object.uuid, anchorUuid(query, attribute), 'related-to');
    return result.toResults();
  },
});
