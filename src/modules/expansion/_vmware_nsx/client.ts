/**
 * The NSX Defender (Lastline) analysis API as tau-clients' `AnalysisClient`
 * calls it: `POST {base}/authentication/login.json` (form `key`,
 * `api_token`) opens a session (cookie), then `{base}/analysis/<function>.json`
 * answers `{"success": 1, "data": …}` or `{"success": 0, "error": …,
 * "error_code": …}`.
 */
import type { ModuleContext } from '../../../core/module.js';
import type { VendorApi } from '../../../core/vendor-api.js';
import { multipartBody, type MultipartFile } from '../../_shared/multipart.js';
import { MESSAGES } from './messages.js';

export const SERVICE = 'VMware NSX Defender';

/** tau-clients' hosted data centers (west.us is the default endpoint). */
export const HOSTED_ANALYSIS_URLS = {
  'west.us': 'https://analysis.us.lastline.com',
  'nl.emea': 'https://analysis.emea.lastline.com',
} as const;

/** The cookies of a Set-Cookie header (repeated fields joined with ", "), as a Cookie header. */
function cookieHeader(setCookie: string | undefined): string | undefined {
  if (!setCookie) return undefined;
  const pairs = setCookie
    .split(/,\s*(?=[^;,=\s]+=)/)
    .map((cookie) => cookie.split(';')[0]!.trim())
    .filter((pair) => pair.includes('='));
  return pairs.length > 0 ? pairs.join('; ') : undefined;
}

export class NsxAnalysisClient {
  readonly #api: VendorApi;
  #cookie: string | undefined;
  #loggedIn = false;

  constructor(
    ctx: ModuleContext,
    readonly base: string,
    private readonly login: { key: string; api_token: string },
  ) {
    this.#api = ctx.vendor({ name: SERVICE, baseUrl: base.replace(/\/+$/, '') });
  }

  /** tau-clients' envelope: the `data` of a successful answer. */
  async #call(method: 'GET' | 'POST', path: string, options: { query?: Record<string, string | number>; form?: Record<string, string>; files?: MultipartFile[] } = {}): Promise<Record<string, unknown>> {
    if (!this.#loggedIn && path !== '/authentication/login.json') await this.#login();
    const headers: Record<string, string> = this.#cookie ? { cookie: this.#cookie } : {};
    let body: Buffer | undefined;
    if (options.files) {
      const fields = Object.entries(options.form ?? {}).map(([name, value]) => ({ name, value }));
      const multipart = multipartBody([...fields, ...options.files]);
      body = multipart.body;
      headers['content-type'] = multipart.contentType;
    }
    const response = await this.#api.request(path, {
      method,
      headers,
      ...(options.query ? { query: options.query } : {}),
      ...(body ? { body } : options.form ? { form: options.form } : {}),
    });
    if (response.status < 200 || response.status > 299) throw this.#api.statusError(response);
    const cookie = cookieHeader(response.headers['set-cookie']);
    if (cookie) this.#cookie = cookie;
    const envelope = response.json<unknown>();
    if (typeof envelope !== 'object' || envelope === null || !('success' in envelope)) {
      throw MESSAGES.error('apiCall', { detail: 'No success field in response' });
    }
    const answer = envelope as Record<string, unknown>;
    if (!answer['success']) {
      const code = answer['error_code'] === undefined ? '' : ` (error_code ${String(answer['error_code'])})`;
      throw MESSAGES.error('apiCall', { detail: `${String(answer['error'] ?? 'unknown error')}${code}` });
    }
    if (!('data' in answer)) throw MESSAGES.error('apiCall', { detail: 'No data field in response' });
    const data = answer['data'];
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  }

  async #login(): Promise<void> {
    await this.#call('POST', '/authentication/login.json', { form: { key: this.login.key, api_token: this.login.api_token } });
    this.#loggedIn = true;
  }

  queryFileHash(hash: string, algorithm: string): Promise<Record<string, unknown>> {
    return this.#call('GET', '/analysis/query/file_hash.json', { query: { hash_value: hash, hash_algorithm: algorithm } });
  }

  submitUrl(url: string): Promise<Record<string, unknown>> {
    return this.#call('POST', '/analysis/submit/url.json', { form: { url } });
  }

  submitFile(content: Uint8Array, filename: string): Promise<Record<string, unknown>> {
    return this.#call('POST', '/analysis/submit/file.json', {
      form: { allow_network_traffic: '1', filename, full_report_score: '-1' },
      files: [{ name: 'file', filename: 'dummy-ascii-name-for-file-param', content }],
    });
  }

  getAnalysisTags(uuid: string): Promise<Record<string, unknown>> {
    return this.#call('GET', '/analysis/get_analysis_tags.json', { query: { uuid } });
  }

  getResult(uuid: string): Promise<Record<string, unknown>> {
    return this.#call('GET', '/analysis/get.json', { query: { uuid, full_report_score: 0 } });
  }
}

/** tau-clients' `get_task_link(uuid, analysis_url, prefer_load_balancer=True)`. */
export function taskLink(uuid: string, analysisUrl: string): string {
  const portal = `${analysisUrl.replace('analysis.', 'user.')}/papi`;
  const link = new URL(`../portal#/analyst/task/${uuid}/overview`, portal).toString();
  return isHostedLink(link) ? link.replace('.us.', '.').replace('.emea.', '.') : link;
}

const HOSTED_DOMAINS = ['user.lastline.com', 'user.us.lastline.com', 'user.emea.lastline.com', 'analysis.lastline.com', 'analysis.us.lastline.com', 'analysis.emea.lastline.com'];

export function isHostedLink(link: string): boolean {
  return HOSTED_DOMAINS.some((domain) => link.includes(domain));
}
