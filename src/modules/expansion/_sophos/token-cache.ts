/**
 * SophosLabs Intelix access tokens (OAuth2 client credentials), kept until
 * shortly before they expire so that each lookup does not cost a token
 * request. Keyed by a hash of the client id and secret; bounded.
 */
import { createHash } from 'node:crypto';

const MAX_ENTRIES = 100;
/** Renew this long before the vendor's expiry. */
const MARGIN_MS = 60_000;

interface Entry {
  token: string;
  expiresAt: number;
}

const tokens = new Map<string, Entry>();

export function credentialKey(clientId: string, clientSecret: string): string {
  return createHash('sha256').update(`${clientId}\0${clientSecret}`).digest('hex');
}

export function cachedToken(key: string, now = Date.now()): string | undefined {
  const entry = tokens.get(key);
  if (entry && entry.expiresAt > now) return entry.token;
  tokens.delete(key);
  return undefined;
}

export function storeToken(key: string, token: string, expiresInSeconds: number, now = Date.now()): void {
  if (!Number.isFinite(expiresInSeconds) || expiresInSeconds * 1000 <= MARGIN_MS) return;
  if (tokens.size >= MAX_ENTRIES) tokens.delete(tokens.keys().next().value as string);
  tokens.set(key, { token, expiresAt: now + expiresInSeconds * 1000 - MARGIN_MS });
}

export function forgetToken(key: string): void {
  tokens.delete(key);
}
