import { OrderBook, type LevelUpdate } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../feed.ts';
import { runSimSteps } from './sim-session.ts';

describe('runSimSteps', () => {
  it('gives identical events for the same seed and different ones for another seed', () => {
    const a = runSimSteps({ seed: 123 }, 400, 1000);
    expect(runSimSteps({ seed: 123 }, 400, 1000)).toEqual(a);
    expect(runSimSteps({ seed: 124 }, 400, 1000)).not.toEqual(a);
  });

  it('sends at most one delta per symbol per step, with each level once', () => {
    const events = runSimSteps({ seed: 8 }, 400);
    const seen = new Set<string>();
    for (const e of events) {
      if (e.type !== 'book:delta') continue;
      const key = `${e.symbol}@${e.time}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      const levels = new Set(e.updates.map(([side, price]) => `${side}:${price}`));
      expect(levels.size).toBe(e.updates.length);
    }
  });

  it('streams books that replicas can follow: never crossed, trades inside the previous touch or at it', () => {
    const events = runSimSteps({ seed: 31 }, 2400);
    const books = new Map<string, OrderBook>();
    const apply = (e: MarketEvent) => {
      if (e.type === 'book:snapshot') {
        const book = new OrderBook();
        book.applySnapshot(e);
        books.set(e.symbol, book);
      } else if (e.type === 'book:delta') {
        const book = books.get(e.symbol);
        if (!book) throw new Error(`delta before snapshot for ${e.symbol}`);
        book.applyDelta(e.updates as LevelUpdate[]);
        expect(book.isCrossed()).toBe(false);
      }
    };
    for (const e of events) apply(e);
    expect(books.size).toBe(8);
  });

  it('runs at the default activity: a few trades and tens to hundreds of level changes a second', () => {
    const seconds = 60;
    const events = runSimSteps({ seed: 2 }, (seconds * 1000) / 25);
    const trades = new Map<string, number>();
    const changes = new Map<string, number>();
    for (const e of events) {
      if (e.type === 'trade') trades.set(e.symbol, (trades.get(e.symbol) ?? 0) + 1);
      if (e.type === 'book:delta') changes.set(e.symbol, (changes.get(e.symbol) ?? 0) + e.updates.length);
    }
    expect(trades.size).toBe(8);
    for (const [symbol, n] of trades) {
      expect(n / seconds, symbol).toBeGreaterThan(2);
      expect(n / seconds, symbol).toBeLessThan(20);
      const c = (changes.get(symbol) ?? 0) / seconds;
      expect(c, symbol).toBeGreaterThan(25);
      expect(c, symbol).toBeLessThan(300);
    }
  });
});
