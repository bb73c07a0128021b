import { performance } from 'node:perf_hooks';
import type { MarketUpdate } from '@tickline/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublishedUpdate } from './fan-out.ts';
import {
  adaptiveDelay,
  BUSY_BATCHING,
  BOOK_CONFLATION,
  CONTENDED,
  FLUSH_DUTY,
  type FlushObserver,
  flushDuty,
  MIN_FLUSH_GAP_MS,
  startFlushLoop,
  UNCONTENDED_FLUSH_DUTY,
} from './flush-loop.ts';

/** A hub with one symbol whose every flush is a fresh update, or a throw when told to. */
function fakeHub() {
  let seq = 0;
  const hub = {
    failNext: false,
    flush(time: number): MarketUpdate[] {
      if (hub.failNext) {
        hub.failNext = false;
        throw new Error('a bug in one flush');
      }
      return [{ symbol: 'A', seq: ++seq, time } as MarketUpdate];
    },
    sidOf: () => 1,
  };
  return hub;
}

function recordingObserver() {
  const seen = { durations: [] as number[], errors: [] as unknown[] };
  const observer: FlushObserver = { duration: (s) => seen.durations.push(s), failed: (e) => seen.errors.push(e) };
  return { observer, seen };
}

describe('startFlushLoop', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('catches a throw in a flush, reports it, and runs the next flush', () => {
    vi.useFakeTimers();
    const hub = fakeHub();
    const { observer, seen } = recordingObserver();
    const published: number[] = [];
    const loop = startFlushLoop(hub, 50, Date.now, (_time, updates) => published.push(updates.length), observer);
    hub.failNext = true;
    vi.advanceTimersByTime(150);
    loop.stop();
    expect(seen.errors).toHaveLength(1);
    expect((seen.errors[0] as Error).message).toBe('a bug in one flush');
    expect(published).toEqual([1, 1]);
    expect(seen.durations).toHaveLength(3);
    expect(seen.durations.every((s) => s >= 0)).toBe(true);
  });

  it('catches a throw in what the flush is handed to (the fan-out, the bus)', () => {
    const hub = fakeHub();
    const { observer, seen } = recordingObserver();
    let calls = 0;
    const sink = (_time: number, _updates: readonly PublishedUpdate[]): void => {
      if (++calls === 1) throw new Error('sink broke');
    };
    const loop = startFlushLoop(hub, 60_000, () => 1000, sink, observer);
    expect(() => loop.flushNow()).not.toThrow();
    loop.flushNow();
    loop.stop();
    expect(seen.errors.map((e) => (e as Error).message)).toEqual(['sink broke']);
    expect(calls).toBe(2);
  });

  it('with fixed pacing, flushes every interval and nowhere else', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const flushedAt: number[] = [];
    const loop = startFlushLoop(fakeHub(), 50, Date.now, () => flushedAt.push(Date.now()));
    const start = Date.now();
    vi.advanceTimersByTime(10);
    loop.changed();
    vi.advanceTimersByTime(90);
    loop.stop();
    expect(flushedAt.map((t) => t - start)).toEqual([50, 100]);
  });

  it('with adaptive pacing, flushes a change at once when flushes are cheap, and an interval after the last flush still', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const flushedAt: number[] = [];
    const loop = startFlushLoop(fakeHub(), { intervalMs: 50, adaptive: true }, Date.now, () =>
      flushedAt.push(Date.now()),
    );
    const start = Date.now();
    vi.advanceTimersByTime(10);
    loop.changed();
    loop.changed(); // a second change before the flush joins it
    vi.advanceTimersByTime(1);
    expect(flushedAt.map((t) => t - start)).toEqual([10]);
    vi.advanceTimersByTime(49);
    expect(flushedAt.map((t) => t - start)).toEqual([10, 60]);
    loop.stop();
    loop.changed();
    vi.advanceTimersByTime(100);
    expect(flushedAt).toHaveLength(2);
  });

  it('with adaptive pacing and a core to itself, leaves a quarter of what a flush cost before the next, stretched', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    // The loop times its flushes with performance.now: here a clock that runs with the fake timers, plus 20 ms of
    // work per flush, all of it on a core (the process never waits for one).
    let work = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => Date.now() + work);
    const flushedAt: number[] = [];
    const pacing = { intervalMs: 50, adaptive: true, cpuClock: () => work };
    const loop = startFlushLoop(fakeHub(), pacing, Date.now, () => {
      flushedAt.push(Date.now());
      work += 20;
    });
    const start = Date.now();
    loop.changed();
    vi.advanceTimersByTime(1);
    loop.changed();
    vi.advanceTimersByTime(30);
    loop.stop();
    // The first at once; it cost 20 ms, two fifths of the interval, so the second waits a quarter of that (the
    // uncontended duty), stretched: 20 × 0.25 × (1 + 4 × 0.4) = 13 ms after it ended.
    expect(flushedAt.map((t) => t - start)).toEqual([0, 13]);
    vi.restoreAllMocks();
  });

  it('with adaptive pacing under load, flushes one interval apart, not further (the interval bounds every wait)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // Each flush costs 30 ms on the loop's clock: waiting as long again after it would space flushes 60 ms apart.
    let work = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => Date.now() + work);
    const flushedAt: number[] = [];
    const pacing = { intervalMs: 50, adaptive: true, cpuClock: () => work };
    const loop = startFlushLoop(fakeHub(), pacing, Date.now, () => {
      flushedAt.push(performance.now());
      work += 30;
    });
    for (let i = 0; i < 100; i++) {
      loop.changed(); // a market that changes all the time
      vi.advanceTimersByTime(1);
    }
    loop.stop();
    const gaps = flushedAt.slice(1).map((t, i) => t - flushedAt[i]!);
    expect(gaps.length).toBeGreaterThan(2);
    expect(gaps.every((g) => g === 50)).toBe(true);
    vi.restoreAllMocks();
  });

  it('conflates book changes in early flushes only: the flush at the interval, and one asked for, take everything', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const conflation: number[] = [];
    const hub = { ...fakeHub(), flush: (_time: number, conflateBookMs = 0) => (conflation.push(conflateBookMs), []) };
    const loop = startFlushLoop(hub, { intervalMs: 50, adaptive: true }, Date.now, () => {});
    vi.advanceTimersByTime(10);
    loop.changed(); // an early flush
    vi.advanceTimersByTime(60); // and the next at the interval
    loop.flushNow();
    loop.stop();
    expect(conflation).toEqual([50 * BOOK_CONFLATION, 0, 0]);
  });

  it('with adaptive pacing, gaps by what a flush cost the process, not by the time it waited for a core', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // Each flush runs 5 ms of its own. The first is followed by the minimum gap (a quarter of 5 ms is less). The
    // second is preempted: 30 ms on the wall clock. Paced on the wall clock, the flush after it would wait a whole
    // interval; paced on its cost, it waits 7 ms (as long as the flush cost, stretched: the process now shares its
    // core, so the contended duty).
    let wall = 0;
    let cpu = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => Date.now() + wall);
    const flushedAt: number[] = [];
    const pacing = { intervalMs: 50, adaptive: true, cpuClock: () => cpu };
    const loop = startFlushLoop(fakeHub(), pacing, Date.now, () => {
      flushedAt.push(performance.now());
      wall += flushedAt.length === 2 ? 30 : 5;
      cpu += 5;
    });
    for (let i = 0; i < 60; i++) {
      loop.changed(); // a market that changes all the time
      vi.advanceTimersByTime(1);
    }
    loop.stop();
    vi.restoreAllMocks();
    const start = flushedAt[0]!;
    expect(flushedAt.slice(0, 4).map((t) => t - start)).toEqual([0, 5 + 4, 9 + 30 + 7, 9 + 30 + 7 + 5 + 7]);
  });
});

describe('flushDuty', () => {
  it('spends more of a core on early flushes while the process has one to itself', () => {
    expect(UNCONTENDED_FLUSH_DUTY).toBe(0.8);
    expect(flushDuty(0)).toBe(UNCONTENDED_FLUSH_DUTY);
    expect(flushDuty(CONTENDED.from)).toBe(UNCONTENDED_FLUSH_DUTY);
  });

  it('falls to the contended duty as flushes wait for a core, and stays there', () => {
    expect(flushDuty((CONTENDED.from + CONTENDED.by) / 2)).toBeCloseTo((UNCONTENDED_FLUSH_DUTY + FLUSH_DUTY) / 2);
    expect(flushDuty(CONTENDED.by)).toBe(FLUSH_DUTY);
    expect(flushDuty(1)).toBe(FLUSH_DUTY);
  });

  it('gives a cheap flush a quarter of its cost as a gap uncontended, all of it contended', () => {
    // 40 ms of a 1,000 ms interval: stretched by 1 + 4 × 0.04.
    expect(adaptiveDelay(100, 100, 40, 1000, flushDuty(0))).toBeCloseTo(40 * 0.25 * 1.16);
    expect(adaptiveDelay(100, 100, 40, 1000, flushDuty(1))).toBeCloseTo(40 * 1.16);
  });
});

describe('adaptiveDelay', () => {
  it('waits about as long as a cheap flush cost after it ended, at least the minimum gap, at most the interval', () => {
    expect(FLUSH_DUTY).toBe(0.5);
    expect(BUSY_BATCHING).toBe(4);
    expect(adaptiveDelay(100, 100, 0, 50)).toBe(MIN_FLUSH_GAP_MS);
    expect(adaptiveDelay(100, 100, 2.5, 50)).toBe(MIN_FLUSH_GAP_MS); // 2.5 × 1.2
    expect(adaptiveDelay(100, 100, 5, 50)).toBe(7); // 5 × 1.4
    expect(adaptiveDelay(106, 100, 5, 50)).toBe(1);
    expect(adaptiveDelay(200, 100, 5, 50)).toBe(0);
    expect(adaptiveDelay(100, 100, 80, 50)).toBe(50);
    expect(adaptiveDelay(0, Number.NEGATIVE_INFINITY, 0, 50)).toBe(0);
  });

  it('stretches the gap as flushes grow costly, to the whole interval from about a third of it', () => {
    expect(adaptiveDelay(100, 100, 10, 50)).toBe(18); // 10 × 1.8: a busy server batches more than it flushes
    expect(adaptiveDelay(100, 100, 12.5, 100)).toBe(18.75); // the same share of a longer interval, the same stretch
    expect(adaptiveDelay(100, 100, 16, 50)).toBeCloseTo(36.48);
    expect(adaptiveDelay(100, 100, 16, 50) + 16).toBeGreaterThan(50); // flush and gap: past the interval's deadline
    expect(adaptiveDelay(100, 100, 20, 50)).toBe(50);
  });
});
