/**
 * The email security records of a domain as upstream's email_security_check
 * reads them: SPF (TXT of the domain), DMARC (`_dmarc.`), DKIM (a list of
 * common selectors under `_domainkey.`) and MTA-STS (`_mta-sts.`).
 */
export const DKIM_SELECTORS = [
  'default',
  'google',
  'selector1',
  'selector2',
  'k1',
  'mandrill',
  'everlytickey1',
  'everlytickey2',
  'dkim',
  's1',
  's2',
  'mailo',
] as const;

export interface EmailRecords {
  spf?: string;
  dmarc?: { record: string; policy: string };
  dkim: Array<{ selector: string; record: string }>;
  mtaSts?: string;
}

/** TXT values (strings of a record joined) for a name; [] when it has none. */
export type TxtLookup = (name: string) => Promise<string[]>;

/** The last `p=` tag of a DMARC record, "none" without one (upstream). */
function dmarcPolicy(record: string): string {
  let policy = 'none';
  for (const part of record.split(';')) {
    const tag = part.trim();
    if (tag.startsWith('p=')) policy = tag.slice(2);
  }
  return policy;
}

export async function readEmailRecords(domain: string, lookup: TxtLookup): Promise<EmailRecords> {
  const [spf, dmarc, mtaSts, ...dkim] = await Promise.all([
    lookup(domain),
    lookup(`_dmarc.${domain}`),
    lookup(`_mta-sts.${domain}`),
    ...DKIM_SELECTORS.map((selector) => lookup(`${selector}._domainkey.${domain}`)),
  ]);
  const dmarcRecord = dmarc!.find((r) => r.startsWith('v=DMARC1'));
  const records: EmailRecords = {
    dkim: DKIM_SELECTORS.flatMap((selector, i) => {
      const record = dkim[i]!.find((r) => r.includes('DKIM1') || r.includes('k=') || r.includes('p='));
      return record === undefined ? [] : [{ selector, record }];
    }),
  };
  const spfRecord = spf!.find((r) => r.startsWith('v=spf1'));
  const stsRecord = mtaSts!.find((r) => r.startsWith('v=STSv1'));
  if (spfRecord !== undefined) records.spf = spfRecord;
  if (dmarcRecord !== undefined) records.dmarc = { record: dmarcRecord, policy: dmarcPolicy(dmarcRecord) };
  if (stsRecord !== undefined) records.mtaSts = stsRecord;
  return records;
}

/** Upstream's score out of 5: SPF, DMARC (+1 more for reject or quarantine), DKIM, MTA-STS. */
export function emailSecurityScore(records: EmailRecords): number {
  let score = 0;
  if (records.spf !== undefined) score += 1;
  if (records.dmarc) score += ['reject', 'quarantine'].includes(records.dmarc.policy) ? 2 : 1;
  if (records.dkim.length > 0) score += 1;
  if (records.mtaSts !== undefined) score += 1;
  return score;
}
