// Paper trading against a real server on loopback, with the real client: accounts opened on connect, orders into
// the simulator's matching engine that every viewer sees (trades in the tape, resting orders in the ladder), every
// refusal with its code, the per-account rate limit, and an account kept across reconnects.

import {
  BUY,
  makeInstrument,
  type MarketUpdate,
  type PaperAccount,
  type PaperFill,
  type PlaceOrderAck,
  type PlaceOrderRequest,
  SymbolReplica,
} from '@tickline/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { SIM_SYMBOLS } from '../src/exchange/symbols.ts';
import {
  type ClientSocket,
  onUpdates,
  startTestServer,
  subscribeApplying,
  until,
  type TestServer,
} from './support/test-server.ts';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const nvda = makeInstrument(SIM_SYMBOLS.find((s) => s.spec.symbol === 'NVDA')!.spec);

interface Trader {
  socket: ClientSocket;
  accounts: PaperAccount[];
  fills: PaperFill[];
  latest(): PaperAccount;
}

/** A client with its paper account: resolves once the first `account` event is in. */
async function trader(auth?: Record<string, unknown>): Promise<Trader> {
  const accounts: PaperAccount[] = [];
  const fills: PaperFill[] = [];
  const socket = await server!.connect(auth, (s) => {
    s.on('account', (a) => accounts.push(a));
    s.on('fill', (f) => fills.push(f));
  });
  await until(() => accounts.length > 0, 5000, 'the account event');
  return { socket, accounts, fills, latest: () => accounts.at(-1)! };
}

const place = (socket: ClientSocket, order: PlaceOrderRequest | Record<string, unknown>) =>
  socket.timeout(5000).emitWithAck('order:place', order as PlaceOrderRequest) as Promise<PlaceOrderAck>;

/** A viewer with a replica of NVDA, fed by every update, remembering the updates. */
async function viewer() {
  const client = await server!.connect();
  const replica = new SymbolReplica('NVDA');
  const updates: MarketUpdate[] = [];
  const before: { update: MarketUpdate; asks: Map<number, number> }[] = [];
  onUpdates(server!.app, client, (u) => {
    before.push({ update: u, asks: new Map(replica.book.top(50).asks.map(([p, s]) => [p, s])) });
    replica.applyUpdate(u);
    updates.push(u);
  });
  await subscribeApplying(client, ['NVDA'], (s) => replica.applySnapshot(s));
  return { replica, updates, before };
}

describe('paper trading', () => {
  it('opens an account on connect and keeps it for the token across reconnects', async () => {
    server = await startTestServer({ symbols: ['NVDA'] });
    const first = await trader();
    const opened = first.accounts[0]!;
    expect(opened).toMatchObject({ currency: 'USD', cash: '100000.00', equity: '100000.00', positions: [] });
    expect(opened.token).toMatch(/^[\w-]{24}$/);
    expect((await place(first.socket, { symbol: 'NVDA', side: 'buy', type: 'market', size: '10' })).ok).toBe(true);
    first.socket.disconnect();

    const again = await trader({ account: opened.token });
    expect(again.accounts[0]).toMatchObject({ id: opened.id, positions: [expect.objectContaining({ size: '10' })] });
    expect(again.accounts[0]!.token).toBeUndefined();
    // A token the server does not know gets a new account (and its token), not an error.
    const stranger = await trader({ account: 'forgotten-token' });
    expect(stranger.accounts[0]!.id).not.toBe(opened.id);
    expect(stranger.accounts[0]!.token).toMatch(/^[\w-]{24}$/);
  });

  it('a market buy fills at the book’s prices, prints in every viewer’s tape and takes liquidity out of the book', async () => {
    server = await startTestServer({ symbols: ['NVDA'], rate: 1 });
    const watcher = await viewer();
    const buyer = await trader();
    await until(() => watcher.replica.book.top(50).asks.length > 0, 5000, 'an ask in the book');
    const ack = await place(buyer.socket, { symbol: 'NVDA', side: 'buy', type: 'market', size: '400' });
    expect(ack).toMatchObject({ ok: true, order: { status: 'filled', filled: '400' } });
    await until(() => buyer.fills.length > 0 && buyer.latest().openOrders.length === 0, 5000, 'the fills');
    const fills = buyer.fills.filter((f) => ack.ok && f.orderId === ack.order.id);
    expect(fills.every((f) => f.liquidity === 'taker' && f.printed)).toBe(true);
    expect(fills.reduce((n, f) => n + Number(f.size), 0)).toBe(400);
    // Every fill is a trade in the viewer's stream: same price, same size, a buyer's trade.
    const printedIn = (f: PaperFill) =>
      watcher.updates.find((u) =>
        u.trades?.some(
          ([, price, size, aggressor]) =>
            nvda.formatPrice(price) === f.price && nvda.formatSize(size) === f.size && aggressor === BUY,
        ),
      );
    await until(() => fills.every(printedIn), 5000, 'the trades in the viewer’s tape');
    // The first level it took had more before the update that printed the trade than after it.
    const firstPrice = nvda.parsePrice(fills[0]!.price);
    const carrying = watcher.before.find((b) => b.update === printedIn(fills[0]!))!;
    const sizeAfter = watcher.replica.book.top(50).asks.find(([p]) => p === firstPrice)?.[1] ?? 0;
    expect(carrying.asks.get(firstPrice) ?? 0).toBeGreaterThan(0);
    expect(sizeAfter).toBeLessThan(carrying.asks.get(firstPrice)!);
    // The account: cash spent = Σ price × size, to the cent.
    const spent = fills.reduce((sum, f) => sum + Math.round(Number(f.price) * 100) * Number(f.size), 0);
    expect(buyer.latest().cash).toBe((100_000 - spent / 100).toFixed(2));
    expect(buyer.latest().positions).toEqual([expect.objectContaining({ symbol: 'NVDA', size: '400' })]);
  });

  it('a resting limit order shows in another client’s ladder, and cancel takes it out', async () => {
    server = await startTestServer({ symbols: ['NVDA'], rate: 1 });
    const watcher = await viewer();
    const bidder = await trader();
    await until(() => watcher.replica.book.top(50).bids.length > 3, 5000, 'bids in the book');
    // A few levels under the touch: in the published depth, out of the way of most market orders.
    const price = watcher.replica.book.top(50).bids[3]![0] - 2;
    const sizeAt = () => watcher.replica.book.top(50).bids.find(([p]) => p === price)?.[1] ?? 0;
    const before = sizeAt();
    const ack = await place(bidder.socket, {
      symbol: 'NVDA',
      side: 'buy',
      type: 'limit',
      size: '555',
      price: nvda.formatPrice(price as never),
    });
    expect(ack).toMatchObject({ ok: true, order: { status: 'open', filled: '0' } });
    await until(() => sizeAt() >= before + 555, 5000, 'the order in the viewer’s ladder');
    expect(bidder.latest()).toMatchObject({
      openOrders: [expect.objectContaining({ price: nvda.formatPrice(price as never) })],
    });

    const withOrder = sizeAt();
    const cancelled = await bidder.socket
      .timeout(5000)
      .emitWithAck('order:cancel', { orderId: ack.ok ? ack.order.id : '' });
    expect(cancelled).toMatchObject({ ok: true, order: { status: 'cancelled' } });
    await until(() => sizeAt() <= withOrder - 555, 5000, 'the order gone from the viewer’s ladder');
    expect(bidder.latest().available).toBe('100000.00');
  });

  it('refuses every bad order with its code, and a halted market’s orders', async () => {
    server = await startTestServer({ symbols: ['NVDA'] });
    const { socket } = await trader();
    const order = { symbol: 'NVDA', side: 'buy', type: 'limit', size: '1', price: '100.00' } as const;
    const refusal = async (o: Record<string, unknown>) => {
      const ack = await place(socket, o);
      return ack.ok ? undefined : ack.error;
    };
    expect(await refusal({ ...order, size: '1.5' })).toEqual({
      code: 'invalid_order',
      message: "size: size 1.5 is not a multiple of NVDA's lot size 1",
    });
    expect(await refusal({ ...order, size: 1 })).toMatchObject({ code: 'invalid_order', message: /^size: / });
    expect(await refusal({ ...order, price: undefined })).toMatchObject({ code: 'invalid_order', message: /^price: / });
    expect(await refusal({ ...order, symbol: 'DOGE-USD' })).toMatchObject({ code: 'unknown_symbol' });
    expect(await refusal({ ...order, size: '100000' })).toMatchObject({ code: 'insufficient_funds' });
    expect(await refusal({ ...order, side: 'sell' })).toMatchObject({ code: 'insufficient_funds' });
    expect(await socket.timeout(5000).emitWithAck('order:cancel', { orderId: 'P999999' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_order' },
    });
    server.feed.scenario!({ symbol: 'NVDA', kind: 'halt', size: 0, durationMs: 0 });
    await until(() => server!.feed.venue!.halted('NVDA'), 2000, 'the halt');
    expect(await refusal(order)).toMatchObject({ code: 'market_halted', message: 'NVDA is halted: no orders' });
  });

  it('rate limits 50 orders a second from one account, and not its neighbour', async () => {
    server = await startTestServer({ symbols: ['NVDA'], limits: { requestsPerSecond: 1000, requestBurst: 1000 } });
    const busy = await trader();
    const calm = await trader();
    const order = { symbol: 'NVDA', side: 'buy', type: 'limit', size: '1', price: '1.00' } as const;
    const acks = await Promise.all(Array.from({ length: 50 }, () => place(busy.socket, order)));
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThanOrEqual(25);
    expect(limited[0]).toMatchObject({ error: { retryAfterMs: expect.any(Number) } });
    expect(await place(calm.socket, order)).toMatchObject({ ok: true });
  });

  it('sends an account’s private events to its own connections only', async () => {
    server = await startTestServer({ symbols: ['NVDA'] });
    const mine = await trader();
    const myOtherTab = await trader({ account: mine.accounts[0]!.token });
    const someoneElse = await trader();
    const ours = await place(mine.socket, { symbol: 'NVDA', side: 'buy', type: 'market', size: '5' });
    await until(() => myOtherTab.fills.length > 0, 5000, 'the fill in the other tab');
    // Whatever the server sent the neighbour about our order went before its answer to an order of its own, on
    // the same connection: once its own fill is in, anything of ours would be too.
    const theirs = await place(someoneElse.socket, { symbol: 'NVDA', side: 'buy', type: 'market', size: '1' });
    await until(() => someoneElse.fills.length > 0, 5000, 'the neighbour’s own fill');
    expect(ours.ok && theirs.ok).toBe(true);
    expect(new Set(someoneElse.fills.map((f) => f.orderId))).toEqual(new Set([theirs.ok && theirs.order.id]));
    expect(new Set(myOtherTab.fills.map((f) => f.orderId))).toEqual(new Set([ours.ok && ours.order.id]));
  });
});
