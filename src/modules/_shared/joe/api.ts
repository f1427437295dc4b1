/**
 * The Joe Sandbox REST API v2 as upstream's jbxapi calls it: every call is a
 * POST to `{apiurl}/v2/…` with the key in the form (`apikey`), answering
 * `{"data": …}` on success and `{"errors": [{"code", "message"}]}` otherwise
 * (the vendor client names Joe Sandbox, the HTTP status and that message).
 * The API URL is an admin setting (Joe Sandbox Cloud or an on-premise
 * server): reached as configured, TLS verified (`--ca-file` for a private CA).
 */
import { ModuleError } from '../../../base/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import type { VendorApi } from '../../../core/vendor-api.js';
import { isRecord } from '../json-record.js';
import { multipartBody, type MultipartField, type MultipartFile } from '../multipart.js';

/** Form fields as jbxapi passes them to requests: None is left out, a list repeats the field. */
export type JoeFields = ReadonlyArray<readonly [string, string | readonly string[] | undefined]>;

function formFields(fields: JoeFields): MultipartField[] {
  return fields.flatMap(([name, value]) => (value === undefined ? [] : typeof value === 'string' ? [value] : value).map((item) => ({ name, value: item })));
}

export const JOE_CLOUD_API = 'https://jbxcloud.joesecurity.org/api';
const SERVICE = 'Joe Sandbox';

export class JoeSandboxApi {
  readonly #api: VendorApi;

  /** `apiurl` as upstream reads it: empty means Joe Sandbox Cloud; a trailing slash is dropped. */
  constructor(ctx: ModuleContext, apiUrl: string | undefined, private readonly apiKey: string, userAgent: string) {
    this.#api = ctx.vendor({
      name: SERVICE,
      baseUrl: (apiUrl?.trim() || JOE_CLOUD_API).replace(/\/+$/, ''),
      headers: { 'user-agent': `${userAgent} (jbxapi.py 3.18.0 compatible)` },
    });
  }

  get baseUrl(): string {
    return this.#api.spec.baseUrl;
  }

  /** `data` of a successful answer; jbxapi's message when the answer has none. */
  static #data(body: unknown): unknown {
    if (!isRecord(body) || !('data' in body)) throw new ModuleError(`${SERVICE}: Unexpected data (200). Is the API url correct?`);
    return body['data'];
  }

  /** A form POST (`application/x-www-form-urlencoded`, as requests sends `data=` without files). */
  async form(path: string, fields: JoeFields): Promise<unknown> {
    const body = new URLSearchParams(formFields([['apikey', this.apiKey], ...fields]).map(({ name, value }): [string, string] => [name, value]));
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    return JoeSandboxApi.#data(await this.#api.post(path, { body: body.toString(), headers }));
  }

  /** A multipart POST: the fields, then the files, as requests sends `data=` with `files=`. */
  async multipart(path: string, fields: JoeFields, files: readonly MultipartFile[]): Promise<unknown> {
    const { body, contentType } = multipartBody([...formFields([['apikey', this.apiKey], ...fields]), ...files]);
    return JoeSandboxApi.#data(await this.#api.post(path, { body, headers: { 'content-type': contentType } }));
  }

  /** `/v2/analysis/download`: the raw resource (a report), not a `{"data"}` answer. */
  async download(webid: string, type: string): Promise<Uint8Array> {
    const response = await this.#api.request('/v2/analysis/download', {
      method: 'POST',
      form: { apikey: this.apiKey, webid, type },
    });
    if (response.status < 200 || response.status > 299) throw this.#api.statusError(response);
    return response.body;
  }
}
