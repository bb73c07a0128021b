import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.ts';

const filled = (capacity: number, items: number[]): RingBuffer<number> => {
  const buffer = new RingBuffer<number>(capacity);
  for (const item of items) buffer.push(item);
  return buffer;
};

describe('RingBuffer', () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a capacity of %s', (capacity) => {
    expect(() => new RingBuffer(capacity)).toThrow(RangeError);
  });

  it('starts empty', () => {
    const buffer = new RingBuffer<number>(3);
    expect(buffer.size).toBe(0);
    expect(buffer.capacity).toBe(3);
    expect(buffer.last()).toBeUndefined();
    expect(buffer.at(0)).toBeUndefined();
    expect(buffer.at(-1)).toBeUndefined();
    expect(buffer.toArray()).toEqual([]);
  });

  it('keeps items oldest first until it is full', () => {
    const buffer = filled(3, [1, 2]);
    expect(buffer.size).toBe(2);
    expect(buffer.toArray()).toEqual([1, 2]);
    expect(buffer.at(0)).toBe(1);
    expect(buffer.last()).toBe(2);
  });

  it('overwrites the oldest item once full and never grows past capacity', () => {
    const buffer = filled(3, [1, 2, 3, 4, 5]);
    expect(buffer.size).toBe(3);
    expect(buffer.toArray()).toEqual([3, 4, 5]);
    expect(buffer.at(0)).toBe(3);
    expect(buffer.last()).toBe(5);
  });

  it('indexes from the oldest, and from the newest with negative indexes, across the wrap', () => {
    const buffer = filled(4, [1, 2, 3, 4, 5, 6]);
    expect([0, 1, 2, 3].map((i) => buffer.at(i))).toEqual([3, 4, 5, 6]);
    expect([-1, -2, -3, -4].map((i) => buffer.at(i))).toEqual([6, 5, 4, 3]);
    expect(buffer.at(4)).toBeUndefined();
    expect(buffer.at(-5)).toBeUndefined();
  });

  it('replaces the newest item in place, also after wrapping', () => {
    const buffer = filled(3, [1, 2, 3, 4]);
    buffer.replaceLast(40);
    expect(buffer.toArray()).toEqual([2, 3, 40]);
    expect(buffer.size).toBe(3);
  });

  it('refuses to replace the newest item of an empty buffer', () => {
    expect(() => new RingBuffer<number>(2).replaceLast(1)).toThrow(RangeError);
  });

  it('returns the newest n items oldest first', () => {
    const buffer = filled(5, [1, 2, 3, 4, 5, 6, 7]);
    expect(buffer.toArray(2)).toEqual([6, 7]);
    expect(buffer.toArray(5)).toEqual([3, 4, 5, 6, 7]);
    expect(buffer.toArray(50)).toEqual([3, 4, 5, 6, 7]);
    expect(buffer.toArray(0)).toEqual([]);
  });

  it('returns a copy that later pushes do not change', () => {
    const buffer = filled(2, [1, 2]);
    const copy = buffer.toArray();
    buffer.push(3);
    expect(copy).toEqual([1, 2]);
  });

  it('is empty and reusable after clear', () => {
    const buffer = filled(3, [1, 2, 3, 4]);
    buffer.clear();
    expect(buffer.size).toBe(0);
    expect(buffer.last()).toBeUndefined();
    expect(buffer.toArray()).toEqual([]);
    buffer.push(9);
    expect(buffer.toArray()).toEqual([9]);
  });

  it('behaves like an array that keeps only its newest capacity items', () => {
    type Op = { kind: 'push'; value: number } | { kind: 'replaceLast'; value: number } | { kind: 'clear' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 8, arbitrary: fc.record({ kind: fc.constant('push' as const), value: fc.integer() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('replaceLast' as const), value: fc.integer() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(op, { maxLength: 60 }),
        fc.integer({ min: -10, max: 10 }),
        (capacity, ops, probe) => {
          const buffer = new RingBuffer<number>(capacity);
          let model: number[] = [];
          for (const o of ops) {
            if (o.kind === 'push') {
              buffer.push(o.value);
              model.push(o.value);
              if (model.length > capacity) model.shift();
            } else if (o.kind === 'replaceLast') {
              if (model.length === 0) {
                expect(() => buffer.replaceLast(o.value)).toThrow(RangeError);
              } else {
                buffer.replaceLast(o.value);
                model[model.length - 1] = o.value;
              }
            } else {
              buffer.clear();
              model = [];
            }
            expect(buffer.size).toBe(model.length);
            expect(buffer.toArray()).toEqual(model);
            expect(buffer.last()).toBe(model.at(-1));
            expect(buffer.at(probe)).toBe(model.at(probe));
            const n = Math.abs(probe);
            expect(buffer.toArray(n)).toEqual(n === 0 ? [] : model.slice(-n));
          }
        },
      ),
    );
  });
});
