import { describe, expect, it } from 'vitest';
import { SampleClock, TRAILING_GRACE_MS, type ClockTimers } from './sample-clock.ts';

/** A source that notifies when told, a value to sample, and timers driven by hand. */
function setup(intervalMs = 250) {
  const listeners = new Set<() => void>();
  const source = {
    value: 1,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  let now = 1000;
  const timers: { at: number; callback: () => void }[] = [];
  const fake: ClockTimers = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      timers.splice(timers.indexOf(handle as (typeof timers)[number]), 1);
    },
  };
  const clock = new SampleClock(source, intervalMs, fake);
  const select = (s: typeof source) => s.value;
  return {
    source,
    clock,
    select,
    timers,
    listeners,
    /** The source changes `value` at `t` and notifies. */
    change(value: number, t: number) {
      now = t;
      source.value = value;
      for (const l of Array.from(listeners)) l();
    },
    /** Time passes to `t`, firing the timers due. */
    pass(t: number) {
      now = t;
      for (const timer of timers.filter((x) => x.at <= t)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.callback();
      }
    },
  };
}

describe('SampleClock', () => {
  it('ticks at the first notification a whole interval after the previous tick, and calls its listeners in it', () => {
    const { clock, change } = setup(250);
    const ticks: number[] = [];
    clock.subscribe(() => ticks.push(clock.getTick()));
    change(2, 1000);
    change(3, 1100);
    change(4, 1249);
    expect(ticks).toEqual([1]);
    change(5, 1250);
    expect(ticks).toEqual([1, 2]);
  });

  it('holds a sample between ticks however the source changes, and reads it afresh at the next', () => {
    const { clock, select, change } = setup(250);
    clock.subscribe(() => undefined);
    change(2, 1000);
    expect(clock.sample(select)).toBe(2);
    change(3, 1100);
    expect(clock.sample(select)).toBe(2);
    change(4, 1300);
    expect(clock.sample(select)).toBe(4);
  });

  it('reads a selector it has not seen at once, without waiting for a tick', () => {
    const { clock, select, change } = setup(250);
    clock.subscribe(() => undefined);
    change(2, 1000);
    change(3, 1100);
    expect(clock.sample(select)).toBe(3);
    expect(clock.sample((s) => s.value * 10)).toBe(30);
  });

  it('holds what a read took as the sample of its tick', () => {
    const { clock, select, change } = setup(250);
    clock.subscribe(() => undefined);
    change(2, 1000);
    expect(clock.sample(select)).toBe(2);
    change(3, 1100);
    expect(clock.read(select)).toBe(3);
    expect(clock.sample(select)).toBe(3);
  });

  it('ticks by itself when the source goes quiet with a change not yet sampled', () => {
    const { clock, select, change, pass } = setup(250);
    const ticks: number[] = [];
    clock.subscribe(() => ticks.push(clock.getTick()));
    change(2, 1000);
    expect(clock.sample(select)).toBe(2);
    change(3, 1100);
    pass(1250 + TRAILING_GRACE_MS - 1);
    expect(ticks).toEqual([1]);
    pass(1250 + TRAILING_GRACE_MS);
    expect(ticks).toEqual([1, 2]);
    expect(clock.sample(select)).toBe(3);
  });

  it('leaves the tick to the next notification while the source keeps notifying: no timer fires', () => {
    const { clock, change, timers } = setup(250);
    const ticks: number[] = [];
    clock.subscribe(() => ticks.push(clock.getTick()));
    for (let t = 1000; t <= 2050; t += 50) change(t, t);
    expect(ticks).toEqual([1, 2, 3, 4, 5]);
    // Armed by the notification after the last tick, due only after the grace.
    expect(timers.map((x) => x.at)).toEqual([2000 + 250 + TRAILING_GRACE_MS]);
  });

  it('listens to the source only while someone listens to it', () => {
    const { clock, listeners, change, timers } = setup(250);
    const stop = clock.subscribe(() => undefined);
    const stopToo = clock.subscribe(() => undefined);
    expect(listeners.size).toBe(1);
    change(2, 1000);
    change(3, 1100);
    stop();
    expect(listeners.size).toBe(1);
    stopToo();
    expect(listeners.size).toBe(0);
    expect(timers).toEqual([]);
  });
});
