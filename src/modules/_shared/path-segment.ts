/**
 * An analyst's value as one segment of a vendor's URL path
 * (`/lookup/{value}`): percent-encoded so that it stays one segment, with
 * colons kept as the vendors' Python SDKs send them (IPv6 addresses, SSH
 * fingerprints). `.` and `..` would be resolved by the URL into another path
 * of the vendor's API (with the credentials): they give undefined, and the
 * module answers its "not found".
 */
export function pathSegment(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === '.' || trimmed === '..') return undefined;
  return encodeURIComponent(trimmed).replace(/%3A/gi, ':');
}
