/**
 * Upstream's DomainTools value collector: each kind of value keeps its first
 * comment, and a new comment for a value already there is appended after
 * " - " unless already in it (an empty comment is replaced). `entries()`
 * lists them in upstream's order: registrant emails, phones, names,
 * registrars, creation dates, IPs (ip-dst / ip-src), domains, the whois
 * record as freetext, then the risk score.
 */
import type { LegacyEntryInput } from '../../../misp/legacy-result.js';
import type { LegacyType } from '../../../misp/types.js';

type Values = Map<string, string>;

function addValue(values: Values, value: unknown, comment = ''): void {
  if (value === undefined || value === null || value === '') return;
  const key = String(value);
  const existing = values.get(key);
  if (existing) {
    if (comment && !existing.includes(comment)) values.set(key, `${existing} - ${comment}`);
  } else values.set(key, comment);
}

export class DomainToolsValues {
  readonly mails: Values = new Map();
  readonly phones: Values = new Map();
  readonly names: Values = new Map();
  readonly registrars: Values = new Map();
  readonly creationDates: Values = new Map();
  readonly ips: Values = new Map();
  readonly domains: Values = new Map();
  freetext = '';
  risk: [string, string] | undefined;

  addMail = (value: unknown, comment?: string) => addValue(this.mails, value, comment);
  addPhone = (value: unknown, comment?: string) => addValue(this.phones, value, comment);
  addName = (value: unknown, comment?: string) => addValue(this.names, value, comment);
  addRegistrar = (value: unknown, comment?: string) => addValue(this.registrars, value, comment);
  addCreationDate = (value: unknown, comment?: string) => addValue(this.creationDates, value, comment);
  addIp = (value: unknown, comment?: string) => addValue(this.ips, value, comment);
  addDomain = (value: unknown, comment?: string) => addValue(this.domains, value, comment);

  entries(): LegacyEntryInput[] {
    const list = (types: LegacyType[], values: Values): LegacyEntryInput[] =>
      [...values].map(([value, comment]) => ({ types, values: [value], comment }));
    const entries = [
      ...list(['whois-registrant-email'], this.mails),
      ...list(['whois-registrant-phone'], this.phones),
      ...list(['whois-registrant-name'], this.names),
      ...list(['whois-registrar'], this.registrars),
      ...list(['whois-creation-date'], this.creationDates),
      ...list(['ip-dst', 'ip-src'], this.ips),
      ...list(['domain'], this.domains),
    ];
    if (this.freetext) entries.push({ types: ['freetext'], values: [this.freetext], comment: 'Freetext import' });
    if (this.risk) entries.push({ types: ['text'], values: [this.risk[0]], comment: this.risk[1] });
    return entries;
  }
}
