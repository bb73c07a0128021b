import type { MarketUpdate } from '@tickline/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublishedUpdate } from './fan-out.ts';
import { type FlushObserver, startFlushLoop } from './flush-loop.ts';

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
});
