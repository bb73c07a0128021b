// The busy market's start (pure, no timer runs): with a backfill, the sim's generated candles come first and end
// where the market stands, at the minute its replayed history starts in, as under `npm start`.

import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKFILL, type MarketEvent } from '@tickline/server';
import { createBusyMarketFeed } from './busy-market-feed.ts';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 28, 12, 34, 56, 789);

async function startEvents(backfill?: typeof DEFAULT_BACKFILL): Promise<MarketEvent[]> {
  const feed = createBusyMarketFeed({
    symbols: 3,
    ratePerSecond: 20,
    seed: 42,
    historyMs: 10 * MINUTE,
    backfill,
    clock: () => NOW,
  });
  const events: MarketEvent[] = [];
  await feed.start((e) => void events.push(e));
  await feed.stop();
  return events;
}

describe('the busy market with a backfill', () => {
  it("sends npm start's two days of 1m and last hour of 1s per symbol, ending where the market stands", async () => {
    const events = await startEvents(DEFAULT_BACKFILL);
    const end = Math.floor((NOW - 10 * MINUTE) / MINUTE) * MINUTE;
    for (const symbol of ['SYN-00', 'SYN-01', 'SYN-02']) {
      const own = events.filter((e) => e.symbol === symbol);
      const history = own.filter((e) => e.type === 'history');
      expect(history.map((e) => [e.interval, e.candles.length, e.time])).toEqual([
        ['1m', DEFAULT_BACKFILL.minutes, end],
        ['1s', DEFAULT_BACKFILL.tailSeconds, end],
      ]);
      // Before the symbol's first trade, so the hub seeds its history with them.
      expect(own.findIndex((e) => e.type === 'history')).toBeLessThan(own.findIndex((e) => e.type === 'trade'));
      const minutes = history[0]!.type === 'history' ? history[0]!.candles : [];
      expect(minutes[0]![0]).toBe(end - DEFAULT_BACKFILL.minutes * MINUTE);
      expect(minutes.at(-1)![0]).toBe(end - MINUTE);
      // The last close is the market's price when the replayed trades begin: its first trade is at most a few ticks
      // away (one step of the replay's walk plus the half spread).
      const firstTrade = own.find((e) => e.type === 'trade');
      const close = minutes.at(-1)![4];
      expect(firstTrade?.type === 'trade' && Math.abs(firstTrade.price - close)).toBeLessThanOrEqual(4);
    }
  });

  it('sends no candles without one, and the same market either way', async () => {
    const without = await startEvents();
    expect(without.some((e) => e.type === 'history')).toBe(false);
    const withBackfill = (await startEvents(DEFAULT_BACKFILL)).filter((e) => e.type !== 'history');
    expect(withBackfill).toEqual(without);
  });
});
