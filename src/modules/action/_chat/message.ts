/**
 * The text the chat actions post, as upstream builds it: the workflow data
 * the message is about is `matchingData` when MISP sent it (the node has
 * hash_path params), else `data`; a non-empty `message_template` is rendered
 * over it (Jinja, sandboxed, on a worker), otherwise the data is posted as a
 * code block of Python's `json.dumps(data)`.
 */
import type { ModuleContext, Query } from '../../../core/module.js';
import { pythonJsonDumps, type PyJson } from '../../_shared/python-json.js';
import { renderOnWorker } from '../../_shared/templates/offload.js';

/** The workflow params MISP sent (`""` for unset ones), as strings. */
export function workflowParams(query: Query): Record<string, string | undefined> {
  const params = query['params'];
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return {};
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value.trim() === '' ? undefined : value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
  }
  return out;
}

/** What the message is about: `matchingData` if present, else `data`. */
export function messageData(query: Query): unknown {
  return 'matchingData' in query ? query['matchingData'] : (query['data'] ?? {});
}

export async function chatMessage(ctx: ModuleContext, query: Query, template: string | undefined): Promise<string> {
  const data = messageData(query);
  if (!template) return `\`\`\`\n${pythonJsonDumps(data as PyJson)}\n\`\`\``;
  const variables = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return renderOnWorker(ctx, template, variables);
}
