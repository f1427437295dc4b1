/**
 * Reads a multipart/form-data request body received by a fake (sandbox
 * submissions), with the platform's own parser: text fields by name (all
 * values) and files by field name (file name, type, bytes).
 */
import type { RecordedRequest } from './fake-http.js';

export interface ReceivedFile {
  filename: string;
  type: string;
  data: Buffer;
}

export interface ReceivedForm {
  fields: Record<string, string[]>;
  files: Record<string, ReceivedFile>;
}

export async function readMultipart(req: RecordedRequest): Promise<ReceivedForm> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('multipart/form-data')) throw new Error(`not multipart: ${type}`);
  const form = await new Response(req.rawBody, { headers: { 'content-type': type } }).formData();
  const received: ReceivedForm = { fields: {}, files: {} };
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') (received.fields[name] ??= []).push(value);
    else received.files[name] = { filename: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) };
  }
  return received;
}
