import type { Lots, SymbolSpec, Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../feeds/feed.ts';
import { MarketHub } from './market-hub.ts';

const spec = (symbol: string): SymbolSpec => ({
  symbol,
  name: symbol,
  assetClass: 'equity',
  base: symbol,
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  pricePrecision: 2,
  sizePrecision: 0,
});

function hubAt(now: { t: number }): MarketHub {
  const hub = new MarketHub(
    {
      depth: 5,
      tradeHistory: 50,
      candleIntervalMs: 1000,
      candleHistory: 20,
      maxTradesPerUpdate: 5,
      staleAfterMs: 60_000,
    },
    () => now.t,
  );
  hub.addSymbols([spec('A'), spec('B')]);
  return hub;
}

const level = (symbol: string, price: number, size: number): MarketEvent => ({
  type: 'book:delta',
  symbol,
  time: 0,
  updates: [[0, price as Ticks, size as Lots]],
});
const trade = (symbol: string, time: number): MarketEvent => ({
  type: 'trade',
  symbol,
  time,
  price: 100 as Ticks,
  size: 1 as Lots,
  aggressor: 0,
});
const symbols = (updates: readonly { symbol: string }[]) => updates.map((u) => u.symbol);

describe('MarketHub.flush with book conflation', () => {
  it("leaves a symbol's book changes for later while its last update is recent, and sends them all together", () => {
    const now = { t: 1000 };
    const hub = hubAt(now);
    hub.ingest(level('A', 99, 5));
    hub.ingest(level('B', 98, 5));
    expect(symbols(hub.flush(1000, 25))).toEqual(['A', 'B']);

    hub.ingest(level('A', 99, 6));
    hub.ingest(level('A', 97, 2));
    expect(hub.flush(1010, 25)).toEqual([]);
    hub.ingest(level('A', 96, 1));
    expect(hub.flush(1020, 25)).toEqual([]);
    // Past the window, or in a flush without conflation, everything pending goes in one update.
    const [update] = hub.flush(1025, 25);
    expect(update?.symbol).toBe('A');
    expect(update?.book).toHaveLength(3);
  });

  it('sends at once what is not only book changes, and the book changes with it', () => {
    const now = { t: 1000 };
    const hub = hubAt(now);
    hub.ingest(level('A', 99, 5));
    hub.flush(1000, 25);
    hub.ingest(level('A', 99, 6));
    hub.ingest(trade('A', 1005));
    const [update] = hub.flush(1005, 25);
    expect(update?.trades).toHaveLength(1);
    expect(update?.book).toEqual([[0, 99, 6]]);
  });

  it('sends a quiet book at once, and everything in a flush without conflation', () => {
    const now = { t: 1000 };
    const hub = hubAt(now);
    hub.ingest(level('A', 99, 5));
    hub.flush(1000, 25);
    // B has not been sent for longer than the window (never): its first change goes at once.
    hub.ingest(level('B', 98, 5));
    hub.ingest(level('A', 99, 6));
    expect(symbols(hub.flush(1010, 25))).toEqual(['B']);
    expect(symbols(hub.flush(1011))).toEqual(['A']);
    expect(hub.flush(1012)).toEqual([]);
  });
});
