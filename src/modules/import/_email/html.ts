/**
 * Just enough of Python's html.parser for the e-mail import: the text runs
 * between tags (HTMLTextParser, for password guessing) and the href/src
 * attributes of <a> and <img> (HTMLURLParser, for URL extraction).
 */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', euro: '€', hellip: '…',
  mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', middot: '·', bull: '•',
  eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç', uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß',
};

export function unescapeHtml(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);?/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

interface Token {
  kind: 'text' | 'tag';
  text: string;
  name?: string;
  attributes?: Map<string, string | undefined>;
}

const TAG = /<(\/?)([A-Za-z][^\s/>]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?|\s*\/)*)\s*\/?>/y;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
const RAW_TEXT = new Set(['script', 'style']);

function* tokens(html: string): Generator<Token> {
  let i = 0;
  let text = '';
  const flush = function* (): Generator<Token> {
    if (text) yield { kind: 'text', text: unescapeHtml(text) };
    text = '';
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      yield* flush();
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<!', lt) || html.startsWith('<?', lt)) {
      yield* flush();
      const end = html.indexOf('>', lt);
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (!m) {
      text += '<';
      i = lt + 1;
      continue;
    }
    yield* flush();
    const name = m[2]!.toLowerCase();
    const attributes = new Map<string, string | undefined>();
    for (const a of (m[3] ?? '').matchAll(ATTRIBUTE)) {
      const raw = a[2];
      attributes.set(a[1]!.toLowerCase(), raw === undefined ? undefined : unescapeHtml(raw.replace(/^["']|["']$/g, '')));
    }
    yield { kind: 'tag', text: m[0], name: m[1] ? `/${name}` : name, attributes };
    i = lt + m[0].length;
    if (!m[1] && RAW_TEXT.has(name)) {
      // script/style content is data up to the closing tag
      const close = html.toLowerCase().indexOf(`</${name}`, i);
      const end = close === -1 ? html.length : close;
      if (end > i) yield { kind: 'text', text: html.slice(i, end) };
      i = end;
    }
  }
  yield* flush();
}

/** The text runs of an HTML document (HTMLTextParser.text_data). */
export function htmlTextRuns(html: string): string[] {
  return [...tokens(html)].filter((t) => t.kind === 'text').map((t) => t.text);
}

/** href of every <a> and src of every <img>, in document order (HTMLURLParser.urls). */
export function htmlLinks(html: string): string[] {
  const links: string[] = [];
  for (const t of tokens(html)) {
    if (t.kind !== 'tag') continue;
    const value = t.name === 'a' ? t.attributes?.get('href') : t.name === 'img' ? t.attributes?.get('src') : undefined;
    if (value) links.push(value);
  }
  return links;
}
