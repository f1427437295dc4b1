/**
 * The sign-up / availability checks the socialscan library makes on each
 * platform (socialscan/platforms.py), over `ctx.http` with each platform's
 * real URL (`--upstream HOST=URL` redirects any of them). Every check ends
 * in one outcome: available, unavailable (an account uses it), invalid, or
 * failure (the platform did not answer usably). No check submits a form
 * that has side effects, as in socialscan.
 */
import type { HttpClient, HttpRequestOptions, HttpResponse } from '../../../net/types.js';

export type Outcome = 'available' | 'unavailable' | 'invalid' | 'failure';

/** socialscan's default headers (its Instagram-app user agent). */
const DEFAULT_HEADERS = {
  'User-Agent':
    'Mozilla/5.0 (Linux; Android 8.1.0; motorola one Build/OPKS28.63-18-3; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/70.0.3538.80 Mobile Safari/537.36 Instagram 72.0.0.21.98 Android (27/8.1.0; 320dpi; 720x1362; motorola; motorola one; deen_sprout; qcom; pt_BR; 132081645)',
  'Accept-Language': 'en-GB,en-US;q=0.9,en;q=0.8',
};

class PlatformFailure extends Error {}

export interface PlatformClient {
  request(url: string, options?: HttpRequestOptions): Promise<HttpResponse>;
}

export function platformClient(http: HttpClient, service: string, timeoutMs: number): PlatformClient {
  return {
    request: (url, options = {}) =>
      http.request(url, { ...options, service, timeoutMs, retries: 0, headers: { ...options.headers, ...DEFAULT_HEADERS } }),
  };
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});

/** socialscan's get_json: a JSON content type, else a failure (usually rate limiting). */
function json(response: HttpResponse): Json {
  const type = response.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) {
    throw new PlatformFailure(`Unexpected content type ${type}. You might be sending too many requests. Use a proxy or wait before trying again.`);
  }
  try {
    return obj(JSON.parse(response.text()));
  } catch {
    throw new PlatformFailure('Invalid JSON answer.');
  }
}

/** A cookie's value from a (comma-joined) Set-Cookie header. */
export function cookie(response: HttpResponse, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[,;]\\s*)${escaped}=([^;,]*)`).exec(response.headers['set-cookie'] ?? '')?.[1] || undefined;
}

const TOKEN_ERROR = 'Could not retrieve token. You might be sending too many requests. Use a proxy or wait before trying again.';
const token = (value: string | undefined): string => {
  if (!value) throw new PlatformFailure(TOKEN_ERROR);
  return value;
};
const unavailableOrInvalid = (message: string, taken: string[]): Outcome => (taken.some((t) => message.includes(t)) ? 'unavailable' : 'invalid');
const form = (fields: Record<string, string>) => ({ form: fields, method: 'POST' as const });

type Check = (client: PlatformClient, value: string) => Promise<Outcome>;

export interface Platform {
  name: string;
  username?: Check;
  email?: Check;
}

const instagramToken = async (client: PlatformClient) => token(cookie(await client.request('https://www.instagram.com/api/v1/public/landing_info/'), 'csrftoken'));
const instagram = async (client: PlatformClient, field: 'username' | 'email', value: string): Promise<Outcome> => {
  const csrf = await instagramToken(client);
  const body = json(await client.request('https://www.instagram.com/accounts/web_create_ajax/attempt/', { ...form({ [field]: value }), headers: { 'x-csrftoken': csrf } }));
  if (body['status'] === 'fail') return 'failure';
  const errors = obj(body['errors']);
  const first = obj(Array.isArray(errors[field]) ? errors[field][0] : undefined);
  if (!(field in errors)) return 'available';
  if (field === 'username') return unavailableOrInvalid(String(first['message'] ?? ''), ["This username isn't available.", 'A user with that username already exists.']);
  return first['code'] === 'invalid_email' ? 'invalid' : 'unavailable';
};

const githubTokens = async (client: PlatformClient): Promise<[string, string]> => {
  const page = (await client.request('https://github.com/join')).text();
  const match = /<auto-check src="\/signup_check\/username[\s\S]*?value="(\S+)"[\s\S]*<auto-check src="\/signup_check\/email[\s\S]*?value="(\S+)"/.exec(page);
  if (!match) throw new PlatformFailure(TOKEN_ERROR);
  return [match[1]!, match[2]!];
};
const github = async (client: PlatformClient, field: 'username' | 'email', value: string): Promise<Outcome> => {
  const [usernameToken, emailToken] = await githubTokens(client);
  const response = await client.request(`https://github.com/signup_check/${field}`, form({ value, authenticity_token: field === 'username' ? usernameToken : emailToken }));
  if (response.status === 200) return 'available';
  if (response.status === 422) {
    return field === 'email' ? 'unavailable' : unavailableOrInvalid(response.text().replace(/<[^>]+>/g, '').trim(), ['already taken', 'unavailable', 'not available']);
  }
  return 'failure';
};

const TUMBLR_UNUSED_EMAIL = 'akc2rW33AuSqQWY8@gmail.com';
const TUMBLR_UNUSED_USERNAME = 'akc2rW33AuSqQWY8';
const tumblr = async (client: PlatformClient, field: 'username' | 'email', value: string): Promise<Outcome> => {
  const page = (await client.request('https://tumblr.com/register')).text();
  const apiToken = token(/"API_TOKEN":"([\s\S]+?)"/.exec(page)?.[1]);
  const body = json(
    await client.request('https://www.tumblr.com/api/v2/register/account/validate', {
      method: 'POST',
      json: { email: field === 'email' ? value : TUMBLR_UNUSED_EMAIL, tumblelog: field === 'username' ? value : TUMBLR_UNUSED_USERNAME, password: 'correcthorsebatterystaple' },
      headers: { authorization: `Bearer ${apiToken}` },
    }),
  );
  const answer = obj(body['response']);
  if ('error' in answer && 'code' in answer) {
    if ((answer['code'] === 3 && field === 'username') || (answer['code'] === 2 && field === 'email')) return 'unavailable';
    return 'invalid';
  }
  return obj(body['meta'])['status'] === 200 ? 'available' : 'failure';
};

const lastfm = async (client: PlatformClient, field: 'userName' | 'email', value: string): Promise<Outcome> => {
  const csrf = token(cookie(await client.request('https://www.last.fm/join'), 'csrftoken'));
  const body = json(
    await client.request('https://www.last.fm/join/partial/validate', {
      ...form({ csrfmiddlewaretoken: csrf, userName: field === 'userName' ? value : '', email: field === 'email' ? value : '' }),
      headers: { Accept: '*/*', Referer: 'https://www.last.fm/join', 'X-Requested-With': 'XMLHttpRequest', Cookie: `csrftoken=${csrf}` },
    }),
  );
  const result = obj(body[field]);
  if (result['valid'] === true) return 'available';
  if (field === 'email') return 'unavailable';
  const message = String((Array.isArray(result['error_messages']) ? result['error_messages'][0] : '') ?? '').replace(/<[^<]+?>/g, '');
  return unavailableOrInvalid(message, ["Sorry, this username isn't available."]);
};

const YAHOO_TAKEN = ['IDENTIFIER_EXISTS', 'RESERVED_WORD_PRESENT', 'IDENTIFIER_NOT_AVAILABLE', 'DANGLING_IDENTIFIER_EXISTS'];

export const PLATFORMS: Record<string, Platform> = {
  Instagram: { name: 'Instagram', username: (c, v) => instagram(c, 'username', v), email: (c, v) => instagram(c, 'email', v) },
  Twitter: {
    name: 'Twitter',
    username: async (client, value) => {
      const body = json(await client.request(`https://api.twitter.com/i/users/username_available.json?username=${encodeURIComponent(value)}`));
      return body['valid'] === true ? 'available' : unavailableOrInvalid(String(body['desc'] ?? ''), ['That username has been taken', 'unavailable']);
    },
    email: async (client, value) => {
      const body = json(await client.request(`https://api.twitter.com/i/users/email_available.json?email=${encodeURIComponent(value)}`));
      if (body['taken'] === true) return 'unavailable';
      return body['valid'] === true ? 'available' : 'invalid';
    },
  },
  GitHub: { name: 'GitHub', username: (c, v) => github(c, 'username', v), email: (c, v) => github(c, 'email', v) },
  Tumblr: { name: 'Tumblr', username: (c, v) => tumblr(c, 'username', v), email: (c, v) => tumblr(c, 'email', v) },
  Lastfm: { name: 'Lastfm', username: (c, v) => lastfm(c, 'userName', v), email: (c, v) => lastfm(c, 'email', v) },
  Pinterest: {
    name: 'Pinterest',
    email: async (client, value) => {
      const data = JSON.stringify({ options: { email: value }, context: {} });
      const body = json(await client.request(`https://www.pinterest.com/_ngjs/resource/EmailExistsResource/get/?source_url=%2F&data=${encodeURIComponent(data)}`));
      return obj(body['resource_response'])['data'] ? 'unavailable' : 'available';
    },
  },
  Firefox: {
    name: 'Firefox',
    email: async (client, value) => {
      const body = json(await client.request('https://api.accounts.firefox.com/v1/account/status', form({ email: value })));
      if ('error' in body) return 'failure';
      return body['exists'] === true ? 'unavailable' : 'available';
    },
  },
  Snapchat: {
    name: 'Snapchat',
    username: async (client, value) => {
      const xsrf = token(cookie(await client.request('https://accounts.snapchat.com/accounts/login'), 'xsrf_token'));
      const body = json(
        await client.request('https://accounts.snapchat.com/accounts/get_username_suggestions', {
          ...form({ requested_username: value, xsrf_token: xsrf }),
          headers: { Cookie: `xsrf_token=${xsrf}` },
        }),
      );
      const answer = obj(body['value']);
      if ('error_message' in answer) return unavailableOrInvalid(String(answer['error_message']), ['is already taken', 'is currently unavailable']);
      return answer['status_code'] === 'OK' ? 'available' : 'failure';
    },
  },
  GitLab: {
    name: 'GitLab',
    username: async (client, value) => {
      if (!/^(?:[a-zA-Z0-9_.][a-zA-Z0-9_\-.]*[a-zA-Z0-9_-]|[a-zA-Z0-9_])$/.test(value)) return 'invalid';
      const response = await client.request(`https://gitlab.com/users/${encodeURIComponent(value)}/exists`, { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
      if (response.status === 401) return 'unavailable';
      return json(response)['exists'] ? 'unavailable' : 'available';
    },
  },
  Reddit: {
    name: 'Reddit',
    username: async (client, value) => {
      const body = json(await client.request('https://www.reddit.com/api/check_username.json', form({ user: value })));
      if (body['error'] === 429) return 'failure';
      if ('json' in body) {
        const errors = obj(body['json'])['errors'];
        const message = Array.isArray(errors) && Array.isArray(errors[0]) ? String(errors[0][1] ?? '') : '';
        return unavailableOrInvalid(message, ['that username is already taken', 'that username is taken by a deleted account']);
      }
      return Object.keys(body).length === 0 ? 'available' : 'failure';
    },
  },
  Yahoo: {
    name: 'Yahoo',
    username: async (client, value) => {
      const crumb = token(/v=1&s=([^\s;,]*)/.exec(cookie(await client.request('https://login.yahoo.com/account/create'), 'AS') ?? '')?.[1]);
      const body = json(
        await client.request('https://login.yahoo.com/account/module/create?validateField=yid', {
          ...form({ specId: 'yidReg', acrumb: crumb, yid: value }),
          headers: { 'X-Requested-With': 'XMLHttpRequest' },
        }),
      );
      const third = obj(Array.isArray(body['errors']) ? body['errors'][2] : undefined);
      if (third['name'] !== 'yid') return 'available';
      return YAHOO_TAKEN.includes(String(third['error'])) ? 'unavailable' : 'invalid';
    },
  },
};

/** Runs one check; anything unexpected (network, token, content) is a failure. */
export async function runCheck(check: Check, client: PlatformClient, value: string, aborted: () => boolean): Promise<Outcome> {
  try {
    return await check(client, value);
  } catch (error) {
    if (aborted()) throw error;
    return 'failure';
  }
}
