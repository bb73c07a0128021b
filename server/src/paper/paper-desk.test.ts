import {
  ASK,
  BID,
  type Level,
  type Lots,
  makeInstrument,
  type PaperAccount,
  type PaperFill,
  type PaperOrder,
  parseMoney,
  type Ticks,
} from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../feeds/feed.ts';
import { createSimSession, sessionVenue } from '../feeds/sim/sim-session.ts';
import { SIM_SYMBOLS } from '../exchange/symbols.ts';
import { PaperDesk, type PaperDeskOptions } from './paper-desk.ts';
import { createShadowVenue, type LiveBook } from './shadow-venue.ts';

const spec = (symbol: string) => SIM_SYMBOLS.find((s) => s.spec.symbol === symbol)!.spec;
const btc = makeInstrument(spec('BTC-USD'));
const money = (decimal: string) => parseMoney(decimal)!;

/** Everything the desk told accounts, in order. */
function recorder() {
  const told: { to: string; event: 'account' | 'order' | 'fill'; payload: PaperAccount | PaperOrder | PaperFill }[] =
    [];
  return {
    told,
    notify: {
      account: (to: string, payload: PaperAccount) => told.push({ to, event: 'account', payload }),
      order: (to: string, payload: PaperOrder) => told.push({ to, event: 'order', payload }),
      fill: (to: string, payload: PaperFill) => told.push({ to, event: 'fill', payload }),
    },
  };
}

/** A desk over a shadow venue whose book the test sets; BTC-USD and USD/JPY. */
function shadowDesk(options: Partial<PaperDeskOptions> = {}) {
  const books = new Map<string, LiveBook>([
    [
      'BTC-USD',
      {
        bids: [[6_400_000 as Ticks, 5_000 as Lots] as Level],
        asks: [[6_400_100 as Ticks, 1_000 as Lots] as Level, [6_400_500 as Ticks, 2_000 as Lots] as Level],
        last: 6_400_050 as Ticks,
        status: 'live',
      },
    ],
  ]);
  const venue = createShadowVenue((symbol) => books.get(symbol));
  const instruments = new Map(['BTC-USD', 'USD/JPY'].map((s) => [s, makeInstrument(spec(s))]));
  let now = 1_000_000;
  const rec = recorder();
  const desk = new PaperDesk({
    startingCash: money('100000'),
    clock: () => now,
    market: (symbol) => {
      const instrument = instruments.get(symbol);
      return instrument && { venue, instrument };
    },
    notify: rec.notify,
    ...options,
  });
  const opened = desk.open(undefined, '10.0.0.1');
  if (!opened.ok) throw new Error('no account');
  const token = opened.account.token!;
  return { desk, venue, books, token, told: rec.told, tick: (ms: number) => (now += ms) };
}

describe('PaperDesk accounts', () => {
  it('opens a new account with its token once, and finds it again by the token', () => {
    const { desk, token } = shadowDesk();
    const again = desk.open(token, '10.0.0.1');
    expect(again).toMatchObject({ ok: true, account: { cash: '100000.00', equity: '100000.00', positions: [] } });
    expect(again.ok && again.account.token).toBeUndefined();
    const stranger = desk.open('not-a-token', '10.0.0.1');
    expect(stranger.ok && stranger.account.token).toMatch(/^[\w-]{24}$/);
    expect(stranger.ok && again.ok && stranger.accountId !== again.accountId).toBe(true);
  });

  it('limits new accounts per address, and drops an account that never traded before one that did', () => {
    const { desk, token } = shadowDesk({ maxAccounts: 2, newAccounts: { rate: 0.001, burst: 3 } });
    expect(desk.place(token, { symbol: 'BTC-USD', side: 'buy', type: 'market', size: '0.01' }).ok).toBe(true);
    const idle = desk.open(undefined, '10.0.0.1');
    expect(desk.open(undefined, '10.0.0.1').ok).toBe(true); // the desk is full: the idle one goes, not the trader
    expect(desk.size).toBe(2);
    expect(desk.account(token)).toBeDefined();
    expect(idle.ok && desk.account(idle.account.token!)).toBeUndefined();
    expect(desk.open(undefined, '10.0.0.1')).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(desk.open(undefined, '10.0.0.2').ok).toBe(true);
  });
});

describe('PaperDesk on a real exchange (shadow venue)', () => {
  it('walks the levels for a market buy and books cash, cost and average price exactly', () => {
    const { desk, token, told } = shadowDesk();
    // 0.15 BTC: 0.1 at 64001.00 and 0.05 at 64005.00 = 6400.10 + 3200.25
    const ack = desk.place(token, { symbol: 'BTC-USD', side: 'buy', type: 'market', size: '0.15' });
    expect(ack).toMatchObject({ ok: true, order: { status: 'filled', filled: '0.1500', averagePrice: '64002.33' } });
    const account = desk.account(token)!;
    expect(account.cash).toBe('90399.65');
    expect(account.positions).toEqual([
      expect.objectContaining({ symbol: 'BTC-USD', size: '0.1500', cost: '9600.35', averagePrice: '64002.33' }),
    ]);
    // Marked to the mid (64000.00 + 64001.00) / 2 → 64000.50 (half up): 9600.075
    expect(account.positions[0]).toMatchObject({ mark: '64000.50', unrealizedPnl: '-0.275' });
    expect(told.filter((t) => t.event === 'fill').map((t) => (t.payload as PaperFill).price)).toEqual([
      '64001.00',
      '64005.00',
    ]);
    expect(told.map((t) => t.event)).toEqual(['fill', 'fill', 'order', 'account']);
  });

  it('rests a limit buy holding its cash, fills it when the market trades through, and cancel sets the cash free', () => {
    const { desk, venue, token } = shadowDesk();
    const first = desk.place(token, { symbol: 'BTC-USD', side: 'buy', type: 'limit', size: '1', price: '63000.00' });
    expect(first).toMatchObject({ ok: true, order: { status: 'open', filled: '0.0000' } });
    expect(desk.account(token)).toMatchObject({ cash: '100000.00', available: '37000.00' });
    venue.observe({
      type: 'trade',
      symbol: 'BTC-USD',
      time: 0,
      price: 6_300_000 as Ticks,
      size: 1 as Lots,
      aggressor: 1,
    });
    expect(desk.account(token)!.openOrders).toHaveLength(1); // at the limit is not through it
    venue.observe({
      type: 'trade',
      symbol: 'BTC-USD',
      time: 0,
      price: 6_299_999 as Ticks,
      size: 1 as Lots,
      aggressor: 1,
    });
    expect(desk.account(token)).toMatchObject({ cash: '37000.00', available: '37000.00', openOrders: [] });

    const second = desk.place(token, { symbol: 'BTC-USD', side: 'buy', type: 'limit', size: '0.5', price: '62000.00' });
    expect(desk.account(token)!.available).toBe('6000.00');
    const cancelled = desk.cancel(token, second.ok ? second.order.id : '');
    expect(cancelled).toMatchObject({ ok: true, order: { status: 'cancelled' } });
    expect(desk.account(token)!.available).toBe('37000.00');
    expect(desk.cancel(token, second.ok ? second.order.id : '')).toMatchObject({
      ok: false,
      error: { code: 'unknown_order' },
    });
  });

  it('fills the marketable part of a limit at the book and rests the rest; ioc drops it; post-only refuses to cross', () => {
    const { desk, token } = shadowDesk();
    const gtc = desk.place(token, { symbol: 'BTC-USD', side: 'buy', type: 'limit', size: '0.2', price: '64002.00' });
    expect(gtc).toMatchObject({ ok: true, order: { status: 'open', filled: '0.1000', averagePrice: '64001.00' } });
    const ioc = desk.place(token, {
      symbol: 'BTC-USD',
      side: 'buy',
      type: 'limit',
      size: '0.2',
      price: '64002.00',
      tif: 'ioc',
    });
    expect(ioc).toMatchObject({ ok: true, order: { status: 'cancelled', filled: '0.1000' } });
    expect(
      desk.place(token, {
        symbol: 'BTC-USD',
        side: 'buy',
        type: 'limit',
        size: '0.2',
        price: '64001.00',
        tif: 'post_only',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_order', message: expect.stringMatching(/^price: a post-only buy/) },
    });
  });

  it('refuses with a code for every way an order can be wrong', () => {
    const { desk, books, token } = shadowDesk();
    const order = { symbol: 'BTC-USD', side: 'buy', type: 'limit', size: '0.01', price: '64000.00' } as const;
    expect(desk.place(token, { ...order, size: '0.00001' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_order', message: "size: size 0.00001 is not a multiple of BTC-USD's lot size 0.0001" },
    });
    expect(desk.place(token, { ...order, symbol: 'DOGE-USD' })).toMatchObject({ error: { code: 'unknown_symbol' } });
    expect(desk.place(token, { ...order, symbol: 'USD/JPY', price: '150.000', size: '1000' })).toMatchObject({
      error: { code: 'invalid_order', message: 'symbol: paper accounts hold USD; USD/JPY is quoted in JPY' },
    });
    expect(desk.place(token, { ...order, size: '2' })).toMatchObject({
      error: { code: 'insufficient_funds', message: 'this buy needs 128000.00 USD; 100000.00 is available' },
    });
    expect(desk.place(token, { ...order, side: 'sell' })).toMatchObject({ error: { code: 'insufficient_funds' } });
    books.set('BTC-USD', { ...books.get('BTC-USD')!, status: 'halted' });
    expect(desk.place(token, order)).toMatchObject({ error: { code: 'market_halted' } });
    expect(desk.place('nobody', order)).toMatchObject({ error: { code: 'unavailable' } });
  });

  it('rate limits one account: of 50 orders at once, the burst passes and the rest are told when to retry', () => {
    const { desk, token } = shadowDesk();
    const acks = Array.from({ length: 50 }, () =>
      desk.place(token, { symbol: 'BTC-USD', side: 'buy', type: 'limit', size: '0.0001', price: '60000.00' }),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(20);
    expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
  });

  it('marks the accounts holding positions once a round, to the book as it is then', () => {
    const { desk, books, token, told } = shadowDesk();
    const idle = desk.open(undefined, '10.0.0.9');
    desk.place(token, { symbol: 'BTC-USD', side: 'buy', type: 'market', size: '0.1' }); // 6400.10 at 64001.00
    books.set('BTC-USD', {
      ...books.get('BTC-USD')!,
      bids: [[6_500_000 as Ticks, 1 as Lots]],
      asks: [[6_500_200 as Ticks, 1 as Lots]],
    });
    told.length = 0;
    desk.pushMarks();
    const me = desk.open(token, '10.0.0.1');
    expect(told.map((t) => t.to)).toEqual([me.ok && me.accountId]);
    expect(idle.ok && told.some((t) => t.to === idle.accountId)).toBe(false);
    // Marked to 65001.00: 6500.10 for what cost 6400.10.
    expect((told[0]!.payload as PaperAccount).positions[0]).toMatchObject({
      mark: '65001.00',
      unrealizedPnl: '100.00',
    });
    expect((told[0]!.payload as PaperAccount).equity).toBe('100100.00');
  });

  it('resets: open orders cancelled, cash back to the start, the same token', () => {
    const { desk, token } = shadowDesk();
    desk.place(token, { symbol: 'BTC-USD', side: 'buy', type: 'market', size: '0.1' });
    desk.place(token, { symbol: 'BTC-USD', side: 'buy', type: 'limit', size: '0.1', price: '60000.00' });
    expect(desk.reset(token)).toMatchObject({
      ok: true,
      account: { cash: '100000.00', available: '100000.00', positions: [], openOrders: [], fills: [] },
    });
    expect(desk.account(token)).toBeDefined();
  });
});

describe('PaperDesk on the simulator (orders into its matching engine)', () => {
  function simDesk() {
    const session = createSimSession({ seed: 7, symbols: ['BTC-USD'] });
    const events: MarketEvent[] = [];
    const sink = (e: MarketEvent) => void events.push(e);
    let time = 0;
    session.snapshot(time, sink);
    for (let i = 0; i < 400; i++) session.step((time += 25), sink);
    const venue = sessionVenue(
      () => session,
      () => ({ sink, time }),
    );
    const rec = recorder();
    const desk = new PaperDesk({
      startingCash: money('1000000'),
      clock: () => time,
      market: (symbol) => (symbol === 'BTC-USD' ? { venue, instrument: btc } : undefined),
      notify: rec.notify,
    });
    const open = () => {
      const a = desk.open(undefined, '10.0.0.1');
      if (!a.ok) throw new Error('no account');
      return a.account.token!;
    };
    return { session, desk, events, told: rec.told, open, step: () => session.step((time += 25), sink) };
  }

  it('a market buy fills at the book’s prices, takes the levels out and prints its trades', () => {
    const { session, desk, events, open } = simDesk();
    const token = open();
    const asks = session.sweep('BTC-USD', 'buy', 100_000 as Lots); // what is there now
    const size = asks[0]!.size + 1; // the whole best level and one lot of the next
    events.length = 0;
    const ack = desk.place(token, {
      symbol: 'BTC-USD',
      side: 'buy',
      type: 'market',
      size: btc.formatSize(size as Lots),
    });
    expect(ack.ok).toBe(true);
    const account = desk.account(token)!;
    expect(account.fills.map((f) => [f.price, f.liquidity, f.printed]).reverse()).toEqual(
      expect.arrayContaining([[btc.formatPrice(asks[0]!.price), 'taker', true]]),
    );
    const trades = events.filter((e) => e.type === 'trade');
    expect(trades.reduce((n, t) => n + (t.type === 'trade' ? t.size : 0), 0)).toBe(size);
    expect(trades.every((t) => t.type === 'trade' && t.aggressor === 0)).toBe(true);
    // The best ask level is gone from the book, and the change was emitted for the stream.
    expect(session.sweep('BTC-USD', 'buy', 1 as Lots)[0]!.price).toBeGreaterThan(asks[0]!.price);
    const delta = events.find((e) => e.type === 'book:delta');
    expect(delta?.type === 'book:delta' && delta.updates).toContainEqual([ASK, asks[0]!.price, 0]);
  });

  it('a resting paper order is a real order: another account’s market order trades with it (maker, printed)', () => {
    const { session, desk, events, told, open } = simDesk();
    const seller = open();
    const buyer = open();
    desk.place(buyer, { symbol: 'BTC-USD', side: 'buy', type: 'market', size: '0.5' });
    const bestAsk = session.sweep('BTC-USD', 'buy', 1 as Lots)[0]!.price;
    const bestBid = session.sweep('BTC-USD', 'sell', 1 as Lots)[0]!.price;
    // A sell between the touch: it rests at the front of the book and is the best ask.
    const price = (bestAsk - 1) as Ticks;
    expect(price).toBeGreaterThan(bestBid);
    // The seller has to hold BTC first: buy some, then offer it.
    desk.place(seller, { symbol: 'BTC-USD', side: 'buy', type: 'market', size: '0.2' });
    const offer = desk.place(seller, {
      symbol: 'BTC-USD',
      side: 'sell',
      type: 'limit',
      size: '0.2',
      price: btc.formatPrice(price),
    });
    expect(offer).toMatchObject({ ok: true, order: { status: 'open' } });
    events.length = 0;
    told.length = 0;
    desk.place(buyer, { symbol: 'BTC-USD', side: 'buy', type: 'limit', size: '0.2', price: btc.formatPrice(price) });
    const sellerFills = told.filter((t) => t.event === 'fill' && (t.payload as PaperFill).side === 'sell');
    expect(sellerFills.map((t) => t.payload)).toEqual([
      expect.objectContaining({ price: btc.formatPrice(price), size: '0.2000', liquidity: 'maker', printed: true }),
    ]);
    expect(desk.account(seller)!.openOrders).toEqual([]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'trade', price, size: 2000 }));
    expect(BID).toBe(0);
  });

  it('agents trade with a resting paper order as the market moves, and cancel takes it out of the book', () => {
    const { session, desk, open, step } = simDesk();
    const token = open();
    const bestBid = session.sweep('BTC-USD', 'sell', 1 as Lots)[0]!.price;
    const joined = desk.place(token, {
      symbol: 'BTC-USD',
      side: 'buy',
      type: 'limit',
      size: '0.0100',
      price: btc.formatPrice(bestBid),
    });
    expect(joined.ok).toBe(true);
    for (let i = 0; i < 4000 && desk.account(token)!.openOrders.length > 0; i++) step();
    expect(desk.account(token)).toMatchObject({
      openOrders: [],
      positions: [expect.objectContaining({ size: '0.0100' })],
    });
    expect(desk.account(token)!.fills.every((f) => f.liquidity === 'maker' && f.printed)).toBe(true);

    const far = desk.place(token, { symbol: 'BTC-USD', side: 'buy', type: 'limit', size: '0.0100', price: '1000.00' });
    expect(session.sweep('BTC-USD', 'sell', 1_000_000 as Lots).at(-1)!.price).toBe(100_000);
    desk.cancel(token, far.ok ? far.order.id : '');
    expect(session.sweep('BTC-USD', 'sell', 1_000_000 as Lots).some((l) => l.price === 100_000)).toBe(false);
  });
});
