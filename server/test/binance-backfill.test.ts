// The Binance feed's history: REST klines at start, and again after a connection lost for more than a minute, as
// history events a hub can seed its charts with; against the fake Binance on loopback.

import { type Candle, INTERVAL_MS } from '@tickline/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createBinanceFeed } from '../src/feeds/binance/binance-feed.ts';
import type { MarketEvent } from '../src/feeds/feed.ts';
import { until, watch } from './support/binance-watch.ts';
import { type FakeBinance, startFakeBinance } from './support/fake-binance.ts';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done();
});

type History = Extract<MarketEvent, { type: 'history' }>;

async function setup(options: { backoffMs?: number; prepare?: (fake: FakeBinance) => void } = {}) {
  const fake = await startFakeBinance({ seed: 7 });
  cleanup.push(() => fake.close());
  options.prepare?.(fake);
  let skew = 0;
  const feed = await createBinanceFeed({
    symbols: SYMBOLS,
    wsUrl: fake.wsUrl,
    restUrl: fake.restUrl,
    backoff: { baseMs: options.backoffMs ?? 10, maxMs: (options.backoffMs ?? 10) * 2 },
    idleTimeoutMs: 5000,
    clock: () => Date.now() + skew,
  });
  cleanup.push(() => feed.stop());
  const seen = watch();
  await feed.start(seen.sink);
  const histories = () => seen.events.filter((e): e is History => e.type === 'history');
  return {
    fake,
    feed,
    seen,
    histories,
    /** The feed's clock jumps ahead, as if that much time had passed. */
    skip: (ms: number) => (skew += ms),
  };
}

const contiguous = (candles: readonly Candle[], step: number) =>
  candles.every((c, i) => i === 0 || c[0] - (candles[i - 1] as Candle)[0] === step);

describe('Binance backfill', () => {
  it('at start, sends each symbol 1m, 1h and 1d history of closed klines, oldest first, in ticks and lots', async () => {
    const { fake, histories } = await setup();
    await until(() => histories().length === 6, 'six history events');
    expect(fake.klineRequests.map((r) => `${r.symbol} ${r.interval} ${r.limit}`).sort()).toEqual(
      SYMBOLS.flatMap((s) => [`${s} 1d 1000`, `${s} 1h 1000`, `${s} 1m 1000`]).sort(),
    );
    const now = Date.now();
    for (const h of histories()) {
      const step = INTERVAL_MS[h.interval];
      // The fake answers 1000 rows, the last still open: that one is the live candle's and is left out.
      expect(h.candles, `${h.symbol} ${h.interval}`).toHaveLength(999);
      expect(contiguous(h.candles, step)).toBe(true);
      expect(h.candles.at(-1)![0] + step).toBeLessThanOrEqual(now);
      expect(h.candles.at(-1)![0] + 2 * step).toBeGreaterThan(now - 1000);
      for (const [, open, high, low, close, volume] of h.candles) {
        expect(Number.isInteger(open) && Number.isInteger(volume)).toBe(true);
        expect(high).toBeGreaterThanOrEqual(Math.max(open, close, low));
      }
    }
    // BTC's fake mid is 64250.00, so its candles sit near 6_425_000 ticks of 0.01.
    const btc = histories().find((h) => h.symbol === 'binance:BTCUSDT' && h.interval === '1m')!;
    expect(Math.abs(btc.candles.at(-1)![4] - 6_425_000)).toBeLessThan(10_000);
  });

  it('counts malformed kline rows, keeps the good ones and goes on streaming', async () => {
    const bad = [['garbage'], [1_700_000_000_000, '1.001', '2.00', '0.50', '1.50', '1.0', 1_700_000_059_999]];
    const { fake, feed, seen, histories } = await setup({ prepare: (f) => f.addKlineRows('BTCUSDT', bad) });
    await until(() => histories().length === 6, 'six history events');
    // Two bad rows on each of BTC's three pages; ETH's pages are clean.
    expect(feed.health().malformed).toBe(6);
    for (const h of histories()) expect(h.candles, `${h.symbol} ${h.interval}`).toHaveLength(999);
    await until(() => (fake.emit(3), SYMBOLS.every((s) => seen.status(s).at(-1) === 'live')), 'every symbol live');
  });

  it('fetches the minutes again after a connection lost for more than a minute, not after a short one', async () => {
    const { fake, seen, histories, skip } = await setup({ backoffMs: 200 });
    await until(() => histories().length === 6 && fake.connections === 1, 'the start backfill');
    const allLive = () =>
      until(() => (fake.emit(3), SYMBOLS.every((s) => seen.status(s).at(-1) === 'live')), 'every symbol live');
    const reconnected = async () => {
      await allLive(); // so that 'reconnecting' below is news
      const before = fake.connectionsEver;
      fake.drop();
      await until(() => SYMBOLS.every((s) => seen.status(s).at(-1) === 'reconnecting'), 'the feed to notice');
      return before;
    };
    const ever = await reconnected();
    await until(() => fake.connectionsEver > ever, 'a short reconnect');
    const minutes = () => fake.klineRequests.filter((r) => r.interval === '1m').length;
    expect(minutes()).toBe(2);

    const again = await reconnected();
    skip(61_000);
    await until(() => fake.connectionsEver > again && minutes() === 4, 'the minutes fetched again');
    await until(() => histories().length === 8, 'two more history events');
    expect(
      histories()
        .slice(6)
        .map((h) => [h.symbol, h.interval])
        .sort(),
    ).toEqual([
      ['binance:BTCUSDT', '1m'],
      ['binance:ETHUSDT', '1m'],
    ]);
    expect(fake.klineRequests.filter((r) => r.interval !== '1m')).toHaveLength(4);
  });
});
