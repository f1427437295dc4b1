/**
 * The HttpResponse handed to modules: a fully read body plus helpers.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { ModuleError } from '../base/errors.js';
import type { HttpResponse } from './types.js';

export function makeResponse(service: string, status: number, headers: Record<string, string>, url: string, body: Buffer): HttpResponse {
  return {
    status,
    headers,
    url,
    body,
    text: () => body.toString('utf8'),
    json: <T>() => parseJsonBody<T>(service, status, body),
  };
}

export function parseJsonBody<T>(service: string, status: number, body: Buffer): T {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ModuleError(`${service} answered with an empty body (HTTP ${status}).`);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ModuleError(`${service} answered with invalid JSON (HTTP ${status}).`, { cause: error });
  }
}

/** undici's headers (arrays for repeated fields) as one string per lower-case name. */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}
