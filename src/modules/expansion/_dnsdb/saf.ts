/**
 * DNSDB API v2 answers in SAF (Streaming API Framing): JSON lines, each
 * `{"cond": …, "obj": …, "msg": …}`. `begin` opens the stream, lines with an
 * `obj` (cond `ongoing` or none) carry results, `succeeded` ends it,
 * `limited` ends it early (the result limit was reached: the results so far
 * stand, as dnsdb2's ignore_limited does), `failed` ends it with DNSDB's
 * message. A stream that stops without one of these was cut short.
 */
export type SafOutcome = { results: Record<string, unknown>[] } | { failed: string } | { truncated: true };

export function readSaf(lines: unknown[]): SafOutcome {
  const results: Record<string, unknown>[] = [];
  for (const line of lines) {
    if (typeof line !== 'object' || line === null) continue;
    const { cond, obj, msg } = line as { cond?: unknown; obj?: unknown; msg?: unknown };
    if (cond === 'begin') continue;
    if (cond === 'succeeded') return { results };
    if (typeof obj === 'object' && obj !== null && !Array.isArray(obj)) results.push(obj as Record<string, unknown>);
    if (cond === 'limited') return { results };
    if (cond === 'failed') return { failed: typeof msg === 'string' && msg !== '' ? msg : 'query failed' };
  }
  return { truncated: true };
}
