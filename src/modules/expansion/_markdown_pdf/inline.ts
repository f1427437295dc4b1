/**
 * Inline markdown (marked's inline tokens) flattened into styled runs of
 * text. Images are not fetched (upstream runs wkhtmltopdf with --no-images):
 * they print as their alt text. Inline HTML prints literally.
 */
import type { Token, Tokens } from 'marked';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
  link?: string;
}

type Style = Omit<Run, 'text'>;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', hellip: '…', mdash: '—', ndash: '–' };

/** marked leaves HTML entities in text tokens. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[entity.toLowerCase()] ?? whole;
  });
}

function safeLink(href: string): string | undefined {
  // Only links a reader can follow; no javascript: or file: targets in the PDF.
  return /^(https?:|mailto:|#)/i.test(href.trim()) ? href.trim() : undefined;
}

function collect(tokens: readonly Token[], style: Style, out: Run[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'strong':
        collect((token as Tokens.Strong).tokens, { ...style, bold: true }, out);
        break;
      case 'em':
        collect((token as Tokens.Em).tokens, { ...style, italic: true }, out);
        break;
      case 'del':
        collect((token as Tokens.Del).tokens, { ...style, strike: true }, out);
        break;
      case 'codespan':
        out.push({ ...style, code: true, text: decodeEntities((token as Tokens.Codespan).text) });
        break;
      case 'link': {
        const link = token as Tokens.Link;
        const href = safeLink(link.href);
        collect(link.tokens, href ? { ...style, link: href } : style, out);
        break;
      }
      case 'image': {
        const image = token as Tokens.Image;
        out.push({ ...style, italic: true, text: `[image: ${decodeEntities(image.text || image.href)}]` });
        break;
      }
      case 'br':
        out.push({ ...style, text: '\n' });
        break;
      case 'checkbox':
        out.push({ ...style, code: true, text: (token as Tokens.Checkbox).checked ? '[x] ' : '[ ] ' });
        break;
      case 'html':
        out.push({ ...style, code: true, text: (token as Tokens.HTML).text });
        break;
      case 'escape':
        out.push({ ...style, text: decodeEntities((token as Tokens.Escape).text) });
        break;
      default: {
        const generic = token as Tokens.Generic;
        if (Array.isArray(generic.tokens) && generic.tokens.length > 0) collect(generic.tokens, style, out);
        // A soft line break inside a paragraph is a space.
        else if (typeof generic['text'] === 'string') out.push({ ...style, text: decodeEntities(generic['text']).replace(/\n/g, ' ') });
      }
    }
  }
}

export function inlineRuns(tokens: readonly Token[]): Run[] {
  const runs: Run[] = [];
  collect(tokens, {}, runs);
  return runs.filter((r) => r.text !== '');
}

export function plainText(tokens: readonly Token[]): string {
  return inlineRuns(tokens)
    .map((r) => r.text)
    .join('');
}
