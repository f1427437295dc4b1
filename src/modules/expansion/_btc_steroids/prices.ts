/**
 * BTC prices in USD and EUR for the day of a transaction, from CryptoCompare's
 * free API, as upstream btc_steroids asks them:
 * `GET https://min-api.cryptocompare.com/data/pricehistorical?fsym=BTC&tsyms=USD,EUR&ts={time}`
 * → `{"BTC": {"USD": …, "EUR": …}}`, one request per day (the first
 * transaction's time of that day), and `GET /stats/rate/limit` once before the
 * first one (→ `Data.calls_left{minute, hour}`): no more price requests are sent
 * than CryptoCompare says are left.
 *
 * A failure never fails the report: the first one is kept as the reason, and
 * no further price is asked (the amounts are shown without USD/EUR).
 * CryptoCompare reports errors with HTTP 200 and `{"Response": "Error", "Message": …}`.
 */
import { ModuleError } from '../../../base/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import type { VendorApi } from '../../../core/vendor-api.js';
import { HttpStatusError, statusLine } from '../../../net/index.js';

export interface Price {
  usd: number;
  eur: number;
}

interface PriceAnswer {
  BTC?: { USD?: unknown; EUR?: unknown };
  Response?: unknown;
  Message?: unknown;
}

interface RateLimitAnswer {
  Data?: { calls_left?: { minute?: unknown; hour?: unknown } };
}

/** CryptoCompare's own `Message` (capitalised, which the generic error reader does not look for). */
function cryptoCompareMessage(body: Buffer): string | undefined {
  try {
    const message = (JSON.parse(body.toString('utf8')) as { Message?: unknown } | null)?.Message;
    return typeof message === 'string' && message.trim() !== '' ? message.trim().replace(/[.!]+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The day of a Unix time, in UTC (the report's dates are UTC). */
export function utcDay(time: number): string {
  return new Date(time * 1000).toISOString().slice(0, 10);
}

export class BtcPrices {
  readonly #api: VendorApi;
  readonly #byDay = new Map<string, Price | undefined>();
  /** Price requests CryptoCompare allows now; undefined until asked, Infinity when it did not say. */
  #callsLeft: number | undefined;
  /** Why prices stopped, once they did. */
  reason: string | undefined;

  constructor(ctx: ModuleContext) {
    this.#api = ctx.vendor({ name: 'CryptoCompare', baseUrl: 'https://min-api.cryptocompare.com' });
  }

  /** The price on the day of `time`, or undefined when prices are not available (see `reason`). */
  async at(time: number): Promise<Price | undefined> {
    const day = utcDay(time);
    if (this.#byDay.has(day)) return this.#byDay.get(day);
    if (this.reason !== undefined) return undefined;
    if (this.#callsLeft === undefined) this.#callsLeft = await this.#askCallsLeft();
    if (this.#callsLeft <= 0) {
      this.reason = 'CryptoCompare has no calls left for now (its rate limit)';
      return undefined;
    }
    this.#callsLeft -= 1;
    const price = await this.#ask(time);
    this.#byDay.set(day, price);
    return price;
  }

  /** What `/stats/rate/limit` says is left this minute and hour; Infinity when it cannot say (upstream goes on too). */
  async #askCallsLeft(): Promise<number> {
    try {
      const left = (await this.#api.get<RateLimitAnswer>('/stats/rate/limit'))?.Data?.calls_left;
      const known = [left?.minute, left?.hour].filter(isNumber);
      return known.length === 0 ? Infinity : Math.min(...known);
    } catch (error) {
      if (error instanceof ModuleError) return Infinity;
      throw error;
    }
  }

  async #ask(time: number): Promise<Price | undefined> {
    try {
      const answer = await this.#api.get<PriceAnswer>('/data/pricehistorical', { query: { fsym: 'BTC', tsyms: 'USD,EUR', ts: time } });
      const usd = answer?.BTC?.USD;
      const eur = answer?.BTC?.EUR;
      if (isNumber(usd) && isNumber(eur)) return { usd, eur };
      const said = typeof answer?.Message === 'string' && answer.Message.trim() !== '' ? `: ${answer.Message.trim().replace(/[.!]+$/, '')}` : '';
      this.reason = `CryptoCompare gave no BTC price in USD and EUR${said}`;
    } catch (error) {
      if (!(error instanceof ModuleError)) throw error;
      const said = error instanceof HttpStatusError && error.detail === undefined ? cryptoCompareMessage(error.response.body) : undefined;
      this.reason = said && error instanceof HttpStatusError ? `CryptoCompare answered HTTP ${statusLine(error.status)}: ${said}` : error.message.replace(/[.!]+$/, '');
    }
    return undefined;
  }
}
