import { makeInstrument } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { specFromIncrements } from '../kit/venue-numbers.ts';
import { combinedStreamUrl, decodeStreamMessage } from './binance-stream.ts';

const btc = makeInstrument(
  specFromIncrements({
    symbol: 'binance:BTCUSDT',
    name: 'BTC/USDT',
    assetClass: 'crypto',
    base: 'BTC',
    quote: 'USDT',
    tickSize: '0.01000000',
    lotSize: '0.00001000',
  }),
);
const decode = (data: object, stream = 'btcusdt@x') =>
  decodeStreamMessage(JSON.stringify({ stream, data }), (venue) => (venue === 'BTCUSDT' ? btc : undefined));
const trade = { e: 'trade', E: 1002, s: 'BTCUSDT', t: 7, p: '64250.01000000', q: '0.50000000', T: 1000, m: true };

describe('Binance stream', () => {
  it('names three lower-case streams per symbol in one combined-stream URL', () => {
    expect(combinedStreamUrl('wss://stream.binance.com:9443/', ['BTCUSDT', 'ETHUSDT'])).toBe(
      'wss://stream.binance.com:9443/stream?streams=' +
        'btcusdt@trade/btcusdt@depth@100ms/btcusdt@ticker/ethusdt@trade/ethusdt@depth@100ms/ethusdt@ticker',
    );
    const many = Array.from({ length: 342 }, (_, i) => `S${i}USDT`);
    expect(() => combinedStreamUrl('ws://x', many)).toThrow(/1026 streams; a connection takes 1024/);
  });

  it('maps a trade whose buyer was the maker to a sell aggressor, at the trade time', () => {
    const event = { type: 'trade', symbol: 'binance:BTCUSDT', time: 1000, price: 6425001, size: 50000 };
    expect(decode({ ...trade, M: true })).toEqual({
      type: 'event',
      venue: 'BTCUSDT',
      event: { ...event, aggressor: 1 },
    });
    expect(decode({ ...trade, m: false })).toEqual({
      type: 'event',
      venue: 'BTCUSDT',
      event: { ...event, aggressor: 0 },
    });
  });

  it('maps 24 h statistics to ticks and lots, at the event time', () => {
    const ticker = {
      e: '24hrTicker',
      E: 5,
      s: 'BTCUSDT',
      o: '64000.00',
      h: '65000.50',
      l: '63000',
      c: '1',
      v: '1234.56789',
    };
    const event = { type: 'ticker', symbol: 'binance:BTCUSDT', time: 5, open: 6400000, high: 6500050, low: 6300000 };
    expect(decode(ticker)).toEqual({ type: 'event', venue: 'BTCUSDT', event: { ...event, volume: 123456789 } });
  });

  it('turns a depth update into a diff of absolute sizes, quantity 0 removing a level', () => {
    const levels = { b: [['64250.00', '0.00000000']], a: [['64250.02', '1.5']] };
    const update = { e: 'depthUpdate', E: 9, s: 'BTCUSDT', U: 10, u: 12, ...levels };
    expect(decode(update)).toEqual({
      type: 'diff',
      venue: 'BTCUSDT',
      diff: {
        first: 10,
        last: 12,
        time: 9,
        updates: [
          [0, 6425000, 0],
          [1, 6425002, 150000],
        ],
      },
    });
  });

  it('says why a message means nothing: bad JSON, wrong shape, unknown symbol, off-grid number', () => {
    expect(decodeStreamMessage('{"stream":', () => btc)).toMatchObject({ type: 'malformed', kind: 'json' });
    expect(decode({ ...trade, p: 64250 })).toMatchObject({ kind: 'schema', detail: expect.stringMatching(/^data\.p/) });
    expect(decode({ ...trade, e: 'kline' })).toMatchObject({ type: 'malformed', kind: 'schema' });
    expect(decodeStreamMessage('{"result":null,"id":1}', () => btc)).toMatchObject({ kind: 'schema' });
    expect(decode({ ...trade, s: 'ETHUSDT' })).toMatchObject({ kind: 'symbol', detail: 'ETHUSDT was not subscribed' });
    const offGrid = decode({ ...trade, p: '64250.005' });
    expect(offGrid).toMatchObject({ kind: 'number', detail: expect.stringMatching(/^BTCUSDT trade: price/) });
    // Which symbol, and whether its book lost a change: the feed checks that symbol's filters.
    expect(offGrid).toMatchObject({ venue: 'BTCUSDT', depth: false });
    const offGridDepth = { e: 'depthUpdate', E: 9, s: 'BTCUSDT', U: 10, u: 12, b: [['1.001', '1']], a: [] };
    expect(decode(offGridDepth)).toMatchObject({ kind: 'number', venue: 'BTCUSDT', depth: true });
  });
});
