/**
 * An AssemblyLine v4 session, as upstream's `_assemblyline_api.py` opens it:
 * `POST /api/v4/auth/login/` with `{user, apikey}` (else `{user, password}`),
 * then the session cookies and the `X-XSRF-TOKEN` header on every request;
 * a 401 on a JSON request logs in again once and retries. Answers come
 * wrapped in `{api_response, api_error_message, api_status_code}`: the
 * client returns `api_response` and turns a failure into an
 * AssemblyLineFailure that names AssemblyLine, the HTTP status and
 * `api_error_message`, which the modules wrap in upstream's sentences.
 *
 * The server is the admin's `apiurl`, reached as configured; its TLS
 * certificate is verified unless `verifyssl` is off.
 */
import { statusLine } from '../../../net/index.js';
import type { HttpClient, HttpRequestOptions, HttpResponse } from '../../../net/types.js';
import type { MultipartBody } from '../../_shared/multipart.js';
import type { AssemblyLineSettings } from './settings.js';

const SERVICE = 'AssemblyLine';

/** An AssemblyLine error answer (upstream's AssemblyLineError); the modules word it. */
export class AssemblyLineFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type Credential = { apikey: string } | { password: string };

/** `Set-Cookie` values as undici joins them (`a=1; Path=/, b=2; Expires=Wed, 21 Oct…`), split back. */
function cookiesFrom(setCookie: string | undefined): Array<[string, string]> {
  if (!setCookie) return [];
  return setCookie
    .split(/,(?=\s*[^;=,\s]+=)/)
    .map((cookie) => cookie.split(';')[0]!.trim())
    .filter((pair) => pair.includes('='))
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]);
}

/** `api_error_message`, else `error`, else `message`, else the text (upstream's `_extract_error_message`). */
function errorText(response: HttpResponse): string {
  const text = response.text();
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      for (const key of ['api_error_message', 'error', 'message']) {
        const value = (body as Record<string, unknown>)[key];
        if (value) return typeof value === 'string' ? value : JSON.stringify(value);
      }
    }
  } catch {
    // Not JSON: the text itself.
  }
  const line = text.replace(/\s+/g, ' ').trim().slice(0, 300);
  return line;
}

export class AssemblyLineSession {
  readonly #cookies = new Map<string, string>();
  #credential: Credential | undefined;

  constructor(
    private readonly http: HttpClient,
    private readonly settings: AssemblyLineSettings,
  ) {}

  /**
   * Logs in with the API key, then (if that fails or there is none) the
   * password; the reasons in upstream's words when neither works.
   */
  async login(): Promise<{ ok: true } | { ok: false; reasons: string }> {
    const reasons: string[] = [];
    const { apikey, password } = this.settings;
    for (const [credential, label] of [
      [apikey ? { apikey } : undefined, 'API key'],
      [password ? { password } : undefined, 'Password'],
    ] as const) {
      if (!credential) continue;
      try {
        await this.authenticate(credential);
        return { ok: true };
      } catch (error) {
        if (!(error instanceof AssemblyLineFailure)) throw error;
        reasons.push(`${label} authentication failed: ${error.message}`);
      }
    }
    return { ok: false, reasons: reasons.join(' ') };
  }

  private async authenticate(credential: Credential): Promise<void> {
    const response = await this.send('/api/v4/auth/login/', { method: 'POST', json: { user: this.settings.userId, ...credential } });
    for (const [name, value] of cookiesFrom(response.headers['set-cookie'])) this.#cookies.set(name, value);
    this.decode(response);
    this.#credential = credential;
  }

  getJson<T>(path: string): Promise<T> {
    return this.jsonRequest<T>(path, { method: 'GET' });
  }

  postJson<T>(path: string, payload: unknown): Promise<T> {
    return this.jsonRequest<T>(path, { method: 'POST', json: payload });
  }

  /** A multipart POST (a file submission); no second login on a 401, as upstream. */
  async postMultipart<T>(path: string, multipart: MultipartBody): Promise<T> {
    const response = await this.send(path, { method: 'POST', body: multipart.body, headers: { 'content-type': multipart.contentType } });
    return this.decode<T>(response);
  }

  private async jsonRequest<T>(path: string, options: HttpRequestOptions, retry = true): Promise<T> {
    const response = await this.send(path, options);
    if (response.status === 401 && retry && this.#credential) {
      await this.authenticate(this.#credential);
      return this.jsonRequest<T>(path, options, false);
    }
    return this.decode<T>(response);
  }

  private send(path: string, options: HttpRequestOptions): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.#cookies.size > 0) headers['cookie'] = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const xsrf = this.#cookies.get('XSRF-TOKEN');
    if (xsrf) headers['x-xsrf-token'] = xsrf;
    return this.http.request(`${this.settings.apiurl}${path}`, {
      ...options,
      headers,
      service: SERVICE,
      ...(this.settings.verifyTls ? {} : { verifyTls: false }),
    });
  }

  /** `api_response` of a 2xx answer; an AssemblyLineFailure otherwise. */
  private decode<T>(response: HttpResponse): T {
    if (response.status < 200 || response.status > 299) {
      const said = errorText(response);
      throw new AssemblyLineFailure(`${SERVICE} answered HTTP ${statusLine(response.status)}${said ? `: ${said}` : ''}`, response.status);
    }
    let body: unknown;
    try {
      body = JSON.parse(response.text());
    } catch {
      throw new AssemblyLineFailure('AssemblyLine returned invalid JSON.', response.status);
    }
    if (body && typeof body === 'object' && !Array.isArray(body) && 'api_response' in body) body = (body as { api_response: unknown }).api_response;
    if (body === null || body === undefined) throw new AssemblyLineFailure('Unexpected AssemblyLine response format.', response.status);
    return body as T;
  }
}
