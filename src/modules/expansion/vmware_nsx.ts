/**
 * vmware_nsx: enriches a file (hash, attachment, malware-sample) or a URL
 * with VMware NSX Defender (ex-Lastline), through the analysis API calls
 * tau-clients' AnalysisClient makes (_vmware_nsx/client.ts): login, then for
 * a URL `analysis/submit/url`; for a file `analysis/query/file_hash` on
 * every data center (the latest task by expiry), else `analysis/submit/file`
 * (multipart) with the attachment's bytes, the unzipped malware-sample or,
 * for a bare hash, the sample downloaded from VirusTotal (`vt_key`,
 * `GET /api/v3/files/{hash}/download`); then `analysis/get_analysis_tags`
 * and `analysis/get`, parsed as upstream's ResultParser does
 * (_vmware_nsx/report.ts). With `misp_url` / `misp_key` the MITRE ATT&CK
 * galaxy of that MISP (`GET /galaxies/view/c4e851fa-…`) turns the report's
 * techniques into galaxy tags.
 *
 * Kept from upstream: the name, the input types, every `moduleconfig` name,
 * the hosted data centers (analysis.us / analysis.emea.lastline.com) or the
 * admin's `analysis_url` (on-premise, reached as configured), the tags
 * (workflow state, vt:download, av-fam:/av-cls:/nsx: analysis tags), the
 * link to the task (load-balancer portal link when hosted) and the messages
 * "Error connecting to VMware NSX ATA: 'analysis_key'", "Error processing
 * input: …", "Error decoding input: …", "Error issuing API call: …".
 * Fixed: when the report is not ready upstream answered a legacy entry inside
 * a misp_standard result (MISP could not read it): the link is a `link`
 * attribute carrying the tags; TLS is always verified (upstream's
 * `bool("false")` is True, so `analysis_verify_ssl` / `misp_verify_ssl` never
 * turned it off either; they are accepted and ignored, `--ca-file` serves a
 * private CA); an empty key counts as missing; a conversation line that is
 * not "METHOD PATH VERSION" no longer crashes the parser; HTTP failures name
 * VMware NSX Defender (or VirusTotal) and the status.
 */
import { createHash } from 'node:crypto';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { decodeBase64, requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { HOSTED_ANALYSIS_URLS, NsxAnalysisClient, taskLink } from './_vmware_nsx/client.js';
import { MESSAGES } from './_vmware_nsx/messages.js';
import { parseResult } from './_vmware_nsx/report.js';

const INPUT_TYPES = ['attachment', 'malware-sample', 'url', 'md5', 'sha1', 'sha256'] as const;
const WORKFLOW_COMPLETE_TAG = "workflow:state='complete'";
const WORKFLOW_INCOMPLETE_TAG = "workflow:state='incomplete'";
const VT_DOWNLOAD_TAG = 'vt:download';
const GALAXY_ATTACK_PATTERNS_UUID = 'c4e851fa-775f-11e7-8163-b774922098cd';

const HASH_ALGORITHMS: Record<number, string> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };

type Json = Record<string, unknown>;

/** The submission's task uuid and workflow tag (upstream's `_parse_submission_response`). */
function submission(response: Json): { uuid: string; tags: string[] } {
  const uuid = response['task_uuid'];
  if (typeof uuid !== 'string' || uuid === '') throw MESSAGES.error('processingInput', { detail: 'Submission failed, unable to process the data' });
  return { uuid, tags: [response['score'] !== undefined && response['score'] !== null ? WORKFLOW_COMPLETE_TAG : WORKFLOW_INCOMPLETE_TAG] };
}

/** The first file of MISP's malware-sample zip (password "infected"). */
async function unzipSample(zipped: Uint8Array): Promise<Uint8Array> {
  const { ZipArchive } = await import('../_shared/archives/index.js');
  try {
    const archive = await ZipArchive.open(zipped, {}, 'The malware-sample zip');
    const first = archive.entries.find((entry) => !entry.directory);
    if (!first) throw new Error('the archive holds no file');
    return await archive.read(first.name, { password: 'infected' });
  } catch (error) {
    throw MESSAGES.error('processingInput', { detail: error instanceof Error ? error.message : String(error) });
  }
}

/** The sample from VirusTotal (vt-py's `download_file`). */
async function downloadFromVt(ctx: ModuleContext, vtKey: string | undefined, hash: string): Promise<Uint8Array> {
  if (!vtKey) throw MESSAGES.error('processingInput', { detail: 'No file available locally and VT is disabled' });
  const vt = ctx.vendor({ name: 'VirusTotal', baseUrl: 'https://www.virustotal.com/api/v3', headers: { 'x-apikey': vtKey } });
  const response = await vt.request(`/files/${encodeURIComponent(hash)}/download`);
  if (response.status < 200 || response.status > 299) throw MESSAGES.error('processingInput', { detail: vt.statusError(response).message });
  return response.body;
}

/** The ATT&CK galaxy of the admin's MISP, cluster value → tag name; empty when not configured or unreachable (upstream's soft fail). */
async function attackGalaxy(ctx: ModuleContext): Promise<Map<string, string>> {
  const { misp_url: mispUrl, misp_key: mispKey } = ctx.config;
  const galaxy = new Map<string, string>();
  if (!mispUrl || !mispKey) return galaxy;
  try {
    const response = await ctx.http.request(`${mispUrl.replace(/\/+$/, '')}/galaxies/view/${GALAXY_ATTACK_PATTERNS_UUID}`, {
      headers: { Authorization: mispKey, Accept: 'application/json' },
      service: 'MISP',
    });
    if (response.status !== 200) return galaxy;
    const clusters = (response.json<Json>() ?? {})['GalaxyCluster'];
    for (const cluster of Array.isArray(clusters) ? (clusters as Json[]) : []) {
      if (typeof cluster?.['value'] === 'string' && typeof cluster['tag_name'] === 'string') galaxy.set(cluster['value'], cluster['tag_name']);
    }
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    ctx.log.warn('MISP galaxy unavailable: no MITRE technique tags', { error: String(error) });
  }
  return galaxy;
}

export default defineModule({
  name: 'vmware_nsx',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  // Sends a file or URL away: two identical queries are two submissions, never shared.
  coalesce: false,
  meta: {
    version: '0.2',
    author: 'Jason Zhang, Stefano Ortolani',
    description: 'Module to enrich a file or URL with VMware NSX Defender.',
    name: 'VMware NSX Defender Enrich',
    logo: 'vmware_nsx.png',
    requirements: ['The module requires a VMware NSX Defender Analysis `api_token` and `key`.'],
    features:
      'This module takes an IoC such as file hash, file attachment, malware-sample or url as input to query VMware NSX Defender.\n\n' +
      'The IoC is then enriched with data from VMware NSX Defender.',
    references: ['https://www.vmware.com'],
    input: 'File hash, attachment or URL to be enriched with VMware NSX Defender.',
    output: 'Objects and tags generated by VMware NSX Defender.',
  },
  config: {
    analysis_url: { description: 'On-premise analysis API URL (default: the hosted data centers).' },
    analysis_verify_ssl: { description: 'Accepted and ignored: TLS is always verified (use --ca-file for a private CA).' },
    analysis_key: { description: 'NSX Defender analysis API key.' },
    analysis_api_token: { description: 'NSX Defender analysis API token.', secret: true },
    vt_key: { description: 'Optional VirusTotal key, to fetch a sample NSX Defender has not analysed yet.', secret: true },
    misp_url: { description: 'Optional URL of your MISP, to tag MITRE techniques with its ATT&CK galaxy.' },
    misp_verify_ssl: { description: 'Accepted and ignored: TLS is always verified (use --ca-file for a private CA).' },
    misp_key: { description: 'Optional MISP automation key (with misp_url).', secret: true },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const key = ctx.config['analysis_key'];
    const token = ctx.config['analysis_api_token'];
    if (!key) throw MESSAGES.error('missingKey', { setting: 'analysis_key' });
    if (!token) throw MESSAGES.error('missingKey', { setting: 'analysis_api_token' });
    const attribute = requireAttribute(query, INPUT_TYPES);
    const login = { key, api_token: token };
    const onPremise = ctx.config['analysis_url']?.trim();
    const clients = onPremise
      ? [new NsxAnalysisClient(ctx, onPremise, login)]
      : Object.values(HOSTED_ANALYSIS_URLS).map((url) => new NsxAnalysisClient(ctx, url, login));
    const main = clients[0]!;

    let uuid: string | undefined;
    const tags: string[] = [];
    if (attribute.type === 'url') {
      const submitted = submission(await main.submitUrl(attribute.value));
      uuid = submitted.uuid;
      tags.push(...submitted.tags);
    } else {
      let data: Uint8Array | undefined;
      let fileName: string;
      let hash: string;
      if (attribute.type === 'malware-sample' || attribute.type === 'attachment') {
        const encoded = attribute['data'];
        if (encoded === undefined) throw MESSAGES.error('parsingInput', { detail: "'data'" });
        if (typeof encoded !== 'string') {
          const pythonType = encoded === null ? 'NoneType' : Array.isArray(encoded) ? 'list' : typeof encoded === 'object' ? 'dict' : typeof encoded === 'number' ? 'int' : 'bool';
          throw MESSAGES.error('decodingInput', { detail: `argument should be a bytes-like object or ASCII string, not '${pythonType}'` });
        }
        let raw: Uint8Array;
        try {
          raw = decodeBase64(encoded, 'Incorrect padding');
        } catch {
          throw MESSAGES.error('processingInput', { detail: 'Incorrect padding' });
        }
        data = attribute.type === 'malware-sample' ? await unzipSample(raw) : raw;
        fileName = attribute.type === 'malware-sample' ? attribute.value.split('|')[0]! : attribute.value;
        hash = createHash('sha1').update(data).digest('hex');
      } else {
        hash = attribute.value.trim();
        fileName = `${hash}.bin`;
      }
      const algorithm = /^[0-9a-fA-F]+$/.test(hash) ? HASH_ALGORITHMS[hash.length] : undefined;
      if (!algorithm) throw MESSAGES.error('processingInput', { detail: 'Hash type not recognized' });
      const tasks: Json[] = [];
      for (const client of clients) {
        const found = await client.queryFileHash(hash, algorithm);
        if (Array.isArray(found['tasks'])) tasks.push(...(found['tasks'] as Json[]).filter((t) => typeof t === 'object' && t !== null));
      }
      const latest = tasks.sort((a, b) => String(a['expires'] ?? '').localeCompare(String(b['expires'] ?? ''))).at(-1);
      if (latest && typeof latest['task_uuid'] === 'string') {
        uuid = latest['task_uuid'];
      } else {
        if (!data) {
          data = await downloadFromVt(ctx, ctx.config['vt_key'], hash);
          tags.push(VT_DOWNLOAD_TAG);
        }
        const submitted = submission(await main.submitFile(data, fileName));
        uuid = submitted.uuid;
        tags.push(...submitted.tags);
      }
    }

    const link = taskLink(uuid, main.base);
    const result = new MispResultBuilder();
    let report: Json;
    try {
      const analysisTags = await main.getAnalysisTags(uuid);
      const headers: Record<string, string> = { av_family: 'av-fam', av_class: 'av-cls', lastline_malware: 'nsx' };
      const found = new Set<string>();
      for (const tag of Array.isArray(analysisTags['analysis_tags']) ? (analysisTags['analysis_tags'] as Json[]) : []) {
        const data = (tag?.['data'] ?? {}) as Json;
        const header = headers[String(data['type'])];
        if (header) found.add(`${header}:${String(data['value'])}`);
      }
      tags.push(...[...found].sort());
      report = await main.getResult(uuid);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      ctx.log.info('NSX Defender report not available yet', { error: String(error) });
      result.addAttribute({ type: 'link', value: link, category: 'External analysis', tags });
      return result.toResults();
    }

    parseResult(result, link, report, await attackGalaxy(ctx));
    for (const tag of tags) if (tag !== WORKFLOW_COMPLETE_TAG) result.addTag(tag);
    return result.toResults();
  },
});
