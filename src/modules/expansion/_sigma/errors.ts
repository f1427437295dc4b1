/** A problem in a Sigma rule, worded for the analyst. */
export class SigmaRuleError extends Error {
  override readonly name = 'SigmaRuleError';
}

/** A rule the legacy backends cannot express (the backend is left out of the answer). */
export class SigmaUnsupportedError extends Error {
  override readonly name = 'SigmaUnsupportedError';
}
