/** Shared by the sigma_queries tests: the fixture rules, a server with the module, and one conversion. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import sigmaQueries from '../../../src/modules/expansion/sigma_queries.js';
import { assertValidResults } from '../assert-results.js';
import { startTestServer, type TestServer } from '../../server/harness.js';

export const fixture = (name: string): string => readFileSync(new URL(`./fixtures-rules/${name}`, import.meta.url), 'utf8');

/** Starts a server with sigma_queries for the file's tests (call at the top level). */
export function sigmaServer(): () => TestServer {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ builtins: [sigmaQueries] });
  });
  after(async () => {
    await t.close();
  });
  return () => t;
}

/** The queries of an answer: upstream puts a map backend → query in `values` (MISP iterates it). */
export async function convertWith(t: TestServer, rule: string): Promise<Record<string, string>> {
  const answer = await t.query({ module: 'sigma_queries', sigma: rule });
  assertValidResults(answer);
  const results = answer['results'] as Array<{ types: string[]; values: Record<string, string> }>;
  assert.equal(results.length, 1);
  assert.deepEqual(results[0]!.types, ['text']);
  return results[0]!.values;
}
