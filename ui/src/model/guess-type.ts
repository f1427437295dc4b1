/**
 * A first guess of a value's MISP type, as MISP's freetext import would make
 * it: the analyst can always pick another type.
 */
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+:[0-9a-f:.]*$/i;
const LABELS = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;

const RULES: Array<[RegExp | ((value: string) => boolean), string]> = [
  [/^[a-z][a-z0-9+.-]*:\/\/\S+$/i, 'url'],
  [/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i, 'email'],
  [/^CVE-\d{4}-\d{4,}$/i, 'vulnerability'],
  [/^AS\d+$/i, 'AS'],
  [(v) => IPV4.test(v) || (IPV6.test(v) && v.includes('::')) || /^([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$/i.test(v), 'ip-dst'],
  [(v) => /^(.+)\|(\d{1,5})$/.test(v) && IPV4.test(v.split('|')[0]!), 'ip-dst|port'],
  [/^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i, 'mac-address'],
  [/^[0-9a-f]{32}$/i, 'md5'],
  [/^[0-9a-f]{40}$/i, 'sha1'],
  [/^[0-9a-f]{64}$/i, 'sha256'],
  [/^[0-9a-f]{128}$/i, 'sha512'],
  [/^\d+:[a-z0-9/+]+:[a-z0-9/+]+(,.*)?$/i, 'ssdeep'],
  [/^(bc1|[13])[a-km-zA-HJ-NP-Z1-9]{25,39}$/, 'btc'],
  [(v) => LABELS.test(v) && v.split('.').length === 2, 'domain'],
  [(v) => LABELS.test(v), 'hostname'],
];

/** The type MISP would most likely give the value, or undefined when nothing fits. */
export function guessType(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '' || /\s/.test(value)) return value === '' ? undefined : 'text';
  for (const [rule, type] of RULES) if (typeof rule === 'function' ? rule(value) : rule.test(value)) return type;
  return undefined;
}
