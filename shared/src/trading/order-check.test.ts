import { describe, expect, it } from 'vitest';
import { makeInstrument } from '../market/instrument.ts';
import type { PlaceOrderRequest } from '../protocol/paper.ts';
import { placeOrderRequestSchema } from '../protocol/schemas.ts';
import { checkOrder } from './order-check.ts';

const btc = makeInstrument({
  symbol: 'BTC-USD',
  name: 'Bitcoin',
  assetClass: 'crypto',
  base: 'BTC',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '0.0001',
  pricePrecision: 2,
  sizePrecision: 4,
});
const order = (o: Partial<PlaceOrderRequest>): PlaceOrderRequest => ({
  symbol: 'BTC-USD',
  side: 'buy',
  type: 'limit',
  size: '0.05',
  price: '64250.50',
  ...o,
});

describe('checkOrder', () => {
  it('turns sizes and prices on the grid into lots and ticks, with the default time in force', () => {
    expect(checkOrder(order({}), btc)).toEqual({
      ok: true,
      order: { symbol: 'BTC-USD', side: 'buy', type: 'limit', size: 500, price: 6_425_050, tif: 'gtc' },
    });
    expect(checkOrder(order({ type: 'market', price: undefined, side: 'sell' }), btc)).toEqual({
      ok: true,
      order: { symbol: 'BTC-USD', side: 'sell', type: 'market', size: 500, price: undefined, tif: 'ioc' },
    });
  });

  it('names the field and the grid it misses', () => {
    expect(checkOrder(order({ size: '0.00005' }), btc)).toEqual({
      ok: false,
      problem: { field: 'size', message: "size 0.00005 is not a multiple of BTC-USD's lot size 0.0001" },
    });
    expect(checkOrder(order({ price: '64250.505' }), btc)).toEqual({
      ok: false,
      problem: { field: 'price', message: "price 64250.505 is not a multiple of BTC-USD's tick size 0.01" },
    });
    expect(checkOrder(order({ size: '0' }), btc)).toMatchObject({ ok: false, problem: { field: 'size' } });
    expect(checkOrder(order({ price: '0.00' }), btc)).toMatchObject({ ok: false, problem: { field: 'price' } });
    expect(checkOrder(order({ size: '999999999999' }), btc)).toMatchObject({
      ok: false,
      problem: { field: 'size', message: 'size 999999999999 is too large' },
    });
    expect(checkOrder(order({ price: undefined }), btc)).toMatchObject({ ok: false, problem: { field: 'price' } });
    expect(checkOrder(order({ type: 'market', price: undefined, tif: 'gtc' }), btc)).toMatchObject({
      ok: false,
      problem: { field: 'tif' },
    });
  });
});

describe('the order:place schema', () => {
  const parse = (input: unknown) => placeOrderRequestSchema.safeParse(input);

  it('accepts a limit and a market order', () => {
    expect(parse(order({})).success).toBe(true);
    expect(parse({ symbol: 'BTC-USD', side: 'sell', type: 'market', size: '1' }).success).toBe(true);
  });

  it('refuses numbers for sizes, negative or exponent decimals, unknown fields and mismatched types', () => {
    for (const bad of [
      { ...order({}), size: 0.05 },
      order({ size: '-1' }),
      order({ size: '1e3' }),
      order({ price: undefined }),
      { ...order({}), leverage: 10 },
      order({ type: 'market' }),
      order({ side: 'long' as 'buy' }),
      order({ tif: 'fok' as 'gtc' }),
    ]) {
      expect(parse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
