import { RingBuffer, type ChartMark } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import type { MarketStore } from '../../market/store.ts';
import { chartMarksSelector } from './useChartMarks.ts';

/** A store whose replica keeps `marks` as given (the replica on this branch keeps none). */
const storeWith = (marks: unknown) =>
  ({ replica: () => (marks === undefined ? {} : { marks }) }) as unknown as MarketStore;

describe('chartMarksSelector', () => {
  it('reads a ring buffer of marks, the same array until a mark arrives', () => {
    const ring = new RingBuffer<ChartMark>(4);
    const select = chartMarksSelector('BTC-USD');
    const store = storeWith(ring);
    expect(select(store)).toEqual([]);

    ring.push({ time: 1, label: 'replay restarted' });
    const first = select(store);
    expect(first).toEqual([{ time: 1, label: 'replay restarted' }]);
    expect(select(store)).toBe(first);

    ring.push({ time: 2, label: 'replay restarted' });
    expect(select(store)).toHaveLength(2);
  });

  it('notices a new mark when the ring is full and its size stays the same', () => {
    const ring = new RingBuffer<ChartMark>(1);
    const select = chartMarksSelector('BTC-USD');
    const store = storeWith(ring);
    ring.push({ time: 1, label: 'a' });
    expect(select(store)).toEqual([{ time: 1, label: 'a' }]);
    ring.push({ time: 2, label: 'b' });
    expect(select(store)).toEqual([{ time: 2, label: 'b' }]);
  });

  it('passes an array through, and has no marks when the replica keeps none', () => {
    const marks = [{ time: 1, label: 'a' }];
    expect(chartMarksSelector('BTC-USD')(storeWith(marks))).toBe(marks);
    expect(chartMarksSelector('BTC-USD')(storeWith(undefined))).toEqual([]);
  });
});
