/**
 * Loads a CommonJS package the first time it is used instead of at server
 * start. Heavy parsers (the Public Suffix List, XML, CSV) would otherwise add
 * tens of milliseconds each to every start, whether or not a query needs them.
 */
import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireFromHere(specifier) as T);
}
