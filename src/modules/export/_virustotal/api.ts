/**
 * What the two VirusTotal exports (virustotal_collections, vt_graph) share:
 * the API base, the key check with upstream's message, and how VirusTotal's
 * answers are read. VirusTotal API v3 errors look like
 * `{"error": {"code": "WrongCredentialsError", "message": "Wrong API key"}}`.
 */
import type { ModuleError } from '../../../base/errors.js';
import { defineMessages } from '../../../base/messages.js';
import type { ModuleContext } from '../../../core/module.js';
import { statusLine } from '../../../net/http-errors.js';
import type { HttpResponse } from '../../../net/types.js';

export const VT_API = 'https://www.virustotal.com/api/v3';
/** Used in ModuleErrors the network layer writes ("VirusTotal answered with invalid JSON (HTTP 200)."). */
export const VT_SERVICE = 'VirusTotal';

/** Declared by both VirusTotal exports; the missing key is upstream's message, word for word. */
export const VT_MESSAGES = defineMessages({
  missingKey: 'A VirusTotal api key is required for this module.',
  vtStatus: 'VirusTotal answered HTTP {status} while {doing}{detail}.',
  vtNotObject: 'VirusTotal answered with JSON that is not an object while {doing}.',
});

export function requireApiKey(ctx: ModuleContext): string {
  const key = ctx.config['vt_api_key']?.trim();
  if (!key) throw VT_MESSAGES.error('missingKey');
  return key;
}

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** VirusTotal's own error message in an error answer, when the body is the usual JSON. */
export function vtErrorMessage(response: HttpResponse): string | undefined {
  try {
    const body: unknown = JSON.parse(response.text());
    const error = isRecord(body) ? body['error'] : undefined;
    const message = isRecord(error) ? error['message'] : undefined;
    if (typeof message === 'string' && message.trim() !== '') return message.trim().slice(0, 500);
    const code = isRecord(error) ? error['code'] : undefined;
    return typeof code === 'string' && code !== '' ? code.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

/** "VirusTotal answered HTTP 401 Unauthorized while saving the graph: Wrong API key." */
export function vtStatusError(response: HttpResponse, doing: string): ModuleError {
  const detail = vtErrorMessage(response);
  const suffix = detail ? `: ${detail.replace(/\.$/, '')}` : '';
  return VT_MESSAGES.error('vtStatus', { status: statusLine(response.status), doing, detail: suffix });
}

/** The JSON object of a 200 answer; a clear ModuleError when it is not JSON or not an object. */
export function vtJson(response: HttpResponse, doing: string): Json {
  const body = response.json();
  if (!isRecord(body)) throw VT_MESSAGES.error('vtNotObject', { doing });
  return body;
}
