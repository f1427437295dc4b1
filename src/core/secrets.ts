/**
 * Secret handling: which values of a request are secrets, and scrubbing them
 * out of any text (log lines, error messages) before it leaves the process.
 */
import type { ModuleDefinition } from './module.js';

/** Setting and parameter names that hold credentials, whatever the module declares. */
export const SENSITIVE_KEY = /(api[-_]?key|apikey|key$|^key|token|secret|pass(word|wd|phrase)?|auth|credential|licen[cs]e|cookie|session)/i;

/** Shorter values are not scrubbed: replacing every "1" or "no" would garble logs. */
const MIN_SECRET_LENGTH = 4;

/** The secret values carried by a request: declared secret settings and anything under a sensitive key in config, params or user. */
export function collectSecrets(body: Record<string, unknown>, module: ModuleDefinition | undefined): string[] {
  const found = new Set<string>();
  const consider = (key: string, value: unknown, declaredSecret: boolean) => {
    if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH && (declaredSecret || SENSITIVE_KEY.test(key))) {
      found.add(value);
    }
  };
  for (const field of ['config', 'params']) {
    const bag = body[field];
    if (typeof bag === 'object' && bag !== null && !Array.isArray(bag)) {
      for (const [key, value] of Object.entries(bag)) consider(key, value, module?.config[key]?.secret === true);
    }
  }
  const user = body['user'];
  if (typeof user === 'object' && user !== null) {
    for (const [key, value] of Object.entries(user)) consider(key, value, false);
  }
  // Encoded forms an upstream may echo back: the secret in base64, and HTTP
  // Basic credentials (base64 of "user:secret") built from any other setting.
  const config = body['config'];
  const others = typeof config === 'object' && config !== null ? Object.values(config).filter((v): v is string => typeof v === 'string' && v !== '') : [];
  for (const secret of [...found]) {
    found.add(Buffer.from(secret).toString('base64'));
    for (const other of others) if (other !== secret) found.add(Buffer.from(`${other}:${secret}`).toString('base64'));
  }
  return [...found];
}

function escapeForJson(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** Replaces every occurrence of each secret (raw, JSON-escaped and URL-encoded) with [REDACTED]. */
export function scrubText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, escapeForJson(secret), encodeURIComponent(secret)])) {
      if (form.length >= MIN_SECRET_LENGTH && out.includes(form)) out = out.split(form).join('[REDACTED]');
    }
  }
  return out;
}

/**
 * The secrets of the queries in flight, reference-counted so that two
 * concurrent queries with the same key do not unregister each other. The
 * logger consults it for every line it writes.
 */
export class SecretRegistry {
  private readonly counts = new Map<string, number>();

  add(secrets: readonly string[]): () => void {
    for (const s of secrets) this.counts.set(s, (this.counts.get(s) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const s of secrets) {
        const n = (this.counts.get(s) ?? 1) - 1;
        if (n <= 0) this.counts.delete(s);
        else this.counts.set(s, n);
      }
    };
  }

  get size(): number {
    return this.counts.size;
  }

  scrub(text: string): string {
    return this.counts.size === 0 ? text : scrubText(text, this.counts.keys());
  }
}

/**
 * A copy of `details` (what a module passes to ctx.log) with the values of
 * sensitive keys replaced, at any depth. Catches short secrets that value
 * scrubbing leaves alone.
 */
export function redactSensitiveKeys(details: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (SENSITIVE_KEY.test(key) && value !== null && value !== undefined && typeof value !== 'boolean') out[key] = '[REDACTED]';
    else if (typeof value === 'object' && value !== null && !Array.isArray(value) && depth < 6) out[key] = redactSensitiveKeys(value as Record<string, unknown>, depth + 1);
    else out[key] = value;
  }
  return out;
}
