/**
 * The server's auth token (--auth-token), asked once and kept in this tab's
 * sessionStorage: gone when the browser session ends.
 */
const KEY = 'misp-modules-ui:token';

export function savedToken(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
