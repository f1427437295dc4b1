/**
 * Common Event Format (ArcSight CEF) escaping rules:
 * - header fields: backslash and pipe are escaped with a backslash; a
 *   header cannot span lines, so CR/LF become spaces;
 * - extension values: backslash and equals sign are escaped with a
 *   backslash, and line breaks are written as `\n` / `\r` (pipes stay as
 *   they are).
 */

export function cefHeaderField(value: string): string {
  return value.replace(/[\\|]/g, (c) => `\\${c}`).replace(/\r\n|[\r\n]/g, ' ');
}

export function cefExtensionValue(value: string): string {
  return value.replace(/[\\=\r\n]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`));
}

export interface CefRecord {
  vendor: string;
  product: string;
  version: string;
  signatureId: string;
  name: string;
  severity: string;
  extension: ReadonlyArray<readonly [key: string, value: string]>;
}

/** `CEF:0|vendor|product|version|signature id|name|severity|k=v k=v` */
export function cefLine(record: CefRecord): string {
  const header = [record.vendor, record.product, record.version, record.signatureId, record.name, record.severity]
    .map(cefHeaderField)
    .join('|');
  const extension = record.extension.map(([key, value]) => `${key}=${cefExtensionValue(value)}`).join(' ');
  return `CEF:0|${header}|${extension}`;
}

/** Severity as CEF accepts it: an integer 0–10 or one of its words. */
export const CEF_SEVERITY = /^(?:10|[0-9]|Unknown|Low|Medium|High|Very-High)$/;
