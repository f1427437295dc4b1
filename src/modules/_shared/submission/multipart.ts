/**
 * multipart/form-data bodies for sandbox submissions (what Python requests
 * sends for `data=…, files=…`): text fields in order, then the files. Built
 * with the platform's FormData, so names and file names are escaped as
 * browsers do.
 */

export interface MultipartFile {
  /** The form field (`sample`, `file`, `sample_file`). */
  field: string;
  filename: string;
  data: Uint8Array;
  /** Default application/octet-stream. */
  contentType?: string;
}

export interface MultipartBody {
  body: Uint8Array;
  /** `multipart/form-data; boundary=…`, for the Content-Type header. */
  contentType: string;
}

/** Fields whose value is undefined are left out (Python requests skips None). Arrays repeat the field. */
export type MultipartFields = ReadonlyArray<readonly [string, string | readonly string[] | undefined]>;

export async function multipartBody(fields: MultipartFields, files: readonly MultipartFile[] = []): Promise<MultipartBody> {
  const form = new FormData();
  for (const [name, value] of fields) {
    if (value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) form.append(name, item);
  }
  for (const file of files) {
    form.append(file.field, new Blob([file.data], { type: file.contentType ?? 'application/octet-stream' }), file.filename);
  }
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type');
  if (!contentType) throw new TypeError('FormData gave no content type');
  return { body: new Uint8Array(await encoded.arrayBuffer()), contentType };
}
