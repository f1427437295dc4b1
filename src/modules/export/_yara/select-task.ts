/** Worker-thread task: which `yara` attribute pieces compile in sequence (./select.ts). */
import { compileYara } from '../../_shared/yara/engine.js';
import { compilingPieces } from './select.js';

export interface SelectTaskInput {
  pieces: string[];
}

export default function selectTask(input: SelectTaskInput): Promise<boolean[]> {
  return compilingPieces(input.pieces, compileYara);
}
