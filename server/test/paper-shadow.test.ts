// Paper trading on a symbol the server does not make (a real exchange's, here a feed the test drives): orders fill
// against the live book without changing it, market orders walk the levels, and a resting limit fills only when
// the market trades through it. A real server on loopback and the real client.

import type { AddressInfo } from 'node:net';
import type { Lots, PaperAccount, PaperFill, Ticks } from '@tickline/shared';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logger.ts';
import { type Application, createApplication } from '../src/roles/all.ts';
import { type ScriptedFeed, scriptedFeed } from './support/scripted-feed.ts';
import { type ClientSocket, until } from './support/test-server.ts';

let app: Application | undefined;
let client: ClientSocket | undefined;

afterEach(async () => {
  client?.disconnect();
  await app?.close();
  app = client = undefined;
});

async function start(): Promise<{ feed: ScriptedFeed; accounts: PaperAccount[]; fills: PaperFill[] }> {
  const feed = scriptedFeed();
  app = createApplication({
    feeds: [feed],
    flushIntervalMs: 20,
    bookDepth: 20,
    tradeHistory: 50,
    candleIntervalMs: 1000,
    candleHistory: 120,
    maxTradesPerUpdate: 200,
    staleAfterMs: 60_000,
    logger: silentLogger,
  });
  await app.start();
  await new Promise<void>((resolve) => app!.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  // A book of three levels a side around 1.00 (TEST ticks are cents, lots single shares).
  feed.push({
    type: 'book:snapshot',
    symbol: 'TEST',
    time: Date.now(),
    bids: [
      [99 as Ticks, 10 as Lots],
      [98 as Ticks, 20 as Lots],
    ],
    asks: [
      [101 as Ticks, 10 as Lots],
      [102 as Ticks, 20 as Lots],
      [105 as Ticks, 50 as Lots],
    ],
  });
  await until(() => app!.hub.snapshot('TEST', Date.now())?.book.asks.length === 3, 5000, 'the book in the hub');
  const accounts: PaperAccount[] = [];
  const fills: PaperFill[] = [];
  client = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, autoConnect: false });
  client.on('account', (a) => accounts.push(a));
  client.on('fill', (f) => fills.push(f));
  client.connect();
  await until(() => accounts.length > 0, 5000, 'the account');
  return { feed, accounts, fills };
}

describe('paper trading on a real exchange’s symbol', () => {
  it('walks the levels for a market buy, at their prices, and leaves the book as it was', async () => {
    const { fills, accounts } = await start();
    const ack = await client!.timeout(5000).emitWithAck('order:place', {
      symbol: 'TEST',
      side: 'buy',
      type: 'market',
      size: '25',
    });
    expect(ack).toMatchObject({ ok: true, order: { status: 'filled', filled: '25', averagePrice: '1.02' } });
    await until(() => fills.length === 2, 5000, 'the fills');
    expect(fills.map((f) => [f.price, f.size, f.liquidity, f.printed])).toEqual([
      ['1.01', '10', 'taker', false],
      ['1.02', '15', 'taker', false],
    ]);
    // 10.10 + 15.30 = 25.40 spent; the book and the tape do not know.
    await until(() => accounts.at(-1)!.positions.length === 1, 5000, 'the position');
    expect(accounts.at(-1)).toMatchObject({ cash: '99974.60' });
    expect(app!.hub.snapshot('TEST', Date.now())!.book.asks[0]).toEqual([101, 10]);
  });

  it('rests a limit below the market until a trade goes through it, then fills it whole at its limit', async () => {
    const { feed, fills, accounts } = await start();
    const ack = await client!.timeout(5000).emitWithAck('order:place', {
      symbol: 'TEST',
      side: 'buy',
      type: 'limit',
      size: '30',
      price: '0.97',
    });
    expect(ack).toMatchObject({ ok: true, order: { status: 'open', filled: '0' } });
    // A trade at the limit is not through it. The server handles the trade before the request that follows, and
    // sends on one connection in order: a fill it made would arrive before that request's answer.
    feed.push({ type: 'trade', symbol: 'TEST', time: Date.now(), price: 97 as Ticks, size: 5 as Lots, aggressor: 1 });
    await client!.timeout(5000).emitWithAck('order:cancel', { orderId: 'P0' });
    expect(fills).toEqual([]);
    feed.push({ type: 'trade', symbol: 'TEST', time: Date.now(), price: 96 as Ticks, size: 1 as Lots, aggressor: 1 });
    await until(() => fills.length === 1, 5000, 'the fill');
    expect(fills[0]).toMatchObject({ price: '0.97', size: '30', liquidity: 'maker', printed: false });
    await until(() => accounts.at(-1)!.openOrders.length === 0, 5000, 'the order done');
    expect(accounts.at(-1)).toMatchObject({ cash: '99970.90', available: '99970.90' });
  });
});
