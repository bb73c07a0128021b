// The fake Binance's klines: `GET /api/v3/klines` rows in Binance's documented shape, a seeded walk that ends at
// the market's mid in the interval open now (by the wall clock, as on the venue), so a feed sees one still-open kline
// last, which it must drop. Tests can slip in rows a feed must skip and count.

import type { Instrument, Lots, Ticks } from '@tickline/shared';
import { Rng } from '../../src/exchange/rng.ts';
import { eight } from './fake-binance-formats.ts';

const INTERVALS: Record<string, number> = { '1m': 60_000, '1h': 3_600_000, '1d': 86_400_000 };

export interface KlineRequest {
  symbol: string;
  interval: string;
  limit: number;
}

export class FakeKlines {
  readonly requests: KlineRequest[] = [];
  /** Rows sent after the good ones, per symbol, once each request. */
  private readonly extra = new Map<string, unknown[]>();

  constructor(
    private readonly seed: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** `rows` ride along with every later klines answer for `symbol`. */
  addRows(symbol: string, rows: unknown[]): void {
    this.extra.set(symbol, [...(this.extra.get(symbol) ?? []), ...rows]);
  }

  /** The answer's body, or undefined for an interval Binance would refuse. */
  rows(symbol: string, instrument: Instrument, mid: Ticks, interval: string, limit: number): unknown[] | undefined {
    const ms = INTERVALS[interval];
    if (ms === undefined || !(limit >= 1 && limit <= 1000)) return undefined;
    this.requests.push({ symbol, interval, limit });
    const rng = new Rng(this.seed).child(`${symbol}:${interval}`);
    const open = Math.floor(this.clock() / ms) * ms;
    const rows: unknown[] = [];
    let close = mid as number;
    // Built newest first, backwards from the mid, then sent oldest first as Binance does.
    for (let i = 0; i < limit; i++) {
      const time = open - i * ms;
      const first = Math.max(1, close + rng.int(-20, 20));
      const high = Math.max(first, close) + rng.int(0, 5);
      const low = Math.max(1, Math.min(first, close) - rng.int(0, 5));
      const px = (t: number) => eight(instrument.formatPrice(t as Ticks));
      const volume = eight(instrument.formatSize(rng.int(0, 50_000) as Lots));
      rows.push([time, px(first), px(high), px(low), px(close), volume, time + ms - 1, '0.0', 10, '0.0', '0.0', '0']);
      close = first;
    }
    return [...rows.reverse(), ...(this.extra.get(symbol) ?? [])];
  }
}
