/**
 * btc_steroids: the balance and transactions of a bitcoin address as a text
 * report, for a hover (5 most recent transactions) or a click (`persistent: 1`,
 * all of them), with each amount's value in USD and EUR on the day it moved.
 * Reads blockchain.info (`GET https://blockchain.info/rawaddr/{address}?filter=5&limit=50`,
 * then `&limit=5&offset=0` for a hover or `&limit=50&offset=i` pages for a click)
 * and CryptoCompare prices (see _btc_steroids/prices.ts).
 *
 * Kept from upstream: the name, hover only, the requests, the report line for
 * line (_btc_steroids/report.ts; upstream's test checks its first lines) and
 * "Not a valid BTC address" when blockchain.info refuses the address (400/404).
 * Fixed: upstream keeps its report and price cache in module globals (two
 * queries at once mix their reports); here each query has its own. A click on
 * an address with more transactions than blockchain.info pages stops at 500
 * and says so (upstream reads every page, and loops forever on an empty page);
 * a page or price that cannot be read ends the report with the reason instead
 * of crashing (upstream: an undefined price, "Something went wrong"), and a
 * price failure leaves the amounts without USD/EUR and asks no more prices;
 * CryptoCompare's `stats/rate/limit` answer is used to ask no more prices than
 * are left (upstream only prints it, and once printed a count into the
 * report); a blockchain.info failure other than a refused address is an error
 * naming it, the HTTP status and what it said (upstream reads it as "Not a
 * valid BTC address" or crashes); a click reuses the first answer's 50
 * transactions instead of asking for them again. Dates are UTC.
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { BtcPrices } from './_btc_steroids/prices.js';
import { headerLines, movements, transactionLines, type RawAddress, type RawTransaction } from './_btc_steroids/report.js';

/** A hover previews this many of the most recent transactions (upstream). */
const HOVER_TRANSACTIONS = 5;
/** blockchain.info's page size for a click (upstream). */
const CLICK_PAGE = 50;
/** A click reads at most this many transactions (10 pages). */
const MAX_TRANSACTIONS = 500;

const MESSAGES = defineMessages({
  noAddress: 'The request has no btc address.',
  invalid: 'Not a valid BTC address',
  notAddressData: 'blockchain.info answered something that is not address data (n_tx, final_balance, total_received, total_sent).',
  truncated: '(Only the {shown} most recent of {total} transactions are shown.)',
  pageFailed: '(The remaining transactions could not be read: {reason}.)',
  noPrices: '(No USD/EUR values: {reason}.)',
});

function isAddressData(data: unknown): data is RawAddress {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return ['n_tx', 'final_balance', 'total_received', 'total_sent'].every((field) => typeof d[field] === 'number' && Number.isFinite(d[field]));
}

const transactionsOf = (page: unknown): RawTransaction[] => {
  const txs = (page as { txs?: unknown } | null)?.txs;
  return Array.isArray(txs) ? txs.filter((tx): tx is RawTransaction => typeof tx === 'object' && tx !== null) : [];
};

export default defineModule({
  name: 'btc_steroids',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '0.1',
    author: 'Sascha Rommelfangen',
    description: 'An expansion hover module to get a blockchain balance from a BTC address in MISP.',
    name: 'BTC Steroids',
    logo: 'bitcoin.png',
    requirements: [],
    features: '',
    references: [],
    input: 'btc address attribute.',
    output: 'Text to describe the blockchain balance and the transactions related to the btc address in input.',
  },
  config: {},
  attributes: { input: ['btc'], output: ['text'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    if (typeof query['btc'] !== 'string' || query['btc'].trim() === '') throw MESSAGES.error('noAddress');
    const address = query['btc'].trim();
    const clicked = query['persistent'] === 1 || query['persistent'] === true || query['persistent'] === '1';
    const text = (value: string) => legacyResults([{ types: ['text'], values: [value] }]);

    const blockchain = ctx.vendor({ name: 'blockchain.info', baseUrl: 'https://blockchain.info' });
    const path = `/rawaddr/${encodeURIComponent(address)}`;
    const response = await blockchain.request(path, { query: { filter: 5, limit: CLICK_PAGE } });
    if (response.status === 400 || response.status === 404) return text(MESSAGES.format('invalid'));
    if (response.status < 200 || response.status > 299) throw blockchain.statusError(response);
    const data = response.json<unknown>();
    if (!isAddressData(data)) throw MESSAGES.error('notAddressData');

    const lines = headerLines(address, data, clicked);
    // Upstream counts down from the number of transactions shown in a hover, from all of them in a click.
    const wanted = Math.max(0, clicked ? Math.min(data.n_tx, MAX_TRANSACTIONS) : Math.min(data.n_tx, HOVER_TRANSACTIONS));
    const countFrom = clicked ? data.n_tx : wanted;
    const pageSize = clicked ? CLICK_PAGE : HOVER_TRANSACTIONS;
    const transactions = clicked ? transactionsOf(data).slice(0, wanted) : [];
    let pageFailure: string | undefined;
    while (transactions.length < wanted) {
      try {
        const page = await blockchain.get<unknown>(path, { query: { filter: 5, limit: pageSize, offset: transactions.length } });
        const found = transactionsOf(page);
        if (found.length === 0) break;
        transactions.push(...found.slice(0, wanted - transactions.length));
      } catch (error) {
        if (!(error instanceof ModuleError)) throw error;
        pageFailure = error.message.replace(/\.$/, '');
        break;
      }
    }

    const prices = new BtcPrices(ctx);
    for (const [i, tx] of transactions.entries()) {
      const moved = movements(tx, address);
      if (moved.spent.length === 0 && moved.received.length === 0) continue;
      const time = typeof tx.time === 'number' && Number.isFinite(tx.time) ? tx.time : undefined;
      const price = time === undefined ? undefined : await prices.at(time);
      lines.push(...transactionLines(countFrom - i, time, moved, price));
    }
    if (pageFailure !== undefined) lines.push(MESSAGES.format('pageFailed', { reason: pageFailure }));
    else if (clicked && data.n_tx > transactions.length && transactions.length === MAX_TRANSACTIONS) {
      lines.push(MESSAGES.format('truncated', { shown: transactions.length, total: data.n_tx }));
    }
    if (prices.reason !== undefined) lines.push(MESSAGES.format('noPrices', { reason: prices.reason }));
    return text(lines.map((line) => `\n${line}`).join(''));
  },
});
