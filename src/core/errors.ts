/**
 * Errors a module or the server raises on purpose.
 *
 * A `ModuleError` is a user-facing failure: the runner answers MISP with
 * HTTP 200 and `{"error": message}`, exactly as the Python modules do with
 * their `misperrors` dict. Anything else a module throws is unexpected: it is
 * logged with its stack and the client gets a generic message naming the
 * module and the request id.
 */
export class ModuleError extends Error {
  override readonly name = 'ModuleError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
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
