import { describe, expect, it } from 'vitest';
import { CoreWaitMeter } from './core-wait.ts';

describe('CoreWaitMeter', () => {
  it('is 0 before any flush, and while flushes use a core for as long as they take', () => {
    const meter = new CoreWaitMeter();
    expect(meter.share()).toBe(0);
    for (let t = 10; t < 1000; t += 10) meter.add(t, 3, 3);
    expect(meter.share()).toBe(0);
  });

  it('is the share of the flushes’ wall time that was not CPU time, weighted by how long each flush took', () => {
    const meter = new CoreWaitMeter();
    meter.add(10, 4, 4); // used a core throughout
    meter.add(10, 6, 2); // preempted for 4 of its 6 ms
    expect(meter.share()).toBeCloseTo(4 / 10);
  });

  it('counts no negative wait when other threads made the CPU time longer than the wall time', () => {
    const meter = new CoreWaitMeter();
    meter.add(10, 5, 9);
    meter.add(10, 5, 5);
    expect(meter.share()).toBe(0);
  });

  it('forgets old flushes within a few seconds: a spell of contention passes', () => {
    const meter = new CoreWaitMeter();
    for (let t = 0; t < 1000; t += 20) meter.add(t, 10, 5);
    expect(meter.share()).toBeCloseTo(0.5);
    for (let t = 1000; t < 4000; t += 20) meter.add(t, 10, 10);
    expect(meter.share()).toBeLessThan(0.05);
    for (let t = 4000; t < 4500; t += 20) meter.add(t, 10, 5);
    expect(meter.share()).toBeGreaterThan(0.2);
  });
});
