// An order checked against its symbol: sizes and prices are decimal strings on the wire, and must land exactly on
// the symbol's lot and tick grid. The order ticket runs the same check before it sends, so a refusal in the ticket
// and one from the server say the same thing.

import type { Instrument, Lots, Ticks } from '../market/instrument.ts';
import type { OrderSide, OrderType, PlaceOrderRequest, TimeInForce } from '../protocol/paper.ts';

export interface CheckedOrder {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  size: Lots;
  /** The limit; undefined for a market order. */
  price: Ticks | undefined;
  /** `ioc` for a market order; `gtc` for a limit order that did not say. */
  tif: TimeInForce;
}

export interface OrderProblem {
  /** The request field at fault. */
  field: 'size' | 'price' | 'tif';
  message: string;
}

export type OrderCheck = { ok: true; order: CheckedOrder } | { ok: false; problem: OrderProblem };

/** Largest size or price count accepted: beyond it, sums of lots or ticks could leave the safe integers. */
const MAX_STEPS = 1e12;

function onGrid(
  decimal: string,
  parse: (d: string) => number,
  field: 'size' | 'price',
  step: string,
  symbol: string,
): number | OrderProblem {
  // Before the grid: a huge number may not even parse to safe integer units, and "too large" is the truth.
  if (Number(decimal) > MAX_STEPS * Number(step)) return { field, message: `${field} ${decimal} is too large` };
  let steps: number;
  try {
    steps = parse(decimal);
  } catch {
    const what = field === 'size' ? 'lot size' : 'tick size';
    return { field, message: `${field} ${decimal} is not a multiple of ${symbol}'s ${what} ${step}` };
  }
  if (!(steps > 0)) return { field, message: `${field} must be more than 0` };
  return steps;
}

export function checkOrder(request: PlaceOrderRequest, instrument: Instrument): OrderCheck {
  const { spec } = instrument;
  const size = onGrid(request.size, instrument.parseSize, 'size', spec.lotSize, spec.symbol);
  if (typeof size !== 'number') return { ok: false, problem: size };
  if (request.type === 'market') {
    if (request.price !== undefined)
      return { ok: false, problem: { field: 'price', message: 'a market order takes no price' } };
    if (request.tif !== undefined && request.tif !== 'ioc')
      return { ok: false, problem: { field: 'tif', message: 'a market order is always ioc' } };
    return {
      ok: true,
      order: {
        symbol: spec.symbol,
        side: request.side,
        type: 'market',
        size: size as Lots,
        price: undefined,
        tif: 'ioc',
      },
    };
  }
  if (request.price === undefined)
    return { ok: false, problem: { field: 'price', message: 'a limit order needs a price' } };
  const price = onGrid(request.price, instrument.parsePrice, 'price', spec.tickSize, spec.symbol);
  if (typeof price !== 'number') return { ok: false, problem: price };
  return {
    ok: true,
    order: {
      symbol: spec.symbol,
      side: request.side,
      type: 'limit',
      size: size as Lots,
      price: price as Ticks,
      tif: request.tif ?? 'gtc',
    },
  };
}
