import { ASK, BID, BUY, makeInstrument, SELL, type Lots, type Ticks } from '@tickline/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { specFromIncrements } from '../kit/venue-numbers.ts';
import { aggressorOf, deltaEvent, snapshotEvent, tickerEvent, tradeEvent, venueTime } from './coinbase-mapping.ts';
import type { L2UpdateMessage, MatchMessage, TickerMessage } from './coinbase-messages.ts';

const btc = makeInstrument(
  specFromIncrements({
    symbol: 'coinbase:BTC-USD',
    name: 'BTC-USD',
    assetClass: 'crypto',
    base: 'BTC',
    quote: 'USD',
    tickSize: '0.01',
    lotSize: '0.00000001',
  }),
);
const S = 'coinbase:BTC-USD';
const NOW = 1_700_000_000_000;

const match: MatchMessage = {
  type: 'match',
  trade_id: 10,
  sequence: 50,
  maker_order_id: 'm',
  taker_order_id: 't',
  time: '2014-11-07T08:19:27.028459Z',
  product_id: 'BTC-USD',
  size: '5.23512',
  price: '400.23',
  side: 'sell',
};

describe('Coinbase mapping', () => {
  it('reads venue times with microseconds, and falls back to now without one', () => {
    expect(venueTime('2014-11-07T08:19:27.028459Z', NOW)).toBe(Date.UTC(2014, 10, 7, 8, 19, 27, 28));
    expect(venueTime(undefined, NOW)).toBe(NOW);
    expect(venueTime('yesterday-ish', NOW)).toBe(NOW);
  });

  it('turns a snapshot into a full book in ticks and lots', () => {
    const bids: [string, string][] = [['10101.10', '0.45054140']];
    const e = snapshotEvent(
      btc,
      S,
      { type: 'snapshot', product_id: 'BTC-USD', bids, asks: [['10102.55', '0.5']] },
      NOW,
    );
    expect(e).toMatchObject({ type: 'book:snapshot', symbol: S, time: NOW, bids: [[1010110, 45054140]] });
    expect(e.asks).toEqual([[1010255, 50000000]]);
  });

  it('turns l2update changes into absolute level sizes, buy on the bid side, "0" removing', () => {
    const m: L2UpdateMessage = {
      type: 'l2update',
      product_id: 'BTC-USD',
      time: '2019-08-14T20:42:27.265Z',
      changes: [
        ['buy', '10101.80000000', '0.162567'],
        ['sell', '10102.00', '0'],
      ],
    };
    expect(deltaEvent(btc, S, m, NOW)).toEqual({
      type: 'book:delta',
      symbol: S,
      time: Date.parse('2019-08-14T20:42:27.265Z'),
      updates: [
        [BID, 1010180, 16256700],
        [ASK, 1010200, 0],
      ],
    });
  });

  it('gives every change back exactly, whatever the levels', () => {
    const change = fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 10_000_000 }), fc.nat({ max: 1e12 }));
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), (raw) => {
        const changes = raw.map(([buy, p, q]): L2UpdateMessage['changes'][number] => [
          buy ? 'buy' : 'sell',
          btc.formatPrice(p as Ticks),
          btc.formatSize(q as Lots),
        ]);
        const m: L2UpdateMessage = { type: 'l2update', product_id: 'BTC-USD', time: 'x', changes };
        expect(deltaEvent(btc, S, m, NOW).updates).toEqual(raw.map(([buy, p, q]) => [buy ? BID : ASK, p, q]));
      }),
    );
  });

  it('names the taker as aggressor: a maker that sold was lifted by a buyer', () => {
    expect(aggressorOf('sell')).toBe(BUY);
    expect(aggressorOf('buy')).toBe(SELL);
    expect(tradeEvent(btc, S, match, NOW)).toEqual({
      type: 'trade',
      symbol: S,
      time: Date.parse(match.time),
      price: 40023,
      size: 523512000,
      aggressor: BUY,
    });
  });

  it('turns a ticker into venue 24h stats, rounding a volume finer than today\u2019s lot', () => {
    const m: TickerMessage = {
      type: 'ticker',
      sequence: 1,
      product_id: 'BTC-USD',
      price: '1285.22',
      open_24h: '1310.79',
      volume_24h: '245532.792696781',
      low_24h: '1280.52',
      high_24h: '1313.8',
    };
    expect(tickerEvent(btc, S, m, NOW)).toEqual({
      type: 'ticker',
      symbol: S,
      time: NOW,
      open: 131079,
      high: 131380,
      low: 128052,
      volume: 24553279269678,
    });
  });

  it('rejects a price off the tick grid', () => {
    expect(() => tradeEvent(btc, S, { ...match, price: '400.235' }, NOW)).toThrow(RangeError);
  });
});
