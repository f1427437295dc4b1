/**
 * Shared by the table tests of the document modules (docx, odt, ods, xlsx,
 * pptx, pdf _enrich): an attachment query built when its row runs, the
 * freetext + text answer upstream gives, and the text read back.
 */
import type { Answer } from '../../support/module-tester.js';

/** An attachment query; the document (or its builder) is made when the row runs. */
export function attachment(name: string, data: Buffer | string | (() => Buffer | Uint8Array | Promise<Buffer | Uint8Array>), extra: Record<string, unknown> = {}) {
  return async (): Promise<Record<string, unknown>> => {
    const bytes = typeof data === 'function' ? await data() : data;
    return { attachment: name, data: typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('base64'), ...extra };
  };
}

/** Upstream's answer: the text as freetext and as text, both commented `<kind>-to-text from file <name>`. */
export function freetextAndText(kind: string, name: string, text: string): unknown[] {
  const comment = `${kind}-to-text from file ${name}`;
  return [
    { types: ['freetext'], values: text, comment },
    { types: ['text'], values: text, comment },
  ];
}

/** The text the module read (the first result's value). */
export const textOf = (answer: Answer): string => (answer['results'] as Array<{ values: string }>)[0]!.values;

/** Upstream's message when there is no data to read. */
export const NO_DATA = "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?";
