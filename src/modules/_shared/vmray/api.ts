/**
 * The VMRay REST API as upstream's vmray_rest_api client uses it: GETs with
 * `Authorization: api_key <key>`, JSON answers `{"result": "ok", "data": …}`
 * (long lists continue through `/rest/continuation/<id>`), errors
 * `{"result": "error", "error_msg": "…"}` with a non-2xx status, and report
 * files downloaded raw from an analysis archive.
 *
 * vmray_import sends its server URL through the URL guard (an appliance on a
 * private network needs --allow-url-range); vmray_submit reaches the admin's
 * server as configured (`guarded: false`). TLS is verified either way
 * (`--ca-file` for a private CA).
 */
import { ModuleError } from '../../../base/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { statusLine } from '../../../net/http-errors.js';
import type { HttpRequestOptions, HttpResponse } from '../../../net/index.js';
import { isRecord, str } from '../joe/json.js';
import { VMRAY_API_MESSAGES } from './messages.js';

const SERVICE = 'VMRay';
/** Per request; the query's own timeout still applies. */
const TIMEOUT_MS = 60_000;
/** A guard against a server that never stops handing out continuation ids. */
const MAX_CONTINUATIONS = 100;

/** A non-2xx answer (or `"result": "error"`), with VMRay's `error_msg` when it gave one. */
export class VMRayApiError extends ModuleError {
  constructor(
    readonly status: number,
    readonly detail: string | undefined,
  ) {
    const tail = detail ? `: ${detail.replace(/\.$/, '')}` : '';
    // VMRay errors come with a non-2xx status; an error inside a 200 answer is named as such
    super(
      status >= 200 && status <= 299
        ? VMRAY_API_MESSAGES.format('answeredError', { detail: tail })
        : VMRAY_API_MESSAGES.format('httpStatus', { status: statusLine(status), detail: tail }),
    );
  }
}

/** `vmray.example.org` → `https://vmray.example.org` (upstream assumes https), no trailing slash. */
export function serverUrl(raw: string): string {
  const trimmed = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw VMRAY_API_MESSAGES.error('urlNotUrl', { url: trimmed.slice(0, 200) });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw VMRAY_API_MESSAGES.error('urlNotHttp');
  }
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}

function errorDetail(response: HttpResponse): string | undefined {
  try {
    const body: unknown = JSON.parse(response.text());
    if (isRecord(body)) return str(body['error_msg'])?.trim() || undefined;
  } catch {
    // not JSON: the status alone says it
  }
  return undefined;
}

export class VMRayApi {
  constructor(
    private readonly ctx: ModuleContext,
    private readonly server: string,
    private readonly apiKey: string,
    private readonly options: { guarded: boolean } = { guarded: true },
  ) {}

  private async send(path: string, accept: string, extra: HttpRequestOptions = {}): Promise<HttpResponse> {
    const options: HttpRequestOptions = {
      service: SERVICE,
      timeoutMs: TIMEOUT_MS,
      userUrl: this.options.guarded,
      ...extra,
      headers: { accept, authorization: `api_key ${this.apiKey}`, ...extra.headers },
    };
    const response = await this.ctx.http.request(`${this.server}${path}`, options);
    if (response.status < 200 || response.status > 299) throw new VMRayApiError(response.status, errorDetail(response));
    return response;
  }

  private get(path: string, accept: string): Promise<HttpResponse> {
    return this.send(path, accept);
  }

  private async getJson(path: string, response?: HttpResponse): Promise<Record<string, unknown>> {
    response ??= await this.get(path, 'application/json');
    let body: unknown;
    try {
      body = response.json();
    } catch (error) {
      throw VMRAY_API_MESSAGES.error('invalidJson', { status: response.status, path }, { cause: error });
    }
    if (!isRecord(body)) throw VMRAY_API_MESSAGES.error('notApiResponse', { path });
    if (body['result'] === 'error') throw new VMRayApiError(response.status, str(body['error_msg']));
    return body;
  }

  /** The `data` of an API answer, with the continued parts of a long list appended. */
  async call(path: string): Promise<unknown> {
    let body = await this.getJson(path);
    const data = body['data'];
    for (let page = 0; body['continuation_id'] !== undefined && body['continuation_id'] !== null; page += 1) {
      if (!Array.isArray(data)) throw VMRAY_API_MESSAGES.error('continuationNotList', { path });
      if (page >= MAX_CONTINUATIONS) throw VMRAY_API_MESSAGES.error('tooManyContinuations', { path, max: MAX_CONTINUATIONS });
      const id = str(body['continuation_id']) ?? '';
      if (!/^\d+$/.test(id)) throw VMRAY_API_MESSAGES.error('badContinuationId', { path });
      body = await this.getJson(`/rest/continuation/${id}`);
      const more = body['data'];
      if (Array.isArray(more)) data.push(...(more as unknown[]));
    }
    return data;
  }

  /** A POST with a multipart body (`/rest/sample/submit`): the answer's `data`. */
  async postMultipart(path: string, body: Uint8Array, contentType: string): Promise<unknown> {
    const response = await this.send(path, 'application/json', { method: 'POST', body, headers: { 'content-type': contentType } });
    return (await this.getJson(path, response))['data'];
  }

  /** A file of an analysis archive, e.g. `logs/summary_v2.json`, as bytes. */
  async download(path: string): Promise<Buffer> {
    return (await this.get(path, '*/*')).body;
  }
}
