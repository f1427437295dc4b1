/**
 * A minimal TAXII 2.1 client: GET requests with the TAXII media type, HTTP
 * Basic auth, and failures turned into messages that name the server, the
 * status and the TAXII error title when the server sent one.
 */
import { ModuleError } from '../../../base/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { statusLine } from '../../../net/http-errors.js';
import type { HttpResponse } from '../../../net/index.js';
import { isRecord, str, type JsonRecord } from '../../_shared/json-record.js';
import { TAXII_CLIENT_MESSAGES } from './messages.js';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

/** Media types a TAXII 2.1 answer may carry (servers often send plain JSON). */
const ACCEPTED_MEDIA_TYPES = ['application/taxii+json', 'application/stix+json', 'application/json'];

export interface TaxiiClientOptions {
  /** The name used in messages ("TAXII server example.org", "SOCRadar TAXII"). */
  readonly service: string;
  /** The URLs come from the user: apply the URL guard. */
  readonly userUrl: boolean;
  readonly auth?: { readonly username: string; readonly password: string };
  readonly timeoutMs?: number;
}

/** A non-2xx answer; `status` lets callers give their own message for some statuses. */
export class TaxiiStatusError extends ModuleError {
  constructor(
    readonly service: string,
    readonly status: number,
    detail: string | undefined,
  ) {
    super(`${service} answered HTTP ${statusLine(status)}${detail ? `: ${detail}` : ''}.`);
  }
}

export type TaxiiQuery = Record<string, string | number | undefined>;

/** The title (or description) of a TAXII error message resource, when the body is one. */
function errorDetail(response: HttpResponse): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(response.text());
  } catch {
    return undefined;
  }
  if (!isRecord(body)) return undefined;
  const detail = str(body['title']) ?? str(body['description']) ?? str(body['error']) ?? str(body['message']);
  return detail?.replace(/\s+/g, ' ').replace(/\.$/, '').slice(0, 200);
}

function statusDetail(response: HttpResponse): string | undefined {
  const detail = errorDetail(response);
  if (response.status !== 429) return detail;
  const retry = response.headers['retry-after'];
  const wait = retry && /^\d+$/.test(retry.trim()) ? `retry after ${retry.trim()} s` : 'too many requests, try again later';
  return detail ? `${detail} (${wait})` : wait;
}

function checkMediaType(response: HttpResponse): void {
  const contentType = response.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!ACCEPTED_MEDIA_TYPES.includes(mediaType)) {
    // taxii2client's wording.
    throw TAXII_CLIENT_MESSAGES.error('unexpectedMediaType', { contentType, accept: TAXII_MEDIA_TYPE });
  }
}

export class TaxiiClient {
  constructor(
    private readonly ctx: ModuleContext,
    readonly options: TaxiiClientOptions,
  ) {}

  /** GET a TAXII resource; the answer must be a 2xx JSON object with a TAXII (or JSON) media type. */
  async get(url: string, query: TaxiiQuery = {}): Promise<{ body: JsonRecord; response: HttpResponse }> {
    const { service, userUrl, auth, timeoutMs } = this.options;
    const response = await this.ctx.http.request(url, {
      query,
      headers: { accept: TAXII_MEDIA_TYPE },
      service,
      userUrl,
      ...(auth && { basicAuth: { username: auth.username, password: auth.password } }),
      ...(timeoutMs !== undefined && { timeoutMs }),
    });
    if (response.status < 200 || response.status > 299) {
      throw new TaxiiStatusError(service, response.status, statusDetail(response));
    }
    checkMediaType(response);
    const body = response.json();
    if (!isRecord(body)) throw TAXII_CLIENT_MESSAGES.error('notTaxiiResource', { service, status: response.status });
    return { body, response };
  }
}
