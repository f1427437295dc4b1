/**
 * The Lastline analysis API ("malscape") as upstream's AnalysisClient uses it
 * for submissions: `POST {url}/authentication/login.json?key=…&api_token=…`
 * opens a session (a cookie), then `analysis/submit/file.json` (multipart
 * `file`, options in the query string) or `analysis/submit/url.json?url=…`;
 * answers are `{"success": 1, "data": …}` or `{"success": 0, "error", "error_code"}`.
 * The URL is an admin setting: reached as configured, TLS verified.
 */
import type { ModuleContext } from '../../../core/module.js';
import type { HttpRequestOptions } from '../../../net/index.js';
import { multipartBody } from '../multipart.js';
import { readData, sessionCookies } from './client.js';

const SERVICE = 'Lastline';
/** Upstream's client timeout. */
const TIMEOUT_MS = 60_000;
/** What upstream names every uploaded file (non-ASCII names break Lastline's server). */
const UPLOAD_NAME = 'dummy-ascii-name-for-file-param';

export const DEFAULT_ANALYSIS_API_URL = 'https://analysis.lastline.com';

export interface AnalysisCredentials {
  readonly key: string;
  readonly apiToken: string;
}

export interface FileSubmission {
  content: Uint8Array;
  filename: string;
  /** Sent as upstream sends it for malware samples. */
  password?: string;
}

export class LastlineAnalysis {
  #cookie: string | undefined;

  constructor(
    private readonly ctx: ModuleContext,
    private readonly apiUrl: string,
    private readonly credentials: AnalysisCredentials,
  ) {}

  async #post(path: string, query: Record<string, string | number | undefined>, extra: HttpRequestOptions = {}): Promise<unknown> {
    const response = await this.ctx.http.request(`${this.apiUrl}/${path}.json`, {
      method: 'POST',
      service: SERVICE,
      timeoutMs: TIMEOUT_MS,
      query,
      ...extra,
      headers: { accept: 'application/json', ...(this.#cookie && { cookie: this.#cookie }), ...extra.headers },
    });
    const data = readData(response);
    this.#cookie ??= sessionCookies(response.headers['set-cookie']);
    return data;
  }

  async login(): Promise<void> {
    await this.#post('authentication/login', { key: this.credentials.key, api_token: this.credentials.apiToken });
  }

  async submitFile(file: FileSubmission): Promise<unknown> {
    const { body, contentType } = multipartBody([{ name: 'file', filename: UPLOAD_NAME, content: file.content }]);
    const query = { allow_network_traffic: 1, filename: file.filename, password: file.password, full_report_score: -1 };
    return this.#post('analysis/submit/file', query, { body, headers: { 'content-type': contentType } });
  }

  async submitUrl(url: string): Promise<unknown> {
    return this.#post('analysis/submit/url', { url });
  }
}

/** upstream's get_task_link: the portal of the analysis host (`analysis.` → `user.`), task page. */
export function taskLink(apiUrl: string, taskUuid: string): string {
  const portal = `${apiUrl.replaceAll('analysis.', 'user.')}/papi`;
  return new URL(`../portal#/analyst/task/${taskUuid}/overview`, portal).href;
}
