/**
 * clamd's INSTREAM replies: `stream: OK`, `stream: <signature> FOUND`,
 * `stream: <reason> ERROR`, and, without the `stream:` prefix,
 * `INSTREAM size limit exceeded. ERROR`.
 */
export type ScanReply =
  | { status: 'OK' }
  | { status: 'FOUND'; signature: string }
  | { status: 'ERROR'; reason: string }
  | { status: 'SIZE_LIMIT'; reason: string }
  | { status: 'INVALID'; reply: string };

const LINE = /^(?<path>.*?): (?:(?<reason>.+) )?(?<status>FOUND|OK|ERROR)$/s;

export function parseScanReply(reply: string): ScanReply {
  if (/size limit exceeded/i.test(reply)) return { status: 'SIZE_LIMIT', reason: reply };
  const match = LINE.exec(reply);
  if (!match?.groups) return { status: 'INVALID', reply };
  const { status, reason = '' } = match.groups;
  if (status === 'OK') return { status: 'OK' };
  if (status === 'FOUND') return reason ? { status: 'FOUND', signature: reason } : { status: 'INVALID', reply };
  return { status: 'ERROR', reason };
}
