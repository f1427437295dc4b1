/** What filters, tests and methods may ask of the running template. */
import type { Budget } from './budget.js';
import type { Kwargs, Value } from './values.js';

export interface Runtime {
  readonly budget: Budget;
  /** Python str() within the output limit. */
  str(value: Value): string;
  repr(value: Value): string;
  /** Sandboxed `obj.name` (attribute first, then item). */
  getAttr(object: Value, name: string): Value;
  /** Sandboxed `obj[key]` (item first, then attribute). */
  getItem(object: Value, key: Value): Value;
  call(callee: Value, args: Value[], kwargs: Kwargs): Value;
  applyFilter(name: string, value: Value, args: Value[], kwargs: Kwargs): Value;
  applyTest(name: string, value: Value, args: Value[]): boolean;
}

export type FilterFn = (rt: Runtime, value: Value, args: Value[], kwargs: Kwargs) => Value;
export type TestFn = (rt: Runtime, value: Value, args: Value[]) => boolean;

/** Positional-or-keyword argument `index`/`name`, as Python binds it. */
export function arg(args: Value[], kwargs: Kwargs, index: number, name: string): Value | undefined {
  if (index < args.length) return args[index];
  return kwargs.get(name);
}
