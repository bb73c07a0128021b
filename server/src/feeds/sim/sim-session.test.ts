import { OrderBook, type LevelUpdate } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../feed.ts';
import { createSimSession, runSimSteps } from './sim-session.ts';

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

describe('scenarios in a session', () => {
  it('announces a halt and the reopening with status events, and sends nothing else of the symbol between', () => {
    const session = createSimSession({ seed: 4, symbols: ['NVDA', 'AAPL'] });
    const events: MarketEvent[] = [];
    const sink = (e: MarketEvent) => events.push(e);
    let time = 0;
    const steps = (n: number) => {
      for (let i = 0; i < n; i++) session.step((time += session.stepMs), sink);
    };
    session.snapshot(time, sink);
    steps(40);
    session.scenario({ symbol: 'NVDA', kind: 'halt', size: 0, durationMs: 0 });
    events.length = 0;
    steps(200);
    const nvda = events.filter((e) => e.symbol === 'NVDA');
    expect(nvda).toEqual([{ type: 'status', symbol: 'NVDA', time: session.stepMs * 41, status: 'halted' }]);
    expect(events.some((e) => e.symbol === 'AAPL' && e.type === 'trade')).toBe(true);

    session.scenario({ symbol: 'NVDA', kind: 'resume', size: 0, durationMs: 0 });
    events.length = 0;
    steps(200);
    expect(events.find((e) => e.symbol === 'NVDA')).toMatchObject({ type: 'status', status: 'live' });
    expect(events.filter((e) => e.symbol === 'NVDA' && e.type === 'trade').length).toBeGreaterThan(0);
  });

  it('refuses a symbol it does not run', () => {
    const session = createSimSession({ seed: 4, symbols: ['NVDA'] });
    expect(() => session.scenario({ symbol: 'AAPL', kind: 'halt', size: 0, durationMs: 0 })).toThrow(
      'the simulator does not run AAPL',
    );
  });
});
