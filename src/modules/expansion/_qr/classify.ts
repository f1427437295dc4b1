/**
 * What a decoded QR code becomes, as upstream decides: a "bitcoin:" URI
 * gives its address as `btc`; text containing http://, https:// or ftp://
 * is a `url`; anything else is `text`.
 */
import type { LegacyEntryInput } from '../../../misp/legacy-result.js';

const SCHEMES = ['http://', 'https://', 'ftp://'];

export function qrResult(decoded: string, source: string): LegacyEntryInput {
  if (decoded.toLowerCase().includes('bitcoin')) {
    const parts = decoded.split(/[:?]/);
    // Upstream compares the scheme case-sensitively; URI schemes are case-insensitive (BITCOIN: is common in QR codes).
    if (parts.length > 1 && parts[0]?.toLowerCase() === 'bitcoin') {
      return { types: ['btc'], values: parts[1] ?? '', comment: `BTC found in ${source}` };
    }
  }
  const isUrl = SCHEMES.some((scheme) => decoded.includes(scheme));
  return { types: [isUrl ? 'url' : 'text'], values: decoded, comment: `Decoded from ${source}` };
}
