/**
 * rst_cs_beacon: does a service hand out a Cobalt Strike beacon? RST Cloud's
 * Scan API probes it (`GET {base_url}/scan/cs-beacon?target=host:port`,
 * rstapi's `scan.GetCsBeacon`, key in `X-Api-Key`) and answers an `x86` and an
 * `x64` block; a block is a beacon when it carries a parsed `config` or a
 * non-zero `size`. Each beacon is a `file` object (sha256 tagged
 * `misp-galaxy:tool="Cobalt Strike"`, md5, size, the config as text) that
 * characterizes the input.
 *
 * Kept from upstream: name, inputs, settings, the target (a URL as is, else
 * host:port as rst_ssl builds it, 443 by default), one object per distinct
 * sha256, the text "Cobalt Strike beacon (<arch>) on <target>; config:
 * <json.dumps(config)[:400]>", "<target>: no Cobalt Strike beacon found" /
 * "… detected" as a text attribute, the missing-key message.
 * Fixed: a beacon block without a sha256 (upstream drops the detection and
 * answers only the input) is still a file object with what it has (md5,
 * size, config), or an annotation with the config and the tag when it has
 * neither hash nor size; vendor failures name RST Cloud, the HTTP status and what it
 * said; the scan waits `timeout` seconds but never beyond the query's.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { pythonJsonDumps, type PyJson } from '../_shared/python-json.js';
import { asRecord, field, RST_NO_KEY, rstApi, rstSettings, truthy } from './_rstcloud/client.js';
import { pythonIntOfFloat } from './_rstcloud/python-format.js';
import { textResult } from './_rstcloud/results.js';
import { anchorUuid, scanTarget } from './_rstcloud/target.js';

const INPUTS = ['ip-dst', 'ip-src', 'url', 'domain', 'hostname', 'ip-dst|port', 'ip-src|port', 'hostname|port', 'domain|port'] as const;

const MESSAGES = defineMessages({
  ...RST_NO_KEY,
  noTarget: 'No target found in the request.',
  notFound: '{target}: no Cobalt Strike beacon found',
  notDetected: '{target}: no Cobalt Strike beacon detected',
  beacon: 'Cobalt Strike beacon ({arch}) on {target}; config: {config}',
});

const COMMENT = 'RST CS Beacon';
const CS_TAG = 'misp-galaxy:tool="Cobalt Strike"';

/** Python's `int(v)` for a size (an int, a float, or a string of digits); 0 where Python raises. */
function sizeOf(value: unknown): number {
  if (typeof value === 'string' && !/^\s*[+-]?\d+\s*$/.test(value)) return 0;
  return pythonIntOfFloat(value) ?? 0;
}

export default defineModule({
  name: 'rst_cs_beacon',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.2',
    author: 'RST Cloud',
    description: 'Scan a target IP[:port] for a Cobalt Strike beacon configuration via RST Scan API.',
    name: 'RST Cloud Cobalt Strike Beacon',
    requirements: ['An RST Cloud API key.'],
    features:
      'Probes the target for Cobalt Strike beacon configurations via RST Scan GET /scan/cs-beacon. On a hit, returns file MISP ' +
      'object(s) with pivotable SHA-256 hashes tagged to the Cobalt Strike galaxy.',
    references: ['https://api.rstcloud.net/', 'https://pypi.org/project/rstapi/'],
    input: 'IP, URL, domain, or hostname attribute (optional port via config).',
    output: 'file MISP object(s) with beacon hashes and Cobalt Strike galaxy tag.',
  },
  config: rstSettings('api_key', 'base_url', 'port', 'timeout'),
  attributes: { input: [...INPUTS], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = rstApi(ctx, MESSAGES, { scan: true });
    const attribute = requireAttribute(query, INPUTS);
    const target = scanTarget(query, attribute, ctx.config['port']);
    if (!target) throw MESSAGES.error('noTarget');

    const data = asRecord(await api.get('/scan/cs-beacon', { query: { target } }));
    if (!data || !truthy(data)) return textResult(MESSAGES.format('notFound', { target }), COMMENT);

    // The scanner always answers both probes; only a parsed config or a size means a beacon.
    const hits = (['x86', 'x64'] as const)
      .map((arch) => [arch, asRecord(data[arch]) ?? {}] as const)
      .filter(([, block]) => truthy(block['config']) || sizeOf(block['size']) > 0);
    if (hits.length === 0) return textResult(MESSAGES.format('notDetected', { target }), COMMENT);

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const anchor = anchorUuid(query, attribute);
    const seen = new Set<string>();
    for (const [arch, block] of hits) {
      const sha256 = truthy(block['sha256']) ? field(block, 'sha256') : '';
      if (sha256 && seen.has(sha256)) continue;
      seen.add(sha256);
      const config = (truthy(block['config']) ? block['config'] : {}) as PyJson;
      const text = MESSAGES.format('beacon', { arch, target, config: pythonJsonDumps(config).slice(0, 400) });
      const md5 = truthy(block['md5']) ? field(block, 'md5') : '';
      const size = truthy(block['size']) ? field(block, 'size') : '';
      const file =
        sha256 || md5 || size
          ? result.addObject(
              'file',
              [{ relation: 'sha256', value: sha256, tags: [CS_TAG] }, ['md5', md5], ['size-in-bytes', size], ['text', text]],
              { comment: COMMENT },
            )
          : result.addObject('annotation', [['type', COMMENT], { relation: 'text', value: text, tags: [CS_TAG] }], { comment: COMMENT });
      result.addReference(file.uuid, anchor, 'characterizes');
    }
    return result.toResults();
  },
});
