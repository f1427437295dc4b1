/** Locating files of a Cuckoo analysis folder from the absolute paths its report holds. */

function split(path: string): [string, string] {
  const i = path.lastIndexOf('/') + 1;
  let head = path.slice(0, i);
  if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
  return [head, path.slice(i)];
}

const join = (a: string, b: string): string => (a === '' || a.endsWith('/') ? a + b : `${a}/${b}`);

/**
 * The path relative to the analysis folder that `path` points to, or '' (upstream's
 * get_relpath): the longest suffix of the path that exists in the archive.
 */
export function relativePath(path: string, has: (name: string) => boolean): string {
  const [head, tail] = split(path);
  if (!tail) return '';
  const previous = relativePath(head, has);
  const longer = join(previous, tail);
  if (has(longer)) return longer;
  if (has(tail)) return tail;
  return '';
}

export function basename(path: string): string {
  return split(path)[1];
}
