/**
 * Errors a module or the server raises on purpose.
 *
 * A `ModuleError` is a user-facing failure: the runner answers MISP with
 * HTTP 200 and `{"error": message}`, exactly as the Python modules do with
 * their `misperrors` dict. Anything else a module throws is unexpected: it is
 * logged with its stack and the client gets a generic message naming the
 * module and the request id.
 */
const MODULE_ERROR = Symbol.for('misp-modules-ts.ModuleError');

export class ModuleError extends Error {
  override readonly name: string = 'ModuleError';
  readonly [MODULE_ERROR] = true;

  /** The id of the module's declared message this error was made from (src/base/messages.ts). */
  readonly messageId: string | undefined;

  constructor(message: string, options?: { cause?: unknown; messageId?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.messageId = options?.messageId;
  }

  /**
   * `error instanceof ModuleError` holds for a ModuleError from another copy
   * of this file too: the bundled server (dist/cli.js), the per-file build
   * its lazily loaded parts and custom modules import, and source under tsx
   * each have their own class. Subclasses keep the ordinary check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== ModuleError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MODULE_ERROR] === true;
  }
}

/** Raised when a query is aborted because its timeout fired or the client left. */
export class AbortedError extends Error {
  override readonly name = 'AbortedError';

  constructor(message = 'The query was aborted.') {
    super(message);
  }
}

export function isAbortError(error: unknown): boolean {
  return (
    error instanceof AbortedError ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
  );
}

/**
 * A malformed request (not a module-level problem): answered with a 4xx
 * status and `{"error": message}`.
 */
export class RequestError extends Error {
  override readonly name = 'RequestError';

  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
