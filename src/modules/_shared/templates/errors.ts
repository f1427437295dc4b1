/**
 * Template failures. All are user errors (a wrong template, a template that
 * asks for too much), never crashes of the server.
 */
export class TemplateError extends Error {
  override readonly name: string = 'TemplateError';

  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }

  /** The message with its line, for the user. */
  describe(): string {
    return this.line === undefined ? this.message : `line ${this.line}: ${this.message}`;
  }
}

/** The template cannot be parsed. */
export class TemplateSyntaxError extends TemplateError {
  override readonly name = 'TemplateSyntaxError';
}

/** The template ran past a sandbox limit (steps, time, output size, depth, range). */
export class TemplateLimitError extends TemplateError {
  override readonly name = 'TemplateLimitError';
}
