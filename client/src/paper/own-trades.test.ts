import { BUY, makeInstrument, SELL } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { BTC, T0, trade } from '../test-support/fixtures.ts';
import { paperFill } from '../test-support/paper-fixtures.ts';
import { MATCH_WINDOW_MS, ownTradeIds } from './own-trades.ts';

const btc = makeInstrument(BTC);
// 0.5 BTC at 64,000.00.
const PRICE = 6_400_000;
const SIZE = 5_000;
const own = (trades: Parameters<typeof ownTradeIds>[2], fills: Parameters<typeof ownTradeIds>[3]) => [
  ...ownTradeIds('BTC-USD', btc, trades, fills),
];

describe('the viewer’s own trades in the tape', () => {
  it('is the trade with the fill’s price, size and side, near its time', () => {
    const trades = [
      trade(1, PRICE, SIZE, BUY, T0 + 40),
      trade(2, PRICE + 1, SIZE, BUY, T0),
      trade(3, PRICE, 1, BUY, T0),
    ];
    expect(own(trades, [paperFill({ time: T0 })])).toEqual([1]);
  });

  it('takes the aggressor from the fill’s side when it took liquidity, the other side when it rested', () => {
    const trades = [trade(1, PRICE, SIZE, SELL, T0), trade(2, PRICE, SIZE, BUY, T0 + 1)];
    expect(own(trades, [paperFill({ side: 'sell', liquidity: 'taker' })])).toEqual([1]);
    expect(own(trades, [paperFill({ side: 'buy', liquidity: 'maker' })])).toEqual([1]);
    expect(own(trades, [paperFill({ side: 'sell', liquidity: 'maker' })])).toEqual([2]);
  });

  it('ignores trades too far from the fill in time', () => {
    const trades = [
      trade(1, PRICE, SIZE, BUY, T0 - MATCH_WINDOW_MS - 1),
      trade(2, PRICE, SIZE, BUY, T0 + MATCH_WINDOW_MS + 1),
    ];
    expect(own(trades, [paperFill({ time: T0 })])).toEqual([]);
    expect(own([trade(3, PRICE, SIZE, BUY, T0 + MATCH_WINDOW_MS)], [paperFill({ time: T0 })])).toEqual([3]);
  });

  it('lets each fill claim one trade, the nearest, so equal trades are told apart by count', () => {
    const trades = [
      trade(1, PRICE, SIZE, BUY, T0 - 900),
      trade(2, PRICE, SIZE, BUY, T0 + 10),
      trade(3, PRICE, SIZE, BUY, T0 + 500),
    ];
    expect(own(trades, [paperFill({ time: T0 })])).toEqual([2]);
    expect(own(trades, [paperFill({ time: T0 }), paperFill({ time: T0 + 5 })]).sort()).toEqual([2, 3]);
  });

  it('marks nothing for fills that did not print, of another symbol, or off the grid', () => {
    const trades = [trade(1, PRICE, SIZE, BUY, T0)];
    expect(own(trades, [paperFill({ printed: false })])).toEqual([]);
    expect(own(trades, [paperFill({ symbol: 'ETH-USD' })])).toEqual([]);
    expect(own(trades, [paperFill({ price: '64000.001' })])).toEqual([]);
  });
});
