import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Lots, Ticks } from './instrument.ts';
import { type AggressorCode, BUY, SELL, type Trade } from './trade.ts';

describe('trades on the wire', () => {
  it('codes a buy as 0 and a sell as 1', () => {
    expect([BUY, SELL]).toEqual([0, 1]);
    expectTypeOf<AggressorCode>().toEqualTypeOf<0 | 1>();
  });

  it('is a tuple of id, price in ticks, size in lots, aggressor and time', () => {
    expectTypeOf<Trade>().toEqualTypeOf<readonly [number, Ticks, Lots, AggressorCode, number]>();
    const typeOnly = (_body: () => void): void => {};
    typeOnly(() => {
      // @ts-expect-error price and size swapped
      const swapped: Trade = [1, 2 as Lots, 100 as Ticks, BUY, 0];
      // @ts-expect-error no aggressor code 2
      const badSide: Trade = [1, 100 as Ticks, 2 as Lots, 2, 0];
      return [swapped, badSide];
    });
  });
});
