import { makeInstrument, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { AAPL, BTC, EURUSD } from '../test-support/fixtures.ts';
import { paperAccount, paperPosition } from '../test-support/paper-fixtures.ts';
import { markAccount, markPosition, type Quote } from './live-marks.ts';

const btc = makeInstrument(BTC);
const t = (n: number) => n as Ticks;
const quote = (bid: number | null, ask: number | null, last: number | null = null): Quote => ({
  bid: bid === null ? null : t(bid),
  ask: ask === null ? null : t(ask),
  last: last === null ? null : t(last),
});

describe('a position re-marked from the page’s own book', () => {
  // 0.5 BTC that cost 32,000.
  const held = paperPosition({ mark: '64000.00', marketValue: '32000.00', unrealizedPnl: '0.00' });

  it('is worth size × mid, and its unrealized P&L is that less its cost', () => {
    expect(markPosition(held, btc, quote(6_410_000, 6_410_020))).toMatchObject({
      mark: '64100.10',
      marketValue: '32050.05',
      unrealizedPnl: '50.05',
    });
  });

  it('rounds a mid between ticks up to a tick, as the server does, and counts below the cent', () => {
    // 0.0001 BTC at a mid of 64,000.005, marked at 64,000.01: 6.400001.
    const tiny = paperPosition({ size: '0.0001', cost: '6.40', averagePrice: '64000.00' });
    expect(markPosition(tiny, btc, quote(6_400_000, 6_400_001))).toMatchObject({
      mark: '64000.01',
      marketValue: '6.400001',
      unrealizedPnl: '0.000001',
    });
  });

  it('goes negative below its cost', () => {
    expect(markPosition(held, btc, quote(6_390_000, 6_390_000)).unrealizedPnl).toBe('-50.00');
  });

  it('falls back to the last trade with a side of the book empty, and to the server’s mark with no trade either', () => {
    expect(markPosition(held, btc, quote(null, 6_420_000, 6_401_000))).toMatchObject({
      mark: '64010.00',
      unrealizedPnl: '5.00',
    });
    expect(markPosition(held, btc, quote(6_420_000, null))).toBe(held);
  });

  it('is the same object when the mark has not moved', () => {
    expect(markPosition(held, btc, quote(6_400_000, 6_400_000))).toBe(held);
  });
});

describe('an account re-marked', () => {
  const instruments = new Map([BTC, EURUSD, AAPL].map((s) => [s.symbol, makeInstrument(s)]));
  const account = paperAccount({
    cash: '62000.00',
    equity: '100050.00',
    unrealizedPnl: '50.00',
    positions: [
      paperPosition(),
      // 10 AAPL at 230 with no quote on this page: the server's numbers stand.
      paperPosition({
        symbol: 'AAPL',
        size: '10',
        cost: '2300.00',
        averagePrice: '230.00',
        mark: '231.00',
        marketValue: '2310.00',
        unrealizedPnl: '10.00',
      }),
    ],
  });

  it('sums equity and unrealized P&L again from the new marks', () => {
    const quotes = new Map([['BTC-USD', quote(6_420_000, 6_420_000)]]);
    const marked = markAccount(
      account,
      (s) => instruments.get(s),
      (s) => quotes.get(s),
    );
    expect(marked.positions[0]).toMatchObject({ marketValue: '32100.00', unrealizedPnl: '100.00' });
    expect(marked.positions[1]).toBe(account.positions[1]);
    // 62,000 cash + 32,100 + 2,310.
    expect(marked.equity).toBe('96410.00');
    expect(marked.unrealizedPnl).toBe('110.00');
  });

  it('counts a position without any mark at cost', () => {
    const unmarked = paperAccount({
      cash: '62000.00',
      positions: [
        paperPosition(),
        paperPosition({
          symbol: 'AAPL',
          size: '10',
          cost: '2300.00',
          mark: null,
          marketValue: null,
          unrealizedPnl: null,
        }),
      ],
    });
    const marked = markAccount(
      unmarked,
      (s) => instruments.get(s),
      (s) => (s === 'BTC-USD' ? quote(6_400_000, 6_400_000) : undefined),
    );
    expect(marked.equity).toBe('96300.00');
    expect(marked.unrealizedPnl).toBe('0.00');
  });

  it('is the same object when no mark moved', () => {
    expect(
      markAccount(
        account,
        (s) => instruments.get(s),
        () => undefined,
      ),
    ).toBe(account);
  });
});
