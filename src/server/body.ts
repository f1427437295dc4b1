/**
 * Parses a /query body: strict UTF-8, strict JSON, no prototype-poisoning
 * keys, bounded nesting, and an object at the top (PROTOCOL.md §5.3). Any
 * Content-Type is accepted, as upstream reads the raw body whatever the
 * header says.
 */
import sjson from 'secure-json-parse';
import { RequestError } from '../base/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Iterative (no recursion, so a hostile body cannot overflow the stack). */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

export function parseQueryBody(raw: Buffer, maxDepth: number): Record<string, unknown> {
  if (raw.length === 0) throw new RequestError('The request body is empty: send a JSON object such as {"module": "...", ...}.');
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new RequestError('The request body is not valid UTF-8.');
  }
  let parsed: unknown;
  try {
    parsed = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const message = (error as Error).message;
    if (/prototype/i.test(message)) throw new RequestError('The request body contains a forbidden "__proto__" or "constructor.prototype" key.');
    throw new RequestError(`The request body is not valid JSON: ${message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RequestError(`The request body must be a JSON object, not ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}.`);
  }
  if (jsonDepth(parsed, maxDepth) > maxDepth) {
    throw new RequestError(`The request body is nested deeper than ${maxDepth} levels.`);
  }
  return parsed as Record<string, unknown>;
}
