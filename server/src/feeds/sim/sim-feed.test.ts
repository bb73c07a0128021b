import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MarketEvent } from '../feed.ts';
import { createSimFeed, MAX_CATCH_UP_STEPS } from './sim-feed.ts';
import { runSimSteps } from './sim-session.ts';

const T0 = 1_700_000_000_000;

/** The fake wall clock: Date.now and the timers move together, as when time passes normally. */
function manualClock() {
  return {
    clock: () => Date.now(),
    advance(ms: number) {
      vi.advanceTimersByTime(ms);
    },
    /** The process stalls: the clock jumps and no timer fires meanwhile. */
    stall(ms: number) {
      vi.setSystemTime(Date.now() + ms);
    },
  };
}

describe('createSimFeed', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits a snapshot per symbol before any delta, then trades and deltas', async () => {
    const time = manualClock();
    const feed = createSimFeed({ seed: 1, symbols: ['AAPL', 'EUR/USD'], clock: time.clock });
    expect(feed.id).toBe('sim');
    expect(feed.symbols.map((s) => s.symbol)).toEqual(['AAPL', 'EUR/USD']);
    const events: MarketEvent[] = [];
    await feed.start((e) => events.push(e));
    expect(events.map((e) => [e.type, e.symbol])).toEqual([
      ['book:snapshot', 'AAPL'],
      ['book:snapshot', 'EUR/USD'],
    ]);
    time.advance(5000);
    await feed.stop();
    const types = new Set(events.slice(2).map((e) => e.type));
    expect(types).toEqual(new Set(['trade', 'book:delta']));
    for (const e of events) {
      if (e.type === 'book:snapshot') {
        expect(e.bids.length).toBeGreaterThan(5);
        expect(e.asks.length).toBeGreaterThan(5);
      }
    }
  });

  it('stamps events with virtual time: start plus whole steps, never going back', async () => {
    const time = manualClock();
    const feed = createSimFeed({ seed: 2, symbols: ['MSFT'], clock: time.clock, stepMs: 50 });
    const times: number[] = [];
    await feed.start((e) => times.push(e.time));
    time.advance(3000);
    await feed.stop();
    expect(times[0]).toBe(T0);
    for (let i = 1; i < times.length; i++) {
      expect(((times[i] as number) - T0) % 50).toBe(0);
      expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
    }
    // A quiet step emits nothing, so the last event is at most the last step's time.
    expect(times[times.length - 1]).toBeLessThanOrEqual(T0 + 3000);
    expect(times[times.length - 1]).toBeGreaterThan(T0 + 2500);
  });

  it('produces exactly what the timer-free runner produces for the same seed', async () => {
    const time = manualClock();
    const feed = createSimFeed({ seed: 99, symbols: ['BTC-USD', 'NVDA'], clock: time.clock });
    const events: MarketEvent[] = [];
    await feed.start((e) => events.push(e));
    time.advance(200 * 25);
    await feed.stop();
    expect(events).toEqual(runSimSteps({ seed: 99, symbols: ['BTC-USD', 'NVDA'] }, 200, T0));
  });

  it('catches up a late timer by a bounded number of steps', async () => {
    const time = manualClock();
    const feed = createSimFeed({ seed: 3, symbols: ['AAPL'], clock: time.clock });
    const events: MarketEvent[] = [];
    await feed.start((e) => events.push(e));
    time.advance(25);
    const before = events.length;
    time.stall(60_000);
    time.advance(25);
    await feed.stop();
    const late = events.slice(before).map((e) => e.time);
    const stepsRun = new Set(late).size;
    expect(stepsRun).toBeGreaterThan(0);
    expect(stepsRun).toBeLessThanOrEqual(MAX_CATCH_UP_STEPS);
    // Time skips ahead to the wall clock rather than lagging it forever: the steps run are the latest ones.
    const now = T0 + 60_050;
    expect(Math.max(...late)).toBeLessThanOrEqual(now);
    expect(Math.min(...late)).toBeGreaterThan(now - MAX_CATCH_UP_STEPS * 25);
  });

  it('replays history as past trades before the first snapshot, so charts start full', async () => {
    const feed = createSimFeed({ seed: 4, symbols: ['AAPL'], clock: manualClock().clock, historyMs: 60_000 });
    const events: MarketEvent[] = [];
    await feed.start((e) => events.push(e));
    await feed.stop();
    const snapshotAt = events.findIndex((e) => e.type === 'book:snapshot');
    const history = events.slice(0, snapshotAt);
    expect(history.length).toBeGreaterThan(60);
    expect(history.every((e) => e.type === 'trade' && e.time > T0 - 60_000 && e.time <= T0)).toBe(true);
    expect(history.map((e) => e.time)).toEqual([...history.map((e) => e.time)].sort((a, b) => a - b));
    expect(events.slice(snapshotAt)).toHaveLength(1);
  });

  it('backfills generated candles before the simulated history, joining it at the price the market starts from', async () => {
    const backfill = { minutes: 120, tailSeconds: 600 };
    const options = { seed: 9, symbols: ['BTC-USD', 'AAPL'], historyMs: 90_000, backfill };
    const run = async () => {
      const feed = createSimFeed({ ...options, clock: manualClock().clock });
      const events: MarketEvent[] = [];
      await feed.start((e) => events.push(e));
      await feed.stop();
      return events;
    };
    const events = await run();
    const historyStart = T0 - 90_000;
    const end = Math.floor(historyStart / 60_000) * 60_000;
    for (const symbol of options.symbols) {
      const mine = events.filter((e) => e.symbol === symbol);
      const [minutes, seconds] = mine;
      if (minutes?.type !== 'history' || seconds?.type !== 'history') throw new Error('history comes first');
      expect([minutes.interval, minutes.candles.length, seconds.interval, seconds.candles.length]).toEqual([
        '1m',
        120,
        '1s',
        600,
      ]);
      expect(minutes.candles.at(-1)![0]).toBe(end - 60_000);
      // The first simulated trade is within a few ticks of where the candles closed: no jump at the join.
      const firstTrade = mine.find((e) => e.type === 'trade');
      if (firstTrade?.type !== 'trade') throw new Error(`no trade for ${symbol}`);
      expect(firstTrade.time).toBeGreaterThan(historyStart);
      const close = minutes.candles.at(-1)![4];
      expect(Math.abs(firstTrade.price - close) / close).toBeLessThan(0.001);
    }
    expect(await run()).toEqual(events);
  });

  it('sends nothing once stopped', async () => {
    const time = manualClock();
    const feed = createSimFeed({ seed: 4, clock: time.clock });
    const events: MarketEvent[] = [];
    await feed.start((e) => events.push(e));
    time.advance(1000);
    await feed.stop();
    const count = events.length;
    time.advance(5000);
    expect(events.length).toBe(count);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops mid-step when the sink stops it', async () => {
    const time = manualClock();
    const feed = createSimFeed({ seed: 5, clock: time.clock });
    const events: MarketEvent[] = [];
    await feed.start((e) => {
      events.push(e);
      if (e.type === 'trade') void feed.stop();
    });
    time.advance(2000);
    expect(events[events.length - 1]?.type).toBe('trade');
  });

  it('starts again after a stop with a fresh snapshot', async () => {
    const time = manualClock();
    const feed = createSimFeed({ seed: 6, symbols: ['ETH-USD'], clock: time.clock });
    const events: MarketEvent[] = [];
    await feed.start((e) => events.push(e));
    await expect(feed.start(() => {})).rejects.toThrow(/already started/);
    time.advance(500);
    await feed.stop();
    events.length = 0;
    await feed.start((e) => events.push(e));
    time.advance(500);
    await feed.stop();
    expect(events[0]?.type).toBe('book:snapshot');
    expect(events.length).toBeGreaterThan(1);
  });

  it('rejects an unknown symbol with a message naming it and the known ones', () => {
    expect(() => createSimFeed({ seed: 1, symbols: ['AAPL', 'TSLA'] })).toThrow(
      /unknown symbol "TSLA".*known symbols: BTC-USD, ETH-USD, SOL-USD, AAPL, MSFT, NVDA, EUR\/USD, USD\/JPY/,
    );
  });

  it('rejects a bad rate, step or seed before starting', () => {
    expect(() => createSimFeed({ seed: 1, rate: 0 })).toThrow(/rate/);
    expect(() => createSimFeed({ seed: 1, stepMs: -5 })).toThrow(/stepMs/);
    expect(() => createSimFeed({ seed: 0.5 })).toThrow(/seed/);
  });
});
