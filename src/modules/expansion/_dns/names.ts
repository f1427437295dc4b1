/**
 * What dnspython refuses before sending a query (upstream's modules crash or
 * answer on these): a label longer than 63 bytes (`LabelTooLong`), an empty
 * label (`EmptyLabel`), a name longer than 255 bytes in wire form
 * (`NameTooLong`).
 */
export type NameProblem = 'labelTooLong' | 'emptyLabel' | 'nameTooLong';

export function dnsNameProblem(name: string): NameProblem | undefined {
  const relative = name.endsWith('.') ? name.slice(0, -1) : name;
  const labels = relative.split('.');
  if (labels.some((label) => Buffer.byteLength(label) > 63)) return 'labelTooLong';
  if (relative === '' || labels.some((label) => label === '')) return 'emptyLabel';
  // Wire form: one length byte per label, the labels, the root's zero byte.
  if (labels.reduce((size, label) => size + 1 + Buffer.byteLength(label), 1) > 255) return 'nameTooLong';
  return undefined;
}
