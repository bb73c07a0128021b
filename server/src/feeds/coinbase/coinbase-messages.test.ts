import { describe, expect, it } from 'vitest';
import { parseCoinbaseMessage, productsNamed, subscriptionRequest } from './coinbase-messages.ts';

// Examples in the shapes of Coinbase Exchange's websocket documentation.
const documented = {
  subscriptions: { type: 'subscriptions', channels: [{ name: 'level2_batch', product_ids: ['ETH-USD', 'ETH-EUR'] }] },
  error: { type: 'error' as const, message: 'Failed to subscribe', reason: 'BTC-XYZ is not a valid product' },
  snapshot: {
    type: 'snapshot',
    product_id: 'BTC-USD',
    bids: [['10101.10', '0.45054140']],
    asks: [['10102.55', '0.57753524']],
  },
  l2update: {
    type: 'l2update',
    product_id: 'BTC-USD',
    time: '2019-08-14T20:42:27.265Z',
    changes: [['buy', '10101.80000000', '0.162567']],
  },
  match: {
    type: 'match',
    trade_id: 10,
    sequence: 50,
    maker_order_id: 'ac928c66-ca53-498f-9c13-a110027a60e8',
    taker_order_id: '132fb6ae-456b-4654-b4e0-d681ac05cea1',
    time: '2014-11-07T08:19:27.028459Z',
    product_id: 'BTC-USD',
    size: '5.23512',
    price: '400.23',
    side: 'sell',
  },
  ticker: {
    type: 'ticker',
    sequence: 37475248783,
    product_id: 'ETH-USD',
    price: '1285.22',
    open_24h: '1310.79',
    volume_24h: '245532.79269678',
    low_24h: '1280.52',
    high_24h: '1313.8',
    volume_30d: '9788783.60117027',
    best_bid: '1285.04',
    best_bid_size: '0.46688654',
    best_ask: '1285.27',
    best_ask_size: '1.56637040',
    side: 'buy',
    time: '2022-10-19T23:28:22.061769Z',
    trade_id: 370843401,
    last_size: '11.4396987',
  },
  heartbeat: {
    type: 'heartbeat',
    sequence: 90,
    last_trade_id: 20,
    product_id: 'BTC-USD',
    time: '2014-11-07T08:19:28.464459Z',
  },
};

describe('parseCoinbaseMessage', () => {
  it('reads every documented message we use', () => {
    for (const [type, example] of Object.entries(documented)) {
      const parsed = parseCoinbaseMessage(JSON.stringify(example));
      expect(parsed, type).toMatchObject({ kind: 'message', message: { type } });
    }
    const last = parseCoinbaseMessage(JSON.stringify({ ...documented.match, type: 'last_match' }));
    expect(last).toMatchObject({ kind: 'message', message: { type: 'last_match', trade_id: 10 } });
  });

  it('reads the ticker sent on subscribe, which has no trade fields', () => {
    const { time: _t, trade_id: _id, last_size: _s, ...state } = documented.ticker;
    expect(parseCoinbaseMessage(JSON.stringify(state)).kind).toBe('message');
  });

  it('skips message types it did not ask for without calling them malformed', () => {
    expect(parseCoinbaseMessage('{"type":"status","products":[]}')).toEqual({ kind: 'ignored', type: 'status' });
  });

  it.each([
    ['not JSON', '{"type": "l2upd'],
    ['no type', '{"product_id": "BTC-USD"}'],
    ['a number for a price', JSON.stringify({ ...documented.match, price: 400.23 })],
    ['a negative size', JSON.stringify({ ...documented.snapshot, bids: [['1.00', '-2']] })],
    ['an unknown side', JSON.stringify({ ...documented.l2update, changes: [['bid', '1.00', '2']] })],
    ['a missing trade id', JSON.stringify({ ...documented.heartbeat, last_trade_id: undefined })],
  ])('calls a message with %s malformed', (_what, text) => {
    expect(parseCoinbaseMessage(text).kind).toBe('malformed');
  });
});

describe('subscription requests', () => {
  it('ask for the four channels of the given products', () => {
    expect(JSON.parse(subscriptionRequest('subscribe', ['BTC-USD', 'ETH-USD']))).toEqual({
      type: 'subscribe',
      product_ids: ['BTC-USD', 'ETH-USD'],
      channels: ['ticker', 'level2_batch', 'matches', 'heartbeat'],
    });
  });
});

describe('productsNamed', () => {
  it('finds the products an error names, and not their prefixes', () => {
    expect(productsNamed(documented.error, ['BTC-USD', 'BTC-XYZ'])).toEqual(['BTC-XYZ']);
    expect(productsNamed({ type: 'error', message: 'BTC-USDT is not a valid product' }, ['BTC-USD'])).toEqual([]);
    expect(productsNamed({ type: 'error', message: 'Internal error' }, ['BTC-USD'])).toEqual([]);
  });
});
