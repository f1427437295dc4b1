/** URLs of an e-mail body and the `url` objects PyMISP's URLObject makes of them. */
import type { RelationEntry } from '../../../misp/standard-result.js';
import type { RelationOf } from '../../../misp/templates/index.js';
import { decodeUrl } from '../../_shared/url-components.js';
import { decodeText } from './charset.js';
import { htmlLinks } from './html.js';
import type { MimePart } from './mime.js';

// Upstream's pattern stops after the host ("https?://(?:[-\w.]|(?:%[\da-fA-F]{2}))+"); the path is kept here.
const PLAIN_URL = /https?:\/\/(?:[-\w.]|%[\da-fA-F]{2})+(?::\d+)?(?:[/?#][^\s<>"'`)\]}]*)?/gu;

/** URLs of the preferred body (HTML links, or http(s) URLs in plain text), each once. */
export function bodyUrls(message: MimePart): string[] {
  const body = message.getBody(['html', 'plain']);
  if (!body) return [];
  const text = decodeText(body.payload(), body.charset() ?? 'utf-8', 'ignore');
  // Upstream meant to keep only http(s) links (no cid:, mailto:…); a bug kept them all.
  const urls = body.contentType() === 'text/html' ? htmlLinks(text).filter((u) => /^https?:\/\//i.test(u.trim())) : [...text.matchAll(PLAIN_URL)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
  return [...new Set(urls.map((u) => u.trim()))];
}

/** Python's urllib.parse.unquote_plus. */
function unquotePlus(text: string): string {
  const bytes = Buffer.from(text.replaceAll('+', ' '), 'utf8');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const hex = String.fromCharCode(bytes[i + 1] ?? 0, bytes[i + 2] ?? 0);
    if (bytes[i] === 0x25 && /^[0-9a-fA-F]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(bytes[i]!);
  }
  return new TextDecoder('utf-8').decode(Uint8Array.from(out));
}

/** url, host and domain, as URLObject gives them without generate_all; undefined for what does not parse. */
export function urlRelations(url: string): Array<RelationEntry<RelationOf<'url'>>> | undefined {
  const decoded = unquotePlus(url.trim());
  let parts;
  try {
    parts = decodeUrl(decoded);
  } catch {
    return undefined;
  }
  const relations: Array<RelationEntry<RelationOf<'url'>>> = [['url', decoded]];
  if (parts.ip) relations.push(['ip', parts.ip]);
  else {
    if (parts.host) relations.push(['host', parts.host]);
    if (parts.domain) relations.push(['domain', parts.domain]);
  }
  return relations;
}
