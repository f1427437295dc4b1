/**
 * The text report btc_steroids shows, line for line as upstream writes it
 * (tabs, widths, `#n` numbering, the 86 `=` rule and the per-transaction
 * `Sum:` when several inputs of the address are spent together), from
 * blockchain.info `rawaddr` data (amounts in satoshi, times in Unix seconds).
 * Dates are written in UTC (upstream uses the server's local time zone).
 */
import type { Price } from './prices.js';

/** blockchain.info `rawaddr` (the fields read). */
export interface RawAddress {
  n_tx: number;
  final_balance: number;
  total_received: number;
  total_sent: number;
  txs: RawTransaction[];
}

export interface RawTransaction {
  time?: unknown;
  inputs?: unknown;
  out?: unknown;
}

const SATOSHI = 100_000_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const RULE = '='.repeat(86);
const SUM_RULE = `\t\t\t\t\t${'-'.repeat(46)}`;

const two = (n: number) => String(n).padStart(2, '0');

/** Python's `time.strftime("%d %b %Y %H:%M:%S %Z")`, in UTC. */
export function formatTime(time: number): string {
  const d = new Date(time * 1000);
  return `${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
}

export const btc = (satoshi: number) => satoshi / SATOSHI;

/** `{:10.8f} BTC {:10.2f} USD\t{:10.2f} EUR`, or the BTC amount alone without a price. */
function amount(value: number, price: Price | undefined): string {
  const coins = `${value.toFixed(8).padStart(10)} BTC`;
  if (!price) return coins;
  return `${coins} ${(price.usd * value).toFixed(2).padStart(10)} USD\t${(price.eur * value).toFixed(2).padStart(10)} EUR`;
}

export function headerLines(address: string, data: RawAddress, clicked: boolean): string[] {
  const lines = [
    `\nAddress:\t${address}`,
    `Balance:\t${btc(data.final_balance).toFixed(10)} BTC (+${btc(data.total_received).toFixed(10)} BTC / -${btc(data.total_sent).toFixed(10)} BTC)`,
    clicked ? `Transactions:\t${data.n_tx}` : `Transactions:\t${data.n_tx}\t (previewing up to 5 most recent)`,
  ];
  if (data.n_tx > 0) lines.push(RULE);
  return lines;
}

function records(list: unknown): Array<Record<string, unknown>> {
  return Array.isArray(list) ? list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
}

const satoshiOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** What one transaction moved from and to the address: the values in satoshi. */
export function movements(tx: RawTransaction, address: string): { spent: number[]; received: number[] } {
  const spent = records(tx.inputs).flatMap((input) => {
    const prevOut = typeof input['prev_out'] === 'object' && input['prev_out'] !== null ? (input['prev_out'] as Record<string, unknown>) : {};
    const value = satoshiOf(prevOut['value']);
    return value !== undefined && value !== 0 && prevOut['addr'] === address ? [value] : [];
  });
  const received = records(tx.out).flatMap((output) => {
    const value = satoshiOf(output['value']);
    return value !== undefined && output['addr'] === address ? [value] : [];
  });
  return { spent, received };
}

/**
 * The lines of one transaction: `#n` (upstream's count down), its time, each
 * input of the address (`-`) with a Sum line when there are several, then each
 * output to it (a transaction without a time says so). `price` is the BTC price of the transaction's day, if known.
 */
export function transactionLines(number: number, time: number | undefined, moved: { spent: number[]; received: number[] }, price: Price | undefined): string[] {
  const when = time === undefined ? 'unknown time' : formatTime(time);
  const lines = moved.spent.map((value) => `#${number}\t${when}\t-${amount(btc(value), price)}`);
  if (moved.spent.length > 1) {
    const sum = moved.spent.reduce((total, value) => total + btc(value), 0);
    lines.push(SUM_RULE, `#${number}\t\t\t\t  Sum:\t-${amount(sum, price)}\n`);
  }
  lines.push(...moved.received.map((value) => `#${number}\t${when}\t ${amount(btc(value), price)}`));
  return lines;
}
