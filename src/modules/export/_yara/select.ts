/**
 * Which `yara` attributes go into the export file: each one that compiles
 * after the ones kept before it (so the file as a whole compiles: a rule
 * whose name is already taken, or that uses a rule dropped before it, is
 * dropped too). Upstream compiled each rule on its own.
 *
 * libyara parses in one pass and stops at the first error, so the file is
 * compiled whole and, on an error, the piece holding the error line is
 * dropped and the rest compiled again: one compile when every rule is
 * fine, a few per broken rule. The pieces before the error are checked
 * too, in case one of them only failed later on (an unclosed brace).
 */
import type { YaraMessage } from '../../_shared/yara/engine.js';

export type Compile = (source: string) => Promise<{ errors: YaraMessage[] }>;

export async function compilingPieces(pieces: readonly string[], compile: Compile): Promise<boolean[]> {
  const kept: number[] = [];
  const text = (order: readonly number[]): string => order.map((i) => pieces[i]).join('\n');
  const compiles = async (order: readonly number[]): Promise<boolean> => (await compile(text(order))).errors.length === 0;
  const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);

  let next = 0;
  while (next < pieces.length) {
    const order = [...kept, ...range(next, pieces.length)];
    const { errors } = await compile(text(order));
    if (errors.length === 0) {
      kept.push(...range(next, pieces.length));
      break;
    }
    const culprit = Math.max(next, pieceAtLine(order, pieces, errors[0]!.line));
    const before = range(next, culprit);
    if (before.length > 0) {
      if (await compiles([...kept, ...before])) kept.push(...before);
      else for (const i of before) if (await compiles([...kept, i])) kept.push(i);
    }
    if (await compiles([...kept, culprit])) kept.push(culprit);
    next = culprit + 1;
  }
  const keep = pieces.map(() => false);
  for (const i of kept) keep[i] = true;
  return keep;
}

/** The piece (index into `pieces`) holding 1-based `line` of the joined `order`. */
function pieceAtLine(order: readonly number[], pieces: readonly string[], line: number): number {
  let start = 1;
  for (const i of order) {
    const lines = pieces[i]!.split('\n').length;
    if (line < start + lines) return i;
    start += lines;
  }
  return order[order.length - 1]!;
}
