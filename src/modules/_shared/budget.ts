/**
 * Budgets on what a parser of untrusted input builds: elements, rows,
 * cells, parts, pages, pixels. The byte caps on decoding (ByteBudget) stop
 * zip bombs, but a small input can still describe millions of things, and
 * each costs memory once built (a 180 KB .docx held 15 million empty
 * paragraphs). A parser counts what it is about to build and stops the
 * query with a BudgetExceededError, a user-facing error naming the budget,
 * well before its worker thread runs out of heap (which Node does not
 * always survive: nodejs/node#47224).
 */
import { ModuleError } from '../../base/errors.js';

/** The input needs more than a budget allows; the message names the budget. */
export class BudgetExceededError extends ModuleError {}

const format = (n: number): string => n.toLocaleString('en-US');

/** Counts things of one kind (`unit`: "XML elements") against a cap for `scope` ("one document"). */
export class CountBudget {
  #used = 0;

  constructor(
    readonly limit: number,
    readonly unit: string,
    readonly scope: string,
  ) {}

  get used(): number {
    return this.#used;
  }

  /** Reserves `count` for `what` ("The part "word/document.xml""); throws past the cap. */
  take(count: number, what: string): void {
    if (this.#used + count > this.limit) throw budgetExceeded(what, this.limit, this.unit, this.scope);
    this.#used += count;
  }
}

/** The error for `what` needing more than `limit` `unit`. */
export function budgetExceeded(what: string, limit: number, unit: string, scope: string): BudgetExceededError {
  return new BudgetExceededError(`${what} holds more than ${format(limit)} ${unit}, the resource budget for ${scope} on this server.`);
}

/**
 * Start tags in an XML text (an upper bound on its elements: tags in
 * comments and CDATA count too), found without parsing, so a budget is
 * checked before any tree is built.
 */
export function countXmlElements(text: string): number {
  let count = 0;
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
    const next = text.charCodeAt(at + 1);
    // '/' closes, '!' opens a comment, CDATA or doctype, '?' a processing instruction.
    if (next !== 0x2f && next !== 0x21 && next !== 0x3f) count++;
  }
  return count;
}

/** Objects and arrays one uploaded JSON document may hold (~50 to 130 bytes of heap each once parsed). */
export const MAX_JSON_CONTAINERS = 5_000_000;

/** Objects and arrays in a JSON text (brackets outside strings), found without parsing. */
export function countJsonContainers(text: string): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) count++;
  }
  return count;
}

/** Throws when the JSON text holds more containers than MAX_JSON_CONTAINERS; `what` names it ("The uploaded file"). */
export function checkJsonBudget(text: string, what: string): void {
  new CountBudget(MAX_JSON_CONTAINERS, 'JSON objects and arrays', 'one upload').take(countJsonContainers(text), what);
}
