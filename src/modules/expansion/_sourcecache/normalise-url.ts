/**
 * URL normalisation, a port of url_normalize 3.0 (which url_archiver uses):
 * the same page gets the same hash, whatever the spelling of its URL.
 */

/** Python's urllib.parse.quote: unreserved characters and `safe` stay, the rest is %XX (UTF-8, upper case). */
function quote(text: string, safe: string): string {
  let out = '';
  for (const char of text) {
    if (/^[A-Za-z0-9_.~-]$/.test(char) || safe.includes(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Python's unquote: %XX runs decoded as UTF-8 (invalid bytes become U+FFFD), then NFC. */
function unquote(text: string): string {
  return text
    .replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'))
    .normalize('NFC');
}

function normalisePath(path: string): string {
  const quoted = quote(unquote(path), "~:/#[]@!$&'()*+,;=");
  // Drops empty and "." segments and resolves "..", keeping a trailing slash.
  const parts = quoted.split('/');
  const output: string[] = [];
  for (const part of parts) {
    if (part === '') {
      if (output.length === 0) output.push(part);
    } else if (part === '..') {
      if (output.length > 1) output.pop();
    } else if (part !== '.') {
      output.push(part);
    }
  }
  if (['', '.', '..'].includes(parts.at(-1) ?? '')) output.push('');
  return output.join('/') || '/';
}

function normaliseQuery(search: string): string {
  const param = (p: string): string => quote(unquote(p), "~:/?[]@!$'()*+,;");
  return search
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const key = param(eq < 0 ? p : p.slice(0, eq));
      const value = eq < 0 ? '' : param(p.slice(eq + 1));
      return value === '' ? key : `${key}=${value}`;
    })
    .join('&');
}

/** The normalised URL (what is hashed and fetched), or undefined when it is not a URL. */
export function normaliseUrl(raw: string): string | undefined {
  let text = raw.trim();
  // url_normalize's default scheme is https.
  if (!text.slice(0, 7).includes(':')) text = `https://${text.replace(/^\/+/, '')}`;
  text = text.replace('#!', '?_escaped_fragment_=').replace(/[&? ]+$/, '');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  // WHATWG parsing has lower-cased scheme and host, applied IDNA and dropped default ports.
  url.hostname = url.hostname.replace(/^\.+|\.+$/g, '');
  url.pathname = normalisePath(url.pathname);
  // Query and fragment are composed here: URL setters would encode some characters url_normalize keeps (').
  const query = normaliseQuery(url.search);
  const fragment = url.hash === '' ? '' : quote(unquote(url.hash.slice(1)), '~=');
  url.search = '';
  url.hash = '';
  return `${url.href}${query === '' ? '' : `?${query}`}${fragment === '' ? '' : `#${fragment}`}`;
}
