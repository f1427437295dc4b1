/**
 * A loopback AssemblyLine v4 API, answering as AssemblyLine does: every body
 * wrapped in `{api_response, api_error_message, api_server_version,
 * api_status_code}`; `POST /api/v4/auth/login/` takes `{user, apikey}` or
 * `{user, password}` and sets the `session` and `XSRF-TOKEN` cookies; other
 * calls need both cookies and the `X-XSRF-TOKEN` header (401 otherwise).
 */
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';

export const USER = 'admin';
export const APIKEY = 'misp:c2VjcmV0LWtleS1mb3ItbWlzcA';
export const PASSWORD = 'correct horse battery staple';
const SESSION = 'a1b2c3d4e5f60718';
const XSRF = 'ImZjNDNmNjFmOGVkZjQ3ZjYi';

export function alAnswer(apiResponse: unknown, status = 200, error = ''): FakeResponse {
  return { status, json: { api_response: apiResponse, api_error_message: error, api_server_version: '4.5.0.10', api_status_code: status } };
}

export function login(req: FakeRequest): FakeResponse {
  const body = req.json<{ user?: string; apikey?: string; password?: string }>();
  const ok = body.user === USER && ((body.apikey !== undefined && body.apikey === APIKEY) || (body.apikey === undefined && body.password === PASSWORD));
  if (!ok) return alAnswer('', 401, 'Wrong username or password');
  return {
    ...alAnswer({ privileges: ['R', 'W', 'E'], session_duration: 3600, username: USER }),
    headers: { 'set-cookie': `session=${SESSION}; Path=/; HttpOnly; Secure, XSRF-TOKEN=${XSRF}; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Path=/; Secure` },
  };
}

/** The handler, when the request carries the session; AssemblyLine's 401 otherwise. */
export function withSession(handler: (req: FakeRequest) => FakeResponse): (req: FakeRequest) => FakeResponse {
  return (req) => {
    const cookie = String(req.headers['cookie'] ?? '');
    const ok = cookie.includes(`session=${SESSION}`) && cookie.includes(`XSRF-TOKEN=${XSRF}`) && req.headers['x-xsrf-token'] === XSRF;
    return ok ? handler(req) : alAnswer('', 401, 'Unauthorized access denied');
  };
}

export const CONFIG = { apiurl: 'https://assemblyline.example.org', user_id: USER, apikey: APIKEY };

export const BASE_ROUTES = { 'POST /api/v4/auth/login/': login } satisfies Routes;
