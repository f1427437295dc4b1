/** Worker-thread task: compiles each YARA source in turn (the engine is loaded here only). */
import { compileYara, type YaraCompileResult } from './engine.js';

export interface CompileTaskInput {
  sources: string[];
}

export default async function compileTask(input: CompileTaskInput): Promise<YaraCompileResult[]> {
  const results: YaraCompileResult[] = [];
  for (const source of input.sources) results.push(await compileYara(source));
  return results;
}
