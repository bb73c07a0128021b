// Binance changing a symbol's filters (PRICE_FILTER tickSize, LOT_SIZE stepSize) while the feed runs, against the
// fake Binance: the feed asks for the symbol's filters once, shows it stale while its values cannot be served
// exactly, never wrong, leaves the other symbols alone, and comes back by itself when the filters fit again.

import { makeInstrument } from '@tickline/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createBinanceFeed } from '../src/feeds/binance/binance-feed.ts';
import type { MarketEvent } from '../src/feeds/feed.ts';
import { silentLogger } from '../src/logger.ts';
import { until, watch } from './support/binance-watch.ts';
import { decimalLevels, startFakeBinance } from './support/fake-binance.ts';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done();
});

async function setup() {
  const fake = await startFakeBinance({ seed: 7 });
  cleanup.push(() => fake.close());
  const lines: string[] = [];
  const feed = await createBinanceFeed({
    symbols: SYMBOLS,
    wsUrl: fake.wsUrl,
    restUrl: fake.restUrl,
    backoff: { baseMs: 10, maxMs: 40 },
    filterCheckBackoff: { baseMs: 10, maxMs: 40 },
    idleTimeoutMs: 5000,
    logger: { ...silentLogger, info: (l) => lines.push(l), warn: (l) => lines.push(l) },
  });
  cleanup.push(() => feed.stop());
  const seen = watch();
  await feed.start(seen.sink);
  // The start's klines land whenever REST answers; the event windows below must not see them arrive.
  await until(() => seen.events.filter((e) => e.type === 'history').length === 6, 'the backfill');
  const live = (s: string) => seen.status(s).at(-1) === 'live';
  const instruments = new Map(feed.symbols.map((spec) => [spec.symbol.slice('binance:'.length), makeInstrument(spec)]));
  /** The feed's book of `symbol` as decimals, comparable with the exchange's whatever grid it is on now. */
  const levels = (symbol: string) => {
    const book = seen.book(symbol);
    return book && decimalLevels(instruments.get(symbol)!, book);
  };
  const sameBook = (symbol: string) => JSON.stringify(levels(symbol)) === JSON.stringify(fake.levels(symbol));
  /** Waits until the feed has read every frame the exchange sent. */
  const delivered = () => until(() => feed.health().messages === fake.framesSent, 'every frame read');
  return { fake, feed, seen, lines, live, sameBook, delivered };
}

const btcTrades = (events: MarketEvent[]) =>
  events.flatMap((e) => (e.type === 'trade' && e.symbol === 'binance:BTCUSDT' ? [{ ...e, type: undefined }] : []));

/** The market events of `symbol` (not status) from index `from` on, up to its next book snapshot. */
function untilNextSnapshot(events: MarketEvent[], symbol: string, from: number): MarketEvent[] {
  const after = events.slice(from).filter((e) => e.symbol === `binance:${symbol}` && e.type !== 'status');
  const rebuilt = after.findIndex((e) => e.type === 'book:snapshot');
  return rebuilt < 0 ? after : after.slice(0, rebuilt);
}

describe('Binance changing filters while the feed runs', () => {
  it('a finer tick: one check, the symbol stale (never wrong), the others live, back when filters fit', async () => {
    const { fake, feed, seen, lines, live, sameBook, delivered } = await setup();
    await until(() => (fake.emit(3), SYMBOLS.every(live)), 'every symbol live');
    const startChecks = fake.exchangeInfoRequests('BTCUSDT');
    const release = fake.holdExchangeInfo();
    fake.setFilters('BTCUSDT', { tickSize: '0.00100000' });
    await until(() => (fake.emit(5), seen.status('BTCUSDT').at(-1) === 'stale'), 'BTCUSDT paused');
    const pausedAt = seen.events.length;
    fake.emit(300); // plenty more values off the grid while the check waits for its answer
    await delivered();
    expect(fake.exchangeInfoRequests('BTCUSDT')).toBe(startChecks + 1);

    release();
    await until(() => lines.some((l) => l.includes('filters changed')), 'the verdict');
    expect(lines.filter((l) => l.includes('filters changed'))).toEqual([
      'binance: BTCUSDT filters changed (tick 0.01 -> 0.001): its values no longer fit the spec served since start ' +
        "(tick 0.01, lot 0.00001), so BTCUSDT is shown stale until the venue's filters fit again or the server " +
        'restarts with the new increments',
    ]);
    const depthRequests = fake.depthRequests;
    fake.emit(300);
    await delivered();
    expect(fake.depthRequests).toBe(depthRequests); // suspended: no snapshot fetched for a book it cannot hold
    expect(live('ETHUSDT')).toBe(true);
    expect(sameBook('ETHUSDT')).toBe(true);
    expect(feed.symbols[0]).toMatchObject({ tickSize: '0.01', pricePrecision: 2 }); // the served spec stands

    const revertedAt = fake.trades.length;
    fake.setFilters('BTCUSDT', { tickSize: '0.01000000' });
    await until(() => (fake.emit(3), SYMBOLS.every(live)), 'BTCUSDT live again');
    fake.emit(200);
    await delivered();
    expect(sameBook('BTCUSDT') && sameBook('ETHUSDT')).toBe(true);
    // Stale, never wrong: no book change reached the hub between the pause and the rebuild, and the only trades
    // since the pause are ones the venue made after its filters fit again.
    expect(untilNextSnapshot(seen.events, 'BTCUSDT', pausedAt).filter((e) => e.type === 'book:delta')).toEqual([]);
    const passed = btcTrades(seen.events.slice(pausedAt));
    const made = fake.trades.slice(revertedAt).filter((t) => t.symbol === 'BTCUSDT');
    expect(passed.length).toBeGreaterThan(0);
    expect(passed).toEqual(made.slice(made.length - passed.length).map((t) => ({ ...t, symbol: 'binance:BTCUSDT' })));
    expect(seen.status('BTCUSDT')).toEqual(['reconnecting', 'live', 'stale', 'live']);
    expect(seen.status('ETHUSDT')).toEqual(['reconnecting', 'live']);
    expect(lines.filter((l) => l.includes('filters changed'))).toHaveLength(2); // one line per change, not per check
    expect(lines.at(-1)).toMatch(/BTCUSDT filters changed \(tick 0\.001 -> 0\.01\): they fit .*; rebuilding its book$/);
  });

  it('a coarser tick, a multiple of the served one: values still fit, no check, the book stays right', async () => {
    const { fake, feed, seen, live, sameBook, delivered } = await setup();
    await until(() => (fake.emit(3), SYMBOLS.every(live)), 'every symbol live');
    const startChecks = fake.exchangeInfoRequests('BTCUSDT');
    await delivered();
    const changedAt = seen.events.length;
    fake.setFilters('BTCUSDT', { tickSize: '0.10000000', stepSize: '0.00010000' });
    // The change dropped the levels off the new grid unannounced: the feed sees a gap and rebuilds, as for any gap.
    await until(() => (fake.emit(3), live('BTCUSDT') && seen.status('BTCUSDT').length === 4), 'the rebuild');
    fake.emit(300);
    await delivered();
    expect(sameBook('BTCUSDT') && sameBook('ETHUSDT')).toBe(true);
    expect(fake.exchangeInfoRequests('BTCUSDT')).toBe(startChecks);
    expect(feed.health()).toMatchObject({ status: 'live', malformed: 0 });
    // Served in the old spec's ticks and lots, exactly: every price a multiple of 10 ticks, every size of 10 lots.
    const since = btcTrades(seen.events.slice(changedAt));
    expect(since.length).toBeGreaterThan(0);
    expect(since.filter((t) => t.price % 10 !== 0 || t.size % 10 !== 0)).toEqual([]);
  });
});
