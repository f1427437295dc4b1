/** Python's repr of legacy SigmaParser.values (`{'Field': {'value', …}}`), the summary upstream printed. */
import { pyStrRepr } from './python-format.js';

export function valuesRepr(values: ReadonlyMap<string, ReadonlySet<string>>): string {
  // Python prints sets in hash order, which varies between runs; insertion order is used here.
  const entries = [...values].map(([key, set]) => `${pyStrRepr(key)}: {${[...set].map(pyStrRepr).join(', ')}}`);
  return `{${entries.join(', ')}}`;
}
