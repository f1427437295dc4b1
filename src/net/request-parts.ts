/**
 * Builds the pieces of an outgoing request from HttpRequestOptions: the URL
 * with its query parameters, the method, the headers and the body.
 */
import { ModuleError } from '../base/errors.js';
import type { HttpRequestOptions } from './types.js';

export type Method = NonNullable<HttpRequestOptions['method']>;

export interface RequestParts {
  url: URL;
  method: Method;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

export function buildRequest(rawUrl: string, options: HttpRequestOptions, userAgent: string): RequestParts {
  const url = parseUrl(rawUrl);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.append(name, String(value));
  }

  const bodies = [options.body, options.json, options.form].filter((b) => b !== undefined).length;
  if (bodies > 1) throw new TypeError('HttpRequestOptions: body, json and form are mutually exclusive.');

  const headers: Record<string, string> = { 'user-agent': userAgent };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;

  let body: string | Uint8Array | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  } else if (options.form !== undefined) {
    body = new URLSearchParams(options.form).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  // Credentials in the URL become Basic auth, as with curl and Python requests; they never stay in the URL.
  const fromUrl = url.username || url.password
    ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
    : undefined;
  url.username = '';
  url.password = '';
  const credentials = options.basicAuth ?? fromUrl;
  if (credentials) headers.authorization = basicAuthorization(credentials.username, credentials.password);
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  return { url, method, headers, body };
}

function parseUrl(rawUrl: string): URL {
  try {
    return new URL(rawUrl);
  } catch {
    // The URL may come from a user and may hold a secret: do not echo it.
    throw new ModuleError('Cannot fetch an invalid URL.');
  }
}

export function serviceName(url: URL, options: HttpRequestOptions): string {
  return options.service ?? url.hostname;
}

/** The value of an `Authorization` header for HTTP Basic auth. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
