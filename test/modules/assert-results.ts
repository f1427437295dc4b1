/**
 * Checks a module's answer with the MISP data model's output checks
 * (src/misp/validate.ts): attribute types and categories exist, object
 * relations match their templates, references resolve, and a malware-sample
 * carrying its file has `encrypt: true` and `malware_filename` (what MISP
 * needs to zip it). Every module test runs it on the answers it checks.
 */
import assert from 'node:assert/strict';
import { formatViolations, validateResults } from '../../src/misp/validate.js';

export function assertValidResults(answer: unknown, inputUuids: string[] = []): void {
  assert.deepEqual(formatViolations(validateResults(answer, { inputUuids })), [], 'the answer passes the MISP output checks');
}
