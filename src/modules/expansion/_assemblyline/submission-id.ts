/**
 * The submission id in an AssemblyLine link, as upstream's
 * `_extract_submission_id` finds it: `…/submission/detail/<sid>`, then
 * `sid=<sid>`, then a lone path segment, then a bare id.
 */
export function submissionId(value: string): string | undefined {
  const cleaned = value.trim();
  if (cleaned === '') return undefined;
  let path: string;
  try {
    const url = new URL(cleaned);
    path = url.pathname;
  } catch {
    // No scheme: Python's urlparse takes all of it as the path (up to ? or #).
    path = cleaned.split(/[?#]/)[0]!;
  }
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.length >= 3 && segments.at(-3) === 'submission' && segments.at(-2) === 'detail') return decodeURIComponent(segments.at(-1)!);
  if (cleaned.includes('sid=')) return cleaned.split('sid=').at(-1)!.split('&')[0] || undefined;
  const stripped = path.replace(/^\/+|\/+$/g, '');
  if (stripped !== '' && !stripped.includes('/')) return stripped;
  if (!cleaned.includes('/') && !cleaned.includes(' ')) return cleaned;
  return undefined;
}
