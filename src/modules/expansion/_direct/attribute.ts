/**
 * The input checks of upstream's direct-connection modules (ssh_fingerprint,
 * tls_certificate_check): an `attribute` with a `type` among the inputs. The
 * modules throw their own declared messages for each problem.
 */
import { randomUUID } from 'node:crypto';
import type { InputAttribute } from '../../../core/query-helpers.js';

export type AttributeCheck =
  | { ok: true; attribute: InputAttribute }
  | { ok: false; problem: 'invalid' }
  | { ok: false; problem: 'unsupported'; type: string };

export function checkAttribute(query: Record<string, unknown>, inputs: readonly string[]): AttributeCheck {
  const attribute = query['attribute'];
  if (typeof attribute !== 'object' || attribute === null || Array.isArray(attribute)) return { ok: false, problem: 'invalid' };
  const a = attribute as Record<string, unknown>;
  if (typeof a['type'] !== 'string' || a['type'] === '') return { ok: false, problem: 'invalid' };
  if (!inputs.includes(a['type'])) return { ok: false, problem: 'unsupported', type: a['type'] };
  if (typeof a['value'] !== 'string') return { ok: false, problem: 'invalid' };
  // PyMISP gives an attribute without uuid a new one.
  const uuid = typeof a['uuid'] === 'string' && a['uuid'] !== '' ? a['uuid'] : randomUUID();
  return { ok: true, attribute: { ...a, type: a['type'], value: a['value'], uuid } };
}
