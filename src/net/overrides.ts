/**
 * Upstream overrides: module code always names the vendor's real URL; the
 * admin (or a test) maps a host to another base URL, e.g.
 * `cve.circl.lu -> http://127.0.0.1:4567/mirror`, so
 * `https://cve.circl.lu/api/x?y=1` is sent to `http://127.0.0.1:4567/mirror/api/x?y=1`.
 */

export interface Rewrite {
  /** Where the request really goes. */
  target: URL;
  /** The override's key when one applied. */
  overriddenHost?: string;
}

export function rewriteUrl(url: URL, upstreams: ReadonlyMap<string, URL>): Rewrite {
  if (upstreams.size === 0) return { target: url };
  // `host` keeps a non-default port, so HOST:PORT keys are matched before bare host names.
  const key = upstreams.has(url.host.toLowerCase()) ? url.host.toLowerCase() : url.hostname.toLowerCase();
  const base = upstreams.get(key);
  if (!base) return { target: url };
  const target = new URL(base.href);
  target.pathname = joinPaths(base.pathname, url.pathname);
  target.search = url.search;
  return { target, overriddenHost: key };
}

/**
 * Maps a URL on an override's target back to the vendor URL it stands for,
 * so a redirect from the fake or mirror (`Location: /mirror/next`) reads as
 * the vendor's (`https://cve.circl.lu/next`) and is rewritten again on the
 * next hop. Other URLs are returned unchanged.
 */
export function unrewriteUrl(url: URL, logical: URL, upstreams: ReadonlyMap<string, URL>): URL {
  const { overriddenHost } = rewriteUrl(logical, upstreams);
  const base = overriddenHost ? upstreams.get(overriddenHost) : undefined;
  if (!base || url.origin !== base.origin) return url;
  const basePath = base.pathname.replace(/\/+$/, '');
  if (basePath !== '' && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return url;
  const back = new URL(logical.href);
  back.pathname = url.pathname.slice(basePath.length) || '/';
  back.search = url.search;
  back.hash = '';
  return back;
}

function joinPaths(basePath: string, path: string): string {
  const trimmed = basePath.replace(/\/+$/, '');
  return `${trimmed}${path.startsWith('/') ? path : `/${path}`}`;
}
