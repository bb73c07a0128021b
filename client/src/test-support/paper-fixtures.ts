// Paper accounts, orders, positions and fills for tests, as the server sends them (decimal strings).

import type { PaperAccount, PaperFill, PaperOrder, PaperPosition } from '@tickline/shared';
import { T0 } from './fixtures.ts';

export function paperOrder(fields: Partial<PaperOrder> = {}): PaperOrder {
  return {
    id: 'o-1',
    symbol: 'BTC-USD',
    side: 'buy',
    type: 'limit',
    tif: 'gtc',
    size: '0.5000',
    price: '64000.00',
    filled: '0.0000',
    averagePrice: null,
    status: 'open',
    createdAt: T0,
    updatedAt: T0,
    ...fields,
  };
}

export function paperFill(fields: Partial<PaperFill> = {}): PaperFill {
  return {
    orderId: 'o-1',
    symbol: 'BTC-USD',
    side: 'buy',
    price: '64000.00',
    size: '0.5000',
    fee: '0.00',
    liquidity: 'taker',
    time: T0,
    printed: true,
    ...fields,
  };
}

export function paperPosition(fields: Partial<PaperPosition> = {}): PaperPosition {
  return {
    symbol: 'BTC-USD',
    size: '0.5000',
    cost: '32000.00',
    averagePrice: '64000.00',
    mark: '64100.00',
    marketValue: '32050.00',
    unrealizedPnl: '50.00',
    realizedPnl: '0.00',
    ...fields,
  };
}

/** A fresh account of 100 000 USD, changed by `fields`. */
export function paperAccount(fields: Partial<PaperAccount> = {}): PaperAccount {
  return {
    id: 'acct-1',
    currency: 'USD',
    startingCash: '100000.00',
    cash: '100000.00',
    available: '100000.00',
    equity: '100000.00',
    realizedPnl: '0.00',
    unrealizedPnl: '0.00',
    fees: '0.00',
    positions: [],
    openOrders: [],
    fills: [],
    time: T0,
    ...fields,
  };
}
