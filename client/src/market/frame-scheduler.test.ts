import { afterEach, describe, expect, it, vi } from 'vitest';
import { immediately, manualScheduler, nextAnimationFrame, timedScheduler } from './frame-scheduler.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  performance.clearMeasures();
});

describe('frame schedulers', () => {
  it('nextAnimationFrame waits for the next animation frame', () => {
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    const ran = vi.fn();
    nextAnimationFrame(ran);
    expect(ran).not.toHaveBeenCalled();
    frames.forEach((f) => f());
    expect(ran).toHaveBeenCalledOnce();
  });

  it('nextAnimationFrame falls back to a timer where there are no frames (Node)', () => {
    vi.stubGlobal('requestAnimationFrame', undefined);
    vi.useFakeTimers();
    const ran = vi.fn();
    nextAnimationFrame(ran);
    expect(ran).not.toHaveBeenCalled();
    vi.advanceTimersByTime(16);
    expect(ran).toHaveBeenCalledOnce();
  });

  it('immediately runs the callback in the same turn', () => {
    const ran = vi.fn();
    immediately(ran);
    expect(ran).toHaveBeenCalledOnce();
  });

  it('timedScheduler runs through its scheduler and records one measure per notification', async () => {
    const manual = manualScheduler();
    const order: string[] = [];
    const timed = timedScheduler(manual.schedule, 'test:notify');
    timed(() => {
      order.push('callback');
      queueMicrotask(() => order.push('render'));
    });
    expect(order).toEqual([]);
    expect(manual.flush()).toBe(1);
    expect(order).toEqual(['callback']);
    await Promise.resolve();
    await Promise.resolve();
    expect(order).toEqual(['callback', 'render']);
    expect(performance.getEntriesByName('test:notify')).toHaveLength(1);
  });
});
