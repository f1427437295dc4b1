/**
 * btc_steroids against a loopback blockchain.info (`GET /rawaddr/{address}`
 * with `limit`/`offset` paging, 400 for an address it refuses) and a loopback
 * CryptoCompare (`/data/pricehistorical`, `/stats/rate/limit`), answering as
 * the vendors document (fixtures/btc_steroids/blockchain.ts).
 *
 * The expected hover and click reports are what upstream's module writes for
 * the same answers (its code run with these fixtures, TZ=UTC).
 */
import assert from 'node:assert/strict';
import btc_steroids from '../../../src/modules/expansion/btc_steroids.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type VendorRequest } from '../../support/module-tester.js';
import { ADDRESS, ADDRESS_DATA, OTHER, PRICES, TRANSACTIONS, transaction } from './fixtures/btc_steroids/blockchain.js';

const HOVER_REPORT =
  '\n\nAddress:\t1ES14c7qLb5CYhLMUekctxLgc1FV2Ti9DA\nBalance:\t0.0002126800 BTC (+0.0007482500 BTC / -0.0005355700 BTC)\nTransactions:\t6\t (previewing up to 5 most recent)\n' +
  '======================================================================================\n' +
  '#5\t14 Mar 2019 09:52:01 UTC\t-0.00030000 BTC       1.16 USD\t      1.03 EUR\n' +
  '#5\t14 Mar 2019 09:52:01 UTC\t-0.00010000 BTC       0.39 USD\t      0.34 EUR\n' +
  '\t\t\t\t\t----------------------------------------------\n' +
  '#5\t\t\t\t  Sum:\t-0.00040000 BTC       1.55 USD\t      1.37 EUR\n\n' +
  '#4\t14 Mar 2019 05:06:40 UTC\t 0.00021268 BTC       0.82 USD\t      0.73 EUR\n' +
  '#3\t01 Feb 2019 09:12:25 UTC\t-0.00013557 BTC       0.47 USD\t      0.41 EUR\n' +
  '#2\t01 Jan 2019 00:00:00 UTC\t 0.00030000 BTC       1.15 USD\t      1.01 EUR\n' +
  '#1\t01 Dec 2018 00:00:00 UTC\t 0.00010000 BTC       0.42 USD\t      0.37 EUR';

const CLICK_REPORT =
  '\n\nAddress:\t1ES14c7qLb5CYhLMUekctxLgc1FV2Ti9DA\nBalance:\t0.0002126800 BTC (+0.0007482500 BTC / -0.0005355700 BTC)\nTransactions:\t6\n' +
  '======================================================================================\n' +
  '#6\t14 Mar 2019 09:52:01 UTC\t-0.00030000 BTC       1.16 USD\t      1.03 EUR\n' +
  '#6\t14 Mar 2019 09:52:01 UTC\t-0.00010000 BTC       0.39 USD\t      0.34 EUR\n' +
  '\t\t\t\t\t----------------------------------------------\n' +
  '#6\t\t\t\t  Sum:\t-0.00040000 BTC       1.55 USD\t      1.37 EUR\n\n' +
  '#5\t14 Mar 2019 05:06:40 UTC\t 0.00021268 BTC       0.82 USD\t      0.73 EUR\n' +
  '#4\t01 Feb 2019 09:12:25 UTC\t-0.00013557 BTC       0.47 USD\t      0.41 EUR\n' +
  '#3\t01 Jan 2019 00:00:00 UTC\t 0.00030000 BTC       1.15 USD\t      1.01 EUR\n' +
  '#2\t01 Dec 2018 00:00:00 UTC\t 0.00010000 BTC       0.42 USD\t      0.37 EUR\n' +
  '#1\t01 Nov 2018 00:00:00 UTC\t 0.00013557 BTC       0.86 USD\t      0.76 EUR';

/** An address with 520 transactions on one day: more than a click reads. */
const BUSY = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const BUSY_TRANSACTIONS = Array.from({ length: 520 }, (_, i) =>
  transaction(1577836800 + 520 - i, [{ sequence: 4294967295, witness: '', script: '', index: 0, prev_out: { addr: OTHER, n: 0, spent: true, type: 0, value: 5000 } }], [{ type: 0, spent: false, value: 1000, n: 0, addr: BUSY }], 1000),
);

/** A valid address nobody used: blockchain.info answers zeros. */
const UNUSED = '1BoatSLRHtKNngkdXEeobR76b53LETtpyT';
const REFUSED = { status: 400, json: { error: 'not-found-or-invalid-arg', message: 'Item not found or argument invalid' } } satisfies FakeResponse;

function rawaddr(req: FakeRequest): FakeResponse {
  const limit = Math.min(Number(req.query['limit'] ?? 50), 50);
  const offset = Number(req.query['offset'] ?? 0);
  const address = req.params['address'];
  const page = (data: object, txs: unknown[]) => ({ json: { ...data, txs: txs.slice(offset, offset + limit) } });
  if (address === ADDRESS) return page(ADDRESS_DATA, TRANSACTIONS);
  if (address === BUSY) return page({ address: BUSY, n_tx: 520, n_unredeemed: 520, total_received: 520000, total_sent: 0, final_balance: 520000 }, BUSY_TRANSACTIONS);
  if (address === UNUSED) return page({ address, n_tx: 0, n_unredeemed: 0, total_received: 0, total_sent: 0, final_balance: 0 }, []);
  return REFUSED;
}

const RATE_LIMIT = (minute: number) => ({
  json: {
    Response: 'Success',
    Message: '',
    HasWarning: false,
    Type: 100,
    RateLimit: {},
    Data: { calls_made: { second: 1, minute: 1, hour: 1, day: 1, month: 1 }, calls_left: { second: 19, minute, hour: 2999, day: 7999, month: 49999 } },
  },
});

const CRYPTOCOMPARE = {
  'GET /stats/rate/limit': RATE_LIMIT(299),
  'GET /data/pricehistorical': (req: FakeRequest): FakeResponse => {
    if (req.query['fsym'] !== 'BTC' || req.query['tsyms'] !== 'USD,EUR') return { json: { Response: 'Error', Message: 'fsym and tsyms are required', Type: 2, Data: {} } };
    const day = new Date(Number(req.query['ts']) * 1000).toISOString().slice(0, 10);
    return { json: { BTC: PRICES[day] ?? { USD: 7200.17, EUR: 6415.45 } } };
  },
} satisfies Routes;

const OVER_LIMIT = { json: { Response: 'Error', Message: 'You are over your rate limit please upgrade your account!', HasWarning: false, Type: 99, RateLimit: { calls_made: { second: 21 }, max_calls: { second: 20 } }, Data: {} } };

const asked = (requests: VendorRequest[], vendor: string) => requests.filter((r) => r.vendor === vendor).map((r) => r.target);
const reportOf = (answer: Record<string, unknown>) => {
  const [result] = answer['results'] as Array<{ types: string[]; values: string[] }>;
  assert.deepEqual(result!.types, ['text']);
  assert.equal(result!.values.length, 1);
  return result!.values[0]!;
};
const report = (value: string) => [{ types: ['text'], values: [value] }];
/** The report with the USD/EUR columns removed (for rows where prices are missing). */
const withoutPrices = (text: string) => text.replace(/ {1,}[\d.]+ USD\t {1,}[\d.]+ EUR/g, '');

testModule({
  module: btc_steroids,
  vendors: { 'blockchain.info': { 'GET /rawaddr/:address': rawaddr }, 'min-api.cryptocompare.com': CRYPTOCOMPARE },
  rows: [
    {
      name: 'a hover: balance and the 5 most recent transactions with their USD/EUR values, as upstream writes them',
      query: { btc: ADDRESS },
      results: report(HOVER_REPORT),
      requests: (requests) => {
        assert.deepEqual(asked(requests, 'blockchain.info'), [`/rawaddr/${ADDRESS}?filter=5&limit=50`, `/rawaddr/${ADDRESS}?filter=5&limit=5&offset=0`]);
        // The rate limit once, then one price a day (the two 14 March transactions share one).
        assert.deepEqual(asked(requests, 'min-api.cryptocompare.com'), [
          '/stats/rate/limit',
          ...[1552557121, 1549012345, 1546300800, 1543622400].map((ts) => `/data/pricehistorical?fsym=BTC&tsyms=USD%2CEUR&ts=${ts}`),
        ]);
      },
    },
    {
      name: 'a click (persistent 1): every transaction, the first answer reused',
      query: { btc: ADDRESS, persistent: 1 },
      results: report(CLICK_REPORT),
      requests: (requests) => {
        assert.deepEqual(asked(requests, 'blockchain.info'), [`/rawaddr/${ADDRESS}?filter=5&limit=50`]);
        assert.equal(asked(requests, 'min-api.cryptocompare.com').length, 6);
      },
    },
    {
      name: 'an address without transactions: the balance only, no price asked',
      query: { btc: UNUSED },
      results: report(`\n\nAddress:\t${UNUSED}\nBalance:\t0.0000000000 BTC (+0.0000000000 BTC / -0.0000000000 BTC)\nTransactions:\t0\t (previewing up to 5 most recent)`),
      requests: (requests) => assert.deepEqual(asked(requests, 'min-api.cryptocompare.com'), []),
    },
    { name: 'an address blockchain.info refuses is "Not a valid BTC address"', query: { btc: 'not-an-address' }, results: report('Not a valid BTC address') },
    {
      name: 'a click on a busy address pages by 50 and stops at 500 transactions, saying so',
      query: { btc: BUSY, persistent: 1 },
      requests: (requests) => {
        assert.deepEqual(asked(requests, 'blockchain.info'), [
          `/rawaddr/${BUSY}?filter=5&limit=50`,
          ...Array.from({ length: 9 }, (_, page) => `/rawaddr/${BUSY}?filter=5&limit=50&offset=${(page + 1) * 50}`),
        ]);
        assert.equal(asked(requests, 'min-api.cryptocompare.com').length, 2, 'the rate limit and one day');
      },
      check: (answer) => {
        const lines = reportOf(answer).split('\n');
        assert.equal(lines[4], 'Transactions:\t520');
        const transactions = lines.filter((line) => line.startsWith('#'));
        assert.equal(transactions.length, 500);
        assert.equal(transactions[0], '#520\t01 Jan 2020 00:08:40 UTC\t 0.00001000 BTC       0.07 USD\t      0.06 EUR');
        assert.match(transactions[499]!, /^#21\t/);
        assert.equal(lines.at(-1), '(Only the 500 most recent of 520 transactions are shown.)');
      },
    },
    {
      name: 'an empty page before n_tx is reached ends the report (upstream loops forever)',
      query: { btc: ADDRESS, persistent: 1 },
      routes: { 'blockchain.info': { 'GET /rawaddr/:address': (req: FakeRequest) => ({ json: { ...ADDRESS_DATA, n_tx: 60, txs: req.query['offset'] ? [] : TRANSACTIONS } }) } },
      requests: (requests) => assert.deepEqual(asked(requests, 'blockchain.info'), [`/rawaddr/${ADDRESS}?filter=5&limit=50`, `/rawaddr/${ADDRESS}?filter=5&limit=50&offset=6`]),
      check: (answer) => {
        const numbers = reportOf(answer).split('\n').filter((line) => line.startsWith('#')).map((line) => line.split('\t')[0]);
        assert.deepEqual([...new Set(numbers)], ['#60', '#59', '#58', '#57', '#56', '#55']);
      },
    },
    {
      name: 'a page that fails ends the report with the reason',
      query: { btc: ADDRESS },
      routes: { 'blockchain.info': { 'GET /rawaddr/:address': (req: FakeRequest) => (req.query['offset'] ? { status: 500, json: { message: 'Internal error' } } : rawaddr(req)) } },
      results: report(
        '\n\nAddress:\t1ES14c7qLb5CYhLMUekctxLgc1FV2Ti9DA\nBalance:\t0.0002126800 BTC (+0.0007482500 BTC / -0.0005355700 BTC)\nTransactions:\t6\t (previewing up to 5 most recent)\n' +
          '======================================================================================\n' +
          '(The remaining transactions could not be read: blockchain.info answered HTTP 500 Internal Server Error: Internal error.)',
      ),
    },
    {
      name: 'CryptoCompare refuses a price: amounts without USD/EUR, the reason, no more price asked',
      query: { btc: ADDRESS },
      routes: { 'min-api.cryptocompare.com': { 'GET /data/pricehistorical': OVER_LIMIT } },
      results: report(`${withoutPrices(HOVER_REPORT)}\n(No USD/EUR values: CryptoCompare gave no BTC price in USD and EUR: You are over your rate limit please upgrade your account.)`),
      requests: (requests) => assert.deepEqual(asked(requests, 'min-api.cryptocompare.com').length, 2, 'the rate limit and one price'),
    },
    {
      name: 'CryptoCompare fails (500): the same, with its status',
      query: { btc: ADDRESS },
      routes: { 'min-api.cryptocompare.com': { 'GET /data/pricehistorical': { status: 500, json: { Response: 'Error', Message: 'Server error' } } } },
      check: (answer) => assert.equal(reportOf(answer).split('\n').at(-1), '(No USD/EUR values: CryptoCompare answered HTTP 500 Internal Server Error: Server error.)'),
    },
    {
      name: 'no calls left at CryptoCompare: no price is asked',
      query: { btc: ADDRESS },
      routes: { 'min-api.cryptocompare.com': { 'GET /stats/rate/limit': RATE_LIMIT(0) } },
      results: report(`${withoutPrices(HOVER_REPORT)}\n(No USD/EUR values: CryptoCompare has no calls left for now (its rate limit).)`),
      requests: (requests) => assert.deepEqual(asked(requests, 'min-api.cryptocompare.com'), ['/stats/rate/limit']),
    },
    {
      name: 'a rate-limit endpoint that fails does not stop the prices',
      query: { btc: ADDRESS },
      routes: { 'min-api.cryptocompare.com': { 'GET /stats/rate/limit': { status: 500, body: 'oops' } } },
      results: report(HOVER_REPORT),
    },
    {
      name: 'transactions with odd fields are read with what they have',
      query: { btc: ADDRESS, persistent: 1 },
      routes: {
        'blockchain.info': {
          'GET /rawaddr/:address': {
            json: {
              ...ADDRESS_DATA,
              n_tx: 3,
              txs: [
                { inputs: [{ prev_out: { addr: ADDRESS, value: 5000 } }], out: [] },
                { time: 1552557121, inputs: [{ script: '' }, null, { prev_out: { addr: ADDRESS, value: 0 } }], out: [{ addr: ADDRESS, value: 'x' }] },
                { time: 1552557121, inputs: 'none', out: [{ addr: ADDRESS, value: 1000 }] },
              ],
            },
          },
        },
      },
      check: (answer) =>
        assert.deepEqual(reportOf(answer).split('\n').filter((line) => line.startsWith('#')), [
          '#3\tunknown time\t-0.00005000 BTC',
          '#1\t14 Mar 2019 09:52:01 UTC\t 0.00001000 BTC       0.04 USD\t      0.03 EUR',
        ]),
    },
    {
      name: 'blockchain.info answers JSON that is not address data',
      query: { btc: ADDRESS },
      routes: { 'blockchain.info': { 'GET /rawaddr/:address': { json: { error: 'maintenance' } } } },
      messageId: 'notAddressData',
    },
    { name: 'no btc in the request', query: { text: ADDRESS }, error: /needs one of these attribute types in the request: btc/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'a btc that is not text', query: { btc: 42 }, messageId: 'noAddress', requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({
      query: { btc: ADDRESS },
      host: 'blockchain.info',
      vendorMessage: 'Service unavailable',
      expect: {
        unauthorized: 'blockchain.info answered HTTP 401 Unauthorized: Service unavailable.',
        rateLimited: 'blockchain.info rate limit reached (HTTP 429 Too Many Requests: Service unavailable); retry after 60 s.',
        serverError: 'blockchain.info answered HTTP 500 Internal Server Error: Service unavailable.',
        malformed: 'blockchain.info answered with invalid JSON (HTTP 200).',
      },
    }),
  ],
});
