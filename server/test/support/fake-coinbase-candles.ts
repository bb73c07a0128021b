// The fake Coinbase's candles: `GET /products/{id}/candles?granularity=…` in the venue's documented shape, rows
// `[time (s), low, high, open, close, volume]` as numbers, at most 300, NEWEST FIRST, the interval open now (by the
// wall clock, as on the venue) first among them. A seeded walk around the product's mid; tests can slip in rows a
// feed must skip and count.

import type { Instrument, Ticks } from '@tickline/shared';
import { Rng } from '../../src/exchange/rng.ts';

const GRANULARITIES = new Set([60, 300, 900, 3600, 21_600, 86_400]);
const MAX_ROWS = 300;

export interface CandleRequest {
  productId: string;
  granularity: number;
}

export class FakeCandles {
  readonly requests: CandleRequest[] = [];
  private readonly extra = new Map<string, unknown[]>();

  constructor(
    private readonly seed: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** `rows` ride along with every later candles answer for `productId`. */
  addRows(productId: string, rows: unknown[]): void {
    this.extra.set(productId, [...(this.extra.get(productId) ?? []), ...rows]);
  }

  /** The answer's body, or undefined for a granularity Coinbase would refuse. */
  rows(productId: string, instrument: Instrument, mid: Ticks, granularity: number): unknown[] | undefined {
    if (!GRANULARITIES.has(granularity)) return undefined;
    this.requests.push({ productId, granularity });
    const rng = new Rng(this.seed).child(`${productId}:${granularity}`);
    const seconds = Math.floor(this.clock() / 1000 / granularity) * granularity;
    const value = (t: number) => instrument.priceValue(t as Ticks);
    const rows: unknown[] = [];
    let close = mid as number;
    for (let i = 0; i < MAX_ROWS; i++) {
      const open = Math.max(1, close + rng.int(-20, 20));
      const high = Math.max(open, close) + rng.int(0, 5);
      const low = Math.max(1, Math.min(open, close) - rng.int(0, 5));
      const volume = Number((rng.int(0, 5000) / 10).toFixed(1));
      rows.push([seconds - i * granularity, value(low), value(high), value(open), value(close), volume]);
      close = open;
    }
    return [...rows, ...(this.extra.get(productId) ?? [])];
  }
}
