/**
 * The POST /query body for one module, in the shape MISP sends it
 * (PROTOCOL.md §2.3, §2.5, §2.6): legacy expansion `{"<type>": value}`,
 * misp_standard `{"attribute": {…}}`, an attachment with its base64 `data`,
 * an import's `data` and `filename`, an export's `data: [event]`.
 */
import type { ModuleInfo } from './modules.js';
import type { QueryInput } from './session.js';

export interface QueryOptions {
  /** The module's settings (API keys…), sent as `config`. */
  config: Record<string, string>;
  timeoutSeconds: number;
  /** The file's bytes, base64, for a file input. */
  fileData?: string;
}

export function expansionQuery(module: ModuleInfo, input: QueryInput, options: QueryOptions): Record<string, unknown> {
  const base = { module: module.name, config: options.config, timeout: options.timeoutSeconds };
  const data = options.fileData !== undefined ? { data: options.fileData } : {};
  if (module.format === 'misp_standard') {
    const attribute = {
      uuid: input.uuid,
      type: input.type,
      value: input.value,
      ...(input.category ? { category: input.category } : {}),
      to_ids: false,
      comment: '',
      ...data,
    };
    return { ...base, attribute };
  }
  return { ...base, [input.type]: input.value, ...data };
}

export function importQuery(module: ModuleInfo, file: { name: string; data: string }, answers: Record<string, string>, options: QueryOptions): Record<string, unknown> {
  // MISP merges the admin's settings with the import form's answers.
  return { module: module.name, data: file.data, filename: file.name, config: { ...options.config, ...answers }, timeout: options.timeoutSeconds };
}

export function exportQuery(module: ModuleInfo, events: unknown[], options: QueryOptions): Record<string, unknown> {
  return { module: module.name, data: events, config: options.config, timeout: options.timeoutSeconds };
}
