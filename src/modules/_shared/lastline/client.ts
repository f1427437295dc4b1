/**
 * The Lastline portal API ("papi") as upstream's PortalClient uses it: a
 * form POST to `login.json` opens a session (a cookie), then
 * `analysis/get_progress.json` and `analysis/get_result.json` answer
 * `{"success": 1, "data": …}` or `{"success": 0, "error": …, "error_code": …}`.
 */
import { ModuleError } from '../../../base/errors.js';
import { defineMessages } from '../../../base/messages.js';
import type { ModuleContext } from '../../../core/module.js';
import { statusLine } from '../../../net/http-errors.js';
import type { HttpRequestOptions, HttpResponse } from '../../../net/index.js';
import { isRecord, str, type JsonRecord } from '../json-record.js';
import type { AnalysisLink } from './link.js';

const SERVICE = 'Lastline';

/** What Lastline's answers can go wrong with (upstream's words where it had some), declared by lastline_import. */
export const LASTLINE_API_MESSAGES = defineMessages({
  httpStatus: `${SERVICE} answered HTTP {status}{detail}.`,
  notApiResponse: `${SERVICE} answered JSON that is not an API response (HTTP {status}).`,
  noSuccess: 'no success field in response',
  /** Lastline's own error, "message (code)" as upstream's ApiError prints it. */
  apiError: '{error}',
  noData: 'no data field in response',
  /** Any failure of a portal call, as upstream words it. */
  callFailed: 'Error issuing the API call: {reason}',
});

/** Runs portal calls; their failures read "Error issuing the API call: …" as upstream's do. */
export async function lastlineCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ModuleError && !error.message.startsWith('Error issuing the API call: ')) {
      throw LASTLINE_API_MESSAGES.error('callFailed', { reason: error.message }, { cause: error });
    }
    throw error;
  }
}
/** Upstream's client timeout. */
const TIMEOUT_MS = 60_000;

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** `{"success": 0, "error": "…", "error_code": 3004}` → "… (3004)", as upstream's ApiError prints. */
function apiError(body: JsonRecord): string {
  const message = str(body['error']) ?? '';
  const code = str(body['error_code']);
  return code === undefined ? message : `${message} (${code})`;
}

function tryJson(response: HttpResponse): JsonRecord | undefined {
  try {
    const body: unknown = JSON.parse(response.text());
    return isRecord(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

/** The `data` of a successful answer; a ModuleError otherwise. */
export function readData(response: HttpResponse): unknown {
  if (response.status < 200 || response.status > 299) {
    const body = tryJson(response);
    const detail = body && body['success'] !== undefined ? `: ${apiError(body)}` : '';
    throw LASTLINE_API_MESSAGES.error('httpStatus', { status: statusLine(response.status), detail });
  }
  const body = response.json();
  if (!isRecord(body)) throw LASTLINE_API_MESSAGES.error('notApiResponse', { status: response.status });
  if (!('success' in body)) throw LASTLINE_API_MESSAGES.error('noSuccess');
  if (!body['success']) throw LASTLINE_API_MESSAGES.error('apiError', { error: apiError(body) });
  if (!('data' in body)) throw LASTLINE_API_MESSAGES.error('noData');
  return body['data'];
}

/** `name=value` of every Set-Cookie (the HTTP client joins repeated headers with ", "). */
export function sessionCookies(setCookie: string | undefined): string | undefined {
  if (!setCookie) return undefined;
  const pairs = setCookie
    .split(/,(?=\s*[^;,=\s]+=)/)
    .map((cookie) => cookie.split(';')[0]?.trim() ?? '')
    .filter((pair) => /^[^=\s]+=/.test(pair));
  return pairs.length > 0 ? pairs.join('; ') : undefined;
}

export class LastlinePortal {
  #cookie: string | undefined;

  constructor(
    private readonly ctx: ModuleContext,
    private readonly link: AnalysisLink,
    private readonly credentials: Credentials,
  ) {}

  private options(extra: HttpRequestOptions): HttpRequestOptions {
    return {
      service: SERVICE,
      timeoutMs: TIMEOUT_MS,
      // An on-premise portal's host comes from the user's link: guard it like any user URL.
      userUrl: !this.link.hosted,
      ...extra,
      headers: { accept: 'application/json', ...(this.#cookie && { cookie: this.#cookie }), ...extra.headers },
    };
  }

  async login(): Promise<void> {
    const response = await this.ctx.http.request(
      `${this.link.apiUrl}/login.json`,
      this.options({ method: 'POST', form: { username: this.credentials.username, password: this.credentials.password } }),
    );
    readData(response);
    this.#cookie = sessionCookies(response.headers['set-cookie']);
  }

  private async get(path: string): Promise<unknown> {
    const query = { uuid: this.link.taskUuid, ...(path === 'get_result' && { report_format: 'json' }) };
    const response = await this.ctx.http.request(`${this.link.apiUrl}/analysis/${path}.json`, this.options({ query }));
    return readData(response);
  }

  getProgress(): Promise<unknown> {
    return this.get('get_progress');
  }

  getResult(): Promise<unknown> {
    return this.get('get_result');
  }
}
