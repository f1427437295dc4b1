/**
 * PassiveTotal v2 API calls, sent as the `passivetotal` Python SDK sends
 * them (HTTP Basic username:api_key, `Accept: application/json`, the
 * `PT-INTEGRATION: MISP` header the module adds, a 30 s timeout), and the
 * mapping of PassiveTotal's failures to the module's messages.
 */
import { defineMessages } from '../../../base/messages.js';
import type { ModuleContext } from '../../../core/module.js';
import { HttpStatusError, type HttpResponse } from '../../../net/index.js';
import { VERSION } from '../../../version.js';
import { isRecord, text, type JsonRecord } from './json.js';

export const API_BASE = 'https://api.passivetotal.org/v2';
const SERVICE = 'PassiveTotal';
/** The SDK's `Client.TIMEOUT`. */
const TIMEOUT_MS = 30_000;

export const PT_MESSAGES = defineMessages({
  noConfig: 'Configuration is missing from the request.',
  noAuth: 'PassiveTotal authentication is missing.',
  apiError: 'We hit an error, time to bail!',
  quota: 'API quota exceeded.',
  credentials: 'PassiveTotal refused the credentials (HTTP {status}): check the username and api_key settings.',
  notJson: 'PassiveTotal answered with JSON that is not an object (HTTP {status}).',
  noInput: 'The request has none of {inputs} as a string.',
});

export interface Credentials {
  username: string;
  apiKey: string;
}

export type PtGet = (path: string, params: Record<string, string>) => Promise<JsonRecord>;

/** A GET helper bound to the query's context and credentials. */
export function passiveTotalClient(ctx: ModuleContext, credentials: Credentials): PtGet {
  return async (path, params) => {
    const response = await ctx.http.request(`${API_BASE}${path}`, {
      query: params,
      basicAuth: { username: credentials.username, password: credentials.apiKey },
      headers: {
        accept: 'application/json',
        'pt-integration': 'MISP',
        // The SDK sends its own context ("python/passivetotal/<version>/"); this names the real client.
        'x-riskiq-context': `misp/misp-modules-ts/${VERSION}/`,
      },
      service: SERVICE,
      timeoutMs: TIMEOUT_MS,
    });
    return readAnswer(ctx, path, response);
  };
}

/** The body as a JSON object when it is one (error answers may be anything). */
function tryJson(response: HttpResponse): JsonRecord | undefined {
  try {
    const parsed = response.json();
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isQuotaMessage(body: JsonRecord | undefined): boolean {
  return text(body?.['message'])?.startsWith('quota_exceeded') === true;
}

function readAnswer(ctx: ModuleContext, path: string, response: HttpResponse): JsonRecord {
  const { status } = response;
  if (status < 200 || status > 299) {
    const body = tryJson(response);
    if (isQuotaMessage(body)) throw PT_MESSAGES.error('quota');
    if (status === 401 || status === 403) throw PT_MESSAGES.error('credentials', { status });
    if (body && 'error' in body) logApiError(ctx, path, body);
    throw new HttpStatusError(SERVICE, status, response);
  }
  // Invalid JSON on a 2xx: a ModuleError naming PassiveTotal and the status.
  const parsed = response.json();
  if (!isRecord(parsed)) throw PT_MESSAGES.error('notJson', { status });
  // Upstream checks the error first, then the quota message.
  if ('error' in parsed) {
    logApiError(ctx, path, parsed);
    throw PT_MESSAGES.error('apiError');
  }
  if (isQuotaMessage(parsed)) throw PT_MESSAGES.error('quota');
  return parsed;
}

/** Upstream logs "message - developer_message"; the user only sees the short text. */
function logApiError(ctx: ModuleContext, path: string, body: JsonRecord): void {
  const error = body['error'];
  const detail = isRecord(error)
    ? [text(error['message']), text(error['developer_message'])].filter(Boolean).join(' - ')
    : (text(error) ?? '');
  ctx.log.warn('PassiveTotal answered an error', { path, detail: detail.slice(0, 500) });
}
