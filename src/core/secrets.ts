/**
 * Secret handling: which values of a request are secrets, and scrubbing them
 * out of any text (log lines, error messages) before it leaves the process.
 */
import type { ModuleDefinition } from './module.js';
import { MIN_SECRET_LENGTH, secretSpellings } from './secret-spellings.js';

/** Setting and parameter names that hold credentials, whatever the module declares. */
export const SENSITIVE_KEY = /(api[-_]?key|apikey|key$|^key|token|secret|pass(word|wd|phrase)?|auth|credential|licen[cs]e|cookie|session)/i;

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

/** Replaces every occurrence of each spelling (see secret-spellings.ts) with [REDACTED]. */
function scrubSpellings(text: string, spellingLists: Iterable<readonly string[]>): string {
  let out = text;
  for (const spellings of spellingLists) {
    for (const form of spellings) if (out.includes(form)) out = out.split(form).join('[REDACTED]');
  }
  return out;
}

/**
 * Replaces every occurrence of each secret with [REDACTED], in any spelling
 * a module or an upstream may give it: as is, JSON-escaped, URL- and
 * form-encoded, HTML-escaped (secret-spellings.ts).
 */
export function scrubText(text: string, secrets: Iterable<string>): string {
  return scrubSpellings(text, [...secrets].map(secretSpellings));
}

/**
 * The secrets of the queries in flight, reference-counted so that two
 * concurrent queries with the same key do not unregister each other. The
 * logger consults it for every line it writes.
 */
export class SecretRegistry {
  /** Each secret's count of queries holding it, and its spellings (computed once, when first added). */
  private readonly entries = new Map<string, { count: number; spellings: readonly string[] }>();

  add(secrets: readonly string[]): () => void {
    for (const s of secrets) {
      const entry = this.entries.get(s);
      if (entry) entry.count += 1;
      else this.entries.set(s, { count: 1, spellings: secretSpellings(s) });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const s of secrets) {
        const entry = this.entries.get(s);
        if (!entry) continue;
        entry.count -= 1;
        if (entry.count <= 0) this.entries.delete(s);
      }
    };
  }

  get size(): number {
    return this.entries.size;
  }

  scrub(text: string): string {
    if (this.entries.size === 0) return text;
    return scrubSpellings(text, [...this.entries.values()].map((entry) => entry.spellings));
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
