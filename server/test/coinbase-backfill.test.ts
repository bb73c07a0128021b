// The Coinbase feed's history: REST candles at start, and minutes again after a connection lost for more than a
// minute, as history events oldest first; against the fake Coinbase on loopback.

import { type Candle, INTERVAL_MS } from '@tickline/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoinbaseFeed } from '../src/feeds/coinbase/coinbase-feed.ts';
import type { FeedAdapter, MarketEvent } from '../src/feeds/feed.ts';
import { silentLogger } from '../src/logger.ts';
import { type FakeCoinbase, startFakeCoinbase } from './support/fake-coinbase.ts';

const PRODUCTS = ['BTC-USD', 'DOGE-USD'];
type History = Extract<MarketEvent, { type: 'history' }>;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done();
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function setup(prepare: (fake: FakeCoinbase) => void = () => {}, backoffMs = 10) {
  const fake = await startFakeCoinbase({ heartbeatMs: 0 });
  cleanup.push(() => fake.close());
  prepare(fake);
  let skew = 0;
  const feed: FeedAdapter = await createCoinbaseFeed({
    symbols: PRODUCTS,
    wsUrl: fake.wsUrl,
    restUrl: fake.restUrl,
    logger: silentLogger,
    idleTimeoutMs: 3000,
    backoff: { baseMs: backoffMs, maxMs: backoffMs * 2 },
    clock: () => Date.now() + skew,
  });
  cleanup.push(() => feed.stop());
  const events: MarketEvent[] = [];
  await feed.start((e) => events.push(e));
  const histories = () => events.filter((e): e is History => e.type === 'history');
  const status = (product: string) => {
    const last = events.filter((e) => e.type === 'status' && e.symbol === `coinbase:${product}`).at(-1);
    return last?.type === 'status' ? last.status : undefined;
  };
  const all = (wanted: string) => () => until(() => PRODUCTS.every((p) => status(p) === wanted), `all ${wanted}`);
  return { fake, feed, histories, live: all('live'), lost: all('reconnecting'), skip: (ms: number) => (skew += ms) };
}

const contiguous = (candles: readonly Candle[], step: number) =>
  candles.every((c, i) => i === 0 || c[0] - (candles[i - 1] as Candle)[0] === step);

describe('Coinbase backfill', () => {
  it('at start, sends each product 1m, 1h and 1d candles, closed ones only, oldest first', async () => {
    const { fake, histories } = await setup();
    await until(() => histories().length === 6, 'six history events');
    expect(fake.candleRequests.map((r) => `${r.productId} ${r.granularity}`).sort()).toEqual(
      PRODUCTS.flatMap((p) => [`${p} 3600`, `${p} 60`, `${p} 86400`]).sort(),
    );
    const now = Date.now();
    for (const h of histories()) {
      const step = INTERVAL_MS[h.interval];
      // 300 rows, newest first, the first still open: that one is the live candle's and is left out.
      expect(h.candles, `${h.symbol} ${h.interval}`).toHaveLength(299);
      expect(contiguous(h.candles, step)).toBe(true);
      expect(h.candles.at(-1)![0] + step).toBeLessThanOrEqual(now);
    }
    // DOGE's fake mid is 0.16, 16 000 ticks of 0.00001.
    const doge = histories().find((h) => h.symbol === 'coinbase:DOGE-USD' && h.interval === '1m')!;
    expect(Math.abs(doge.candles.at(-1)![4] - 16_000)).toBeLessThan(100);
  });

  it('counts malformed rows and keeps the good ones', async () => {
    const bad = [['junk'], [1_700_000_000, 0.150001, 0.2, 0.16, 0.16, 1]];
    const { feed, histories, live } = await setup((fake) => fake.addCandleRows('DOGE-USD', bad));
    await until(() => histories().length === 6, 'six history events');
    expect(feed.health().malformed).toBe(6);
    for (const h of histories()) expect(h.candles).toHaveLength(299);
    await live();
  });

  it('fetches the minutes again after a connection lost for more than a minute, not after a short one', async () => {
    const { fake, histories, live, lost, skip } = await setup(() => {}, 200);
    await until(() => histories().length === 6, 'the start backfill');
    await live();
    const minutes = () => fake.candleRequests.filter((r) => r.granularity === 60).length;

    fake.drop();
    await until(() => fake.connections() === 2, 'a short reconnect');
    await live();
    expect(minutes()).toBe(2);

    fake.drop();
    await lost();
    skip(61_000);
    await until(() => minutes() === 4 && histories().length === 8, 'the minutes fetched again');
    expect(
      histories()
        .slice(6)
        .map((h) => h.interval),
    ).toEqual(['1m', '1m']);
  });
});
