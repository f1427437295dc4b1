/**
 * Export answers (PROTOCOL.md §3.4): `{"response": [], "data": "<base64>"}`.
 * MISP serves the decoded `data` as the download; `response` is ignored.
 */
import { Buffer } from 'node:buffer';
import type { ExportResponse } from './types.js';

/** Wraps an exported file; text is encoded as UTF-8. */
export function exportResult(content: string | Uint8Array): ExportResponse {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return { response: [], data: bytes.toString('base64') };
}
