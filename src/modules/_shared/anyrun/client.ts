/**
 * The ANY.RUN Sandbox API calls the anyrun-sdk makes for the import and
 * the submit module: `GET /v1/analysis` (checks the key without using the
 * licence), `GET /v1/analysis/{uuid}` (the JSON report),
 * `GET /report/{uuid}/summary/html`, `GET /report/{uuid}/ioc/json` and
 * `POST /v1/analysis` (starts a task), all with `Authorization: API-KEY <key>`.
 */
import { defineMessages } from '../../../base/messages.js';
import type { ModuleContext } from '../../../core/module.js';
import { statusLine } from '../../../net/http-errors.js';
import type { HttpRequestOptions, HttpResponse } from '../../../net/index.js';
import { VERSION } from '../../../version.js';
import { isRecord, str, type JsonRecord } from '../json-record.js';

export const API_URL = 'https://api.any.run/v1';
export const REPORT_URL = 'https://api.any.run/report';
export const APP_URL = 'https://app.any.run';
const SERVICE = 'ANY.RUN';

/** What ANY.RUN's answers can go wrong with, declared by anyrun_sandbox_import. */
export const ANYRUN_API_MESSAGES = defineMessages({
  httpStatus: `${SERVICE} answered HTTP {status}{detail}.`,
  noData: `${SERVICE} answered a report without its "data" object.`,
  jsonNotHtml: `${SERVICE} answered JSON where the HTML report was expected{detail}.`,
  iocsNotList: `${SERVICE} answered an IOC report that is not a list.`,
});
/** The anyrun-sdk's integration name for MISP (lib/anyrun_sandbox/config.py). */
const INTEGRATION = 'MISP:0.1';
const TIMEOUT_MS = 60_000;

/** ANY.RUN's error bodies: `{"error": true, "message": "…"}` or `{"description": "…"}`. */
function errorMessage(response: HttpResponse): string | undefined {
  try {
    const body: unknown = JSON.parse(response.text());
    if (!isRecord(body)) return undefined;
    return (str(body['message']) ?? str(body['description']))?.replace(/\s+/g, ' ').slice(0, 300);
  } catch {
    return undefined;
  }
}

function checkStatus(response: HttpResponse): void {
  if (response.status >= 200 && response.status <= 299) return;
  const detail = errorMessage(response);
  throw ANYRUN_API_MESSAGES.error('httpStatus', { status: statusLine(response.status), detail: detail ? `: ${detail}` : '' });
}

export class AnyRunClient {
  constructor(
    private readonly ctx: ModuleContext,
    private readonly apiKey: string,
  ) {}

  private async get(url: string, query?: Record<string, string | number>): Promise<HttpResponse> {
    return this.send(url, { ...(query && { query }) });
  }

  private async send(url: string, options: Pick<HttpRequestOptions, 'method' | 'query' | 'json' | 'body' | 'headers'>): Promise<HttpResponse> {
    const response = await this.ctx.http.request(url, {
      ...options,
      headers: {
        ...options.headers,
        accept: 'application/json',
        // The SDK adds the prefix to a bare key and keeps a key that already has one.
        authorization: /^(api-key|basic)\s/i.test(this.apiKey) ? this.apiKey : `API-KEY ${this.apiKey}`,
        'x-anyrun-connector': INTEGRATION,
        'x-anyrun-sdk': `misp-modules-ts:${VERSION}`,
      },
      service: SERVICE,
      timeoutMs: TIMEOUT_MS,
    });
    checkStatus(response);
    return response;
  }

  private async getJson(url: string, query?: Record<string, string | number>): Promise<unknown> {
    return (await this.get(url, query)).json();
  }

  /** The SDK's check_authorization: the user's last tasks. */
  async checkAuthorization(): Promise<void> {
    await this.getJson(`${API_URL}/analysis`, { team: 'false', skip: 0, limit: 25 });
  }

  async report(taskUuid: string): Promise<JsonRecord> {
    const body = await this.getJson(`${API_URL}/analysis/${taskUuid}`);
    if (!isRecord(body) || !isRecord(body['data'])) {
      throw ANYRUN_API_MESSAGES.error('noData');
    }
    return body['data'];
  }

  async htmlReport(taskUuid: string): Promise<string> {
    const response = await this.get(`${REPORT_URL}/${taskUuid}/summary/html`);
    if ((response.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      const detail = errorMessage(response);
      throw ANYRUN_API_MESSAGES.error('jsonNotHtml', { detail: detail ? `: ${detail}` : '' });
    }
    return response.text();
  }

  async iocs(taskUuid: string): Promise<unknown[]> {
    const body = await this.getJson(`${REPORT_URL}/${taskUuid}/ioc/json`);
    if (!Array.isArray(body)) throw ANYRUN_API_MESSAGES.error('iocsNotList');
    return body;
  }

  /**
   * The SDK's run_file_analysis / run_url_analysis: `POST /v1/analysis`, a
   * file as multipart (`file` first, then the fields), a URL as JSON.
   * ANY.RUN's answer, `{"error": false, "data": {"taskid": "…"}}`.
   */
  async startAnalysis(body: { json: Record<string, unknown> } | { multipart: { body: Uint8Array; contentType: string } }): Promise<unknown> {
    const request =
      'json' in body ? { json: body.json } : { body: body.multipart.body, headers: { 'content-type': body.multipart.contentType } };
    return (await this.send(`${API_URL}/analysis`, { method: 'POST', ...request })).json();
  }
}
