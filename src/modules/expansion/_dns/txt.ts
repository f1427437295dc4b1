/**
 * TXT records as the upstream DNS modules print them. node:dns hands a TXT
 * record over as its character-strings (each byte one latin-1 character);
 * dnspython's `str(rdata)` quotes each string, escapes `"` and `\` with a
 * backslash and any byte outside printable ASCII as `\DDD`, and joins the
 * strings with a space: `"v=spf1 " "-all"`.
 */

function escapeLikeDnspython(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'latin1')) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${String(byte).padStart(3, '0')}`;
  }
  return out;
}

/** dnspython's `str()` of one TXT record. */
export function dnspythonTxtText(strings: readonly string[]): string {
  return strings.map((s) => `"${escapeLikeDnspython(s)}"`).join(' ');
}

/** A TXT record's value, its strings concatenated (RFC 7208 §3.3) and decoded as UTF-8. */
export function txtValue(strings: readonly string[]): string {
  return Buffer.from(strings.join(''), 'latin1').toString('utf8');
}

/** node:dns TXT answers are `string[][]`; anything else is not a TXT answer. */
export function txtRecords(records: readonly unknown[]): string[][] {
  return records.filter((r): r is string[] => Array.isArray(r) && r.every((s) => typeof s === 'string'));
}
