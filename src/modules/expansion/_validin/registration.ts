/**
 * Validin registration history (`records.registration[]`, enterprise
 * endpoints only) as `whois` objects valid against the template: domain,
 * registered → creation-date, expires → expiration-date, changed →
 * modification-date, registrar, nameservers → nameserver, the registrant
 * role's email/name/org/phone → registrant-*; what the template has no
 * relation for (observation date, found, status, related, sDNS, source, the
 * other roles) is kept as lines of its `text` (upstream used relations the
 * template does not have, which MISP cannot check).
 */
import type { MispResultBuilder } from '../../../misp/standard-result.js';
import type { ValidinInput } from './dns.js';

export interface RegistrationRecord {
  domain?: unknown;
  key?: unknown;
  date?: unknown;
  found?: unknown;
  status?: unknown;
  registrar?: unknown;
  registered?: unknown;
  expires?: unknown;
  changed?: unknown;
  nameservers?: unknown;
  related?: unknown;
  sDNS?: unknown;
  source?: unknown;
  roles?: unknown;
}

/** A value or list as a list of non-empty texts (upstream iterated a bare string's characters). */
export function texts(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v) => v !== null && v !== undefined && v !== '').map((v) => (typeof v === 'string' ? v.trim() : String(v))).filter((v) => v !== '');
}

const REGISTRANT_FIELDS: Record<string, 'registrant-email' | 'registrant-name' | 'registrant-org' | 'registrant-phone'> = {
  email: 'registrant-email',
  name: 'registrant-name',
  org: 'registrant-org',
  organization: 'registrant-org',
  phone: 'registrant-phone',
};

export function addRegistrations(result: MispResultBuilder, input: ValidinInput, registrations: RegistrationRecord[]): void {
  for (const record of registrations) {
    if (typeof record !== 'object' || record === null) continue;
    const lines: string[] = [];
    const registrant: Array<[string, string]> = [];
    if (texts(record.date)[0]) lines.push(`observation-date: ${texts(record.date)[0]}`);
    if ('found' in record) lines.push(`found: ${String(record.found)}`);
    for (const status of texts(record.status)) lines.push(`status: ${status}`);
    for (const related of texts(record.related)) lines.push(`related: ${related}`);
    for (const signed of texts(record.sDNS)) lines.push(`signed-dns: ${signed}`);
    for (const source of texts(record.source)) lines.push(`source: ${source}`);
    const roles = typeof record.roles === 'object' && record.roles !== null ? (record.roles as Record<string, unknown>) : {};
    for (const [role, data] of Object.entries(roles)) {
      if (typeof data !== 'object' || data === null) continue;
      for (const [field, values] of Object.entries(data as Record<string, unknown>)) {
        const relation = role.toLowerCase() === 'registrant' ? REGISTRANT_FIELDS[field.toLowerCase()] : undefined;
        for (const value of texts(values)) {
          if (relation && !registrant.some(([r]) => r === relation)) registrant.push([relation, value]);
          else lines.push(`${role}-${field}`.toLowerCase().replace(/_/g, '-') + `: ${value}`);
        }
      }
    }
    const object = result.addObject('whois', [
      ['domain', texts(record.domain)[0] ?? texts(record.key)[0]],
      ['creation-date', texts(record.registered)[0]],
      ['expiration-date', texts(record.expires)[0]],
      ['modification-date', texts(record.changed)[0]],
      ['registrar', texts(record.registrar)[0]],
      ['nameserver', texts(record.nameservers)],
      ...registrant.map(([relation, value]) => [relation as 'registrant-email', value] as const),
      ['text', lines.length ? lines.join('\n') : undefined],
    ], { comment: 'Validin registration history' });
    if (object.Attribute.length === 0) continue;
    result.addReference(object.uuid, input.uuid, 'related-to');
  }
}
