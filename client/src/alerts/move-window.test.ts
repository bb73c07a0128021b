import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoveWindow } from './move-window.ts';

describe('MoveWindow', () => {
  it('is empty until a price arrives', () => {
    const window = new MoveWindow(1000);
    expect(window.low()).toBeUndefined();
    expect(window.high()).toBeUndefined();
  });

  it('forgets prices older than the window, keeping ones exactly at its edge', () => {
    const window = new MoveWindow(1000);
    window.add(0, 50);
    window.add(500, 200);
    window.add(1000, 100);
    expect([window.low(), window.high()]).toEqual([50, 200]);
    window.add(1001, 120);
    expect([window.low(), window.high()]).toEqual([100, 200]);
    window.add(1600, 110);
    expect([window.low(), window.high()]).toEqual([100, 120]);
  });

  it('clear starts again from nothing', () => {
    const window = new MoveWindow(1000);
    window.add(0, 50);
    window.clear();
    window.add(10, 70);
    expect([window.low(), window.high()]).toEqual([70, 70]);
  });

  it('always answers the brute-force low and high of the prices within the window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 1000 })), { maxLength: 300 }),
        (windowMs, steps) => {
          const window = new MoveWindow(windowMs);
          const seen: [number, number][] = [];
          let time = 0;
          for (const [dt, price] of steps) {
            time += dt;
            window.add(time, price);
            seen.push([time, price]);
            const inWindow = seen.filter(([t]) => t >= time - windowMs).map(([, p]) => p);
            expect(window.low()).toBe(Math.min(...inWindow));
            expect(window.high()).toBe(Math.max(...inWindow));
          }
        },
      ),
    );
  });
});
