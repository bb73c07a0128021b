import { describe, expect, it } from 'vitest';
import type { Ticks } from '../market/instrument.ts';
import { markPrice } from './mark.ts';

const t = (n: number) => n as Ticks;

describe('markPrice', () => {
  it('is the mid of the touch, a half tick rounded up', () => {
    expect(markPrice(t(100), t(102))).toBe(101);
    expect(markPrice(t(100), t(101))).toBe(101);
  });

  it('falls back to the last trade when a side is empty, and is unknown without either', () => {
    expect(markPrice(null, t(101), t(99))).toBe(99);
    expect(markPrice(t(100), undefined, null)).toBeUndefined();
  });
});
