/**
 * The vendor's own explanation of a failed request, read from its answer:
 * `{"error": {"message": …}}`, `{"detail": …}`, `{"errors": [{"detail": …}]}`,
 * ONYPHE's `{"error": 3, "text": …}`, a short plain-text body… The analyst reads what the vendor said instead of
 * a bare status. Bounded and on one line; HTML pages give their <title>.
 */
import { STATUS_CODES } from 'node:http';
import type { HttpResponse } from './types.js';

const MAX_DETAIL = 300;

/** Field names vendors put their message in, most specific first. */
const MESSAGE_FIELDS = ['message', 'error_description', 'detail', 'error_message', 'errorMessage', 'verbose_msg', 'msg', 'reason', 'title', 'description', 'status_message', 'error', 'errors', 'query_status', 'statusmsg', 'ocs', 'meta', 'text'];

function fromJson(value: unknown, depth = 0): string | undefined {
  if (depth > 3 || value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return fromJson(value[0], depth + 1);
  if (typeof value !== 'object') return undefined;
  // Field names compared without case: `Message`, `StatusMsg`-style spellings are common.
  const byName = new Map(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key.toLowerCase(), item]));
  for (const field of MESSAGE_FIELDS) {
    const found = fromJson(byName.get(field.toLowerCase()), depth + 1);
    if (found !== undefined && found.trim() !== '') {
      // `{"error": "invalid_token", "error_description": "…"}`: the description says more.
      return found;
    }
  }
  return undefined;
}

function oneLine(text: string): string | undefined {
  const line = text.replace(/\s+/g, ' ').trim().replace(/[.\s]+$/, '');
  if (line === '') return undefined;
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL)}…` : line;
}

/** The vendor's message in a failed answer, or undefined when it gave none worth showing. */
export function vendorErrorDetail(response: Pick<HttpResponse, 'body' | 'headers'> & { status?: number }): string | undefined {
  const detail = readDetail(response);
  // "HTTP 500 Internal Server Error: Internal Server Error" says nothing more.
  const statusText = response.status === undefined ? undefined : STATUS_CODES[response.status];
  return detail !== undefined && statusText !== undefined && detail.toLowerCase() === statusText.toLowerCase() ? undefined : detail;
}

function readDetail(response: Pick<HttpResponse, 'body' | 'headers'>): string | undefined {
  const text = response.body.subarray(0, 64 * 1024).toString('utf8').replace(/^\uFEFF/, '').trim();
  if (text === '') return undefined;
  const type = response.headers['content-type'] ?? '';
  if (type.includes('html') || text.startsWith('<')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
    if (title) return oneLine(title);
    // A short fragment (`<h1>Not found</h1>`) says something once its tags are gone; a whole page does not.
    const bare = text.replace(/<[^>]*>/g, ' ');
    return text.length <= MAX_DETAIL ? oneLine(bare) : undefined;
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      const found = fromJson(JSON.parse(text));
      return found === undefined ? undefined : oneLine(found);
    } catch {
      // Not JSON after all: fall through to the text.
    }
  }
  return text.length <= MAX_DETAIL ? oneLine(text) : undefined;
}
