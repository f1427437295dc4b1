/**
 * The page's only way to the server: GET /modules and POST /query, relative
 * to the page (so a reverse proxy's prefix is kept), with the auth token when
 * one was given. Every failure becomes an ApiError whose message an analyst
 * can act on.
 */
import type { ModuleDescriptor } from '../model/modules.js';
import { savedToken } from './token.js';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The server wants a token (401): the page asks for it. */
export class TokenRequired extends ApiError {}

/** Called on a 401, so the page can show the token dialog. */
let onTokenRequired: () => void = () => {};
export function whenTokenRequired(listener: () => void): void {
  onTokenRequired = listener;
}

/** Relative to the page (/ui), so /modules and /query of this server, under any prefix a proxy adds. */
const apiUrl = (path: string) => new URL(path, document.baseURI).href;

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = savedToken();
  return { ...extra, ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

async function errorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { error?: unknown }).error === 'string') return (parsed as { error: string }).error;
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 300) || response.statusText;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), init);
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new ApiError('The server did not answer in time: the page stopped waiting.');
    }
    throw new ApiError(`The server could not be reached (${(error as Error).message}).`);
  }
  if (response.status === 401) {
    onTokenRequired();
    throw new TokenRequired('The server asks for its access token: enter it, then run again.', 401);
  }
  return response;
}

export async function fetchModules(): Promise<ModuleDescriptor[]> {
  const response = await send('modules', { headers: headers() });
  if (!response.ok) throw new ApiError(`GET /modules answered HTTP ${response.status}: ${await errorText(response)}`, response.status);
  const modules: unknown = await response.json();
  if (!Array.isArray(modules)) throw new ApiError('GET /modules did not answer a list.');
  return modules as ModuleDescriptor[];
}

/** Checks a token against the server without keeping it. */
export async function tokenWorks(token: string): Promise<boolean> {
  const response = await fetch(apiUrl('modules'), { headers: { authorization: `Bearer ${token}` } });
  return response.ok;
}

/**
 * POST /query. Resolves with the module's answer (HTTP 200, whatever the
 * module said); rejects with an ApiError for anything else. The page stops
 * waiting a little after the query's own timeout.
 */
export async function postQuery(body: Record<string, unknown>, timeoutSeconds: number): Promise<unknown> {
  const response = await send('query', {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json' }),
    body: JSON.stringify(body),
    signal: AbortSignal.timeout((timeoutSeconds + 15) * 1000),
  });
  if (response.status !== 200) throw new ApiError(await errorText(response), response.status);
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(`The server's answer is not JSON: ${text.slice(0, 200)}`);
  }
}
