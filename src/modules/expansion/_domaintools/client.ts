/**
 * DomainTools API v1 requests signed as the domaintools_api SDK signs them by
 * default (always_sign_api_key, sha256): the query carries `api_username`,
 * `app_name`, `app_version`, `timestamp` (UTC, `YYYY-MM-DDTHH:MM:SSZ`) and
 * `signature` = hex HMAC-SHA256 keyed with the API key over
 * username + timestamp + path (e.g. `/v1/example.com/whois/parsed`); the key
 * itself is never sent. Answers are `{"response": {…}}`; errors
 * `{"error": {"code", "message"}}` with the HTTP status.
 */
import { createHmac } from 'node:crypto';
import type { MessageCatalogue } from '../../../base/messages.js';
import type { ModuleContext } from '../../../core/module.js';
import { vendorErrorDetail } from '../../../net/index.js';

export interface DomainToolsCredentials {
  username: string;
  key: string;
}

export type DomainToolsMessages = MessageCatalogue<'refused' | 'limitExceeded'>;

export type Json = Record<string, unknown>;

/** The SDK's UTC timestamp format, without milliseconds. */
export function signingTimestamp(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function signature(credentials: DomainToolsCredentials, timestamp: string, path: string): string {
  return createHmac('sha256', credentials.key).update(`${credentials.username}${timestamp}${path}`, 'utf8').digest('hex');
}

export class DomainToolsClient {
  readonly #api;

  constructor(
    ctx: ModuleContext,
    private readonly credentials: DomainToolsCredentials,
    private readonly messages: DomainToolsMessages,
  ) {
    this.#api = ctx.vendor({ name: 'DomainTools', baseUrl: 'https://api.domaintools.com' });
  }

  /**
   * The `response` of one endpoint; undefined when DomainTools has nothing
   * there (404). `path` is signed as written; `urlPath` is what is requested
   * (the same path with its value percent-encoded).
   */
  async response(path: string, urlPath: string, params: Record<string, string> = {}): Promise<Json | undefined> {
    const timestamp = signingTimestamp();
    const answer = await this.#api.request(urlPath, {
      query: {
        ...params,
        app_name: 'misp-modules',
        app_version: '0.1',
        api_username: this.credentials.username,
        timestamp,
        signature: signature(this.credentials, timestamp, path),
      },
    });
    if (answer.status === 404) return undefined;
    if (answer.status === 401 || answer.status === 403) {
      throw this.messages.error('refused', { status: answer.status, detail: vendorErrorDetail(answer) ?? 'no detail' });
    }
    if (answer.status < 200 || answer.status > 299) throw this.#api.statusError(answer);
    const body = answer.json<{ response?: Json }>();
    const response = body?.response;
    if (typeof response !== 'object' || response === null) return undefined;
    if (response['limit_exceeded'] === true) {
      throw this.messages.error('limitExceeded', { detail: String(response['message'] ?? 'limit exceeded').replace(/\.$/, '') });
    }
    return response;
  }
}
