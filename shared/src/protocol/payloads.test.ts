// Type tests for the payloads (checked by `tsc -b shared`), plus the one runtime value.

import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Candle } from '../market/candles.ts';
import type { Lots, Ticks } from '../market/instrument.ts';
import type { LevelUpdate } from '../market/order-book.ts';
import type { Ticker } from '../market/ticker.ts';
import type { Trade } from '../market/trade.ts';
import {
  type Ack,
  type AckError,
  type ErrorCode,
  type MarketUpdate,
  PROTOCOL_VERSION,
  type SubscribeAck,
  type SymbolSnapshot,
} from './payloads.ts';

const typeOnly = (_body: () => void): void => {};

describe('payloads', () => {
  it('is at protocol version 3 (epochs in acks, snapshots and feed:status)', () => {
    expect(PROTOCOL_VERSION).toBe(3);
  });

  it('has a closed set of error codes', () => {
    expectTypeOf<ErrorCode>().toEqualTypeOf<
      | 'invalid_payload'
      | 'unknown_symbol'
      | 'too_many_symbols'
      | 'unavailable'
      | 'rate_limited'
      | 'admin_disabled'
      | 'unauthorized'
      | 'invalid_order'
      | 'unknown_order'
      | 'insufficient_funds'
      | 'market_halted'
      | 'too_many_orders'
      | 'internal'
    >();
    typeOnly(() => {
      // @ts-expect-error not one of the codes
      const bad: AckError = { ok: false, error: { code: 'not_found', message: 'x' } };
      // @ts-expect-error an error carries a message
      const noMessage: AckError = { ok: false, error: { code: 'internal' } };
      return [bad, noMessage];
    });
  });

  it('narrows an ack on ok', () => {
    typeOnly(() => {
      const response = {} as SubscribeAck;
      // @ts-expect-error snapshots exist only once ok is known to be true
      void response.snapshots;
      if (response.ok) expectTypeOf(response.snapshots).toEqualTypeOf<SymbolSnapshot[]>();
      else expectTypeOf(response.error).toEqualTypeOf<{ code: ErrorCode; message: string; retryAfterMs?: number }>();
    });
    expectTypeOf<Ack<{ n: number }>>().toEqualTypeOf<({ ok: true } & { n: number }) | AckError>();
  });

  it('makes every part of a market update optional except its identity and sequence', () => {
    expectTypeOf<Pick<MarketUpdate, 'symbol' | 'seq' | 'time'>>().toEqualTypeOf<{
      symbol: string;
      seq: number;
      time: number;
    }>();
    expectTypeOf<MarketUpdate['book']>().toEqualTypeOf<LevelUpdate[] | undefined>();
    expectTypeOf<MarketUpdate['trades']>().toEqualTypeOf<Trade[] | undefined>();
    expectTypeOf<MarketUpdate['candles']>().toEqualTypeOf<Candle[] | undefined>();
    expectTypeOf<MarketUpdate['ticker']>().toEqualTypeOf<Partial<Ticker> | undefined>();
    const minimal: MarketUpdate = { symbol: 'A', seq: 1, time: 0 };
    expect(minimal.seq).toBe(1);
  });

  it('carries prices as ticks and sizes as lots, not plain numbers', () => {
    typeOnly(() => {
      const price = 100 as Ticks;
      const size = 2 as Lots;
      const ok: MarketUpdate = { symbol: 'A', seq: 1, time: 0, book: [[0, price, size]] };
      // @ts-expect-error size and price swapped
      const swapped: MarketUpdate = { symbol: 'A', seq: 1, time: 0, book: [[0, size, price]] };
      // @ts-expect-error side codes are 0 (bid) and 1 (ask)
      const badSide: MarketUpdate = { symbol: 'A', seq: 1, time: 0, book: [[2, price, size]] };
      // @ts-expect-error plain numbers are not ticks and lots
      const plain: MarketUpdate = { symbol: 'A', seq: 1, time: 0, book: [[0, 100, 2]] };
      return [ok, swapped, badSide, plain];
    });
  });
});
