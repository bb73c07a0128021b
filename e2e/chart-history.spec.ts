// The chart's candles at every interval, as the dashboard's own store builds them (history pages joined with the
// live stream), equal the server's own history candle for candle — after a run of seeded network faults both ways
// (lost, duplicated and late frames, killed connections, lost history requests and answers).

import type { AddressInfo } from 'node:net';
import { connectMarket, createMarketSocket, type MarketConnection, MarketStore } from '@tickline/client/market';
import type { Application, FeedAdapter } from '@tickline/server';
import { type Candle, type CandleInterval, type HistoryAck, type SymbolSpec } from '@tickline/shared';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFastMarketServer } from './support/fast-market-server.ts';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.ts';
import { until } from './support/until.ts';

const SYMBOLS = ['BTC-USD', 'ETH-USD', 'AAPL'];
/** What each client's views hold: a chart at a fine and a coarse interval, and sparklines. */
const SERIES: [string, CandleInterval][] = [
  ['BTC-USD', '1s'],
  ['BTC-USD', '5s'],
  ['ETH-USD', '15s'],
  ['ETH-USD', '1m'],
  ['AAPL', '1m'],
  ['AAPL', '1h'],
];
const CLIENTS = 2;
const FAULT_MS = 12_000;

let app: Application;
let feed: FeedAdapter;
let proxy: FaultProxy;
const clients: { store: MarketStore; connection: MarketConnection }[] = [];

beforeAll(async () => {
  let url: string;
  ({ app, feed, url } = await startFastMarketServer({ seed: 23, symbols: SYMBOLS, historyMs: 3_000 }));
  const specs = (await (await fetch(`${url}/api/symbols`)).json()) as SymbolSpec[];
  proxy = await startFaultProxy({
    target: url,
    seed: 20_261_128,
    rates: { drop: 0.02, duplicate: 0.05, delay: 0.1, kill: 0.003 },
    clientRates: { drop: 0.05, duplicate: 0.05, delay: 0.1, kill: 0 },
    // History requests are few (one per series, then repairs): fault them often enough to matter.
    clientRatesByEvent: { history: { drop: 0.3, duplicate: 0.1 } },
    delayMs: { min: 2, max: 40 },
  });
  for (let i = 0; i < CLIENTS; i++) {
    const store = new MarketStore(specs, { history: { backoff: { baseMs: 100, maxMs: 500 } } });
    const socket = createMarketSocket(proxy.url, { forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 250 });
    clients.push({ store, connection: connectMarket(store, socket, { ackTimeoutMs: 500 }) });
    for (const [symbol, interval] of SERIES) store.candleBook.retain(symbol, interval);
  }
});

afterAll(async () => {
  for (const c of clients) c.connection.close();
  await proxy?.close();
  await app?.close();
});

/** Every candle the client's series holds, oldest first (the newest may have been open). */
function held(store: MarketStore, symbol: string, interval: CandleInterval): Candle[] {
  const series = store.candleBook.peek(symbol, interval)!;
  const live = series.live();
  return [...series.closed(), ...(live ? [live] : [])];
}

/** The server's own history, asked for directly (no proxy). */
async function serverHistory(url: string, symbol: string, interval: CandleInterval): Promise<HistoryAck> {
  const socket = io(url, { transports: ['websocket'], forceNew: true });
  try {
    return (await socket.timeout(5000).emitWithAck('history', { symbol, interval, limit: 1000 })) as HistoryAck;
  } finally {
    socket.disconnect();
  }
}

/** Where a client's series differs from the server's candles at the same times. */
function differences(mine: readonly Candle[], server: readonly Candle[]): string[] {
  const byTime = new Map(server.map((c) => [c[0], c]));
  const found: string[] = [];
  for (const c of mine) {
    const s = byTime.get(c[0]);
    if (!s) found.push(`${c[0]} not on the server`);
    else if (JSON.stringify(s) !== JSON.stringify(c))
      found.push(`${c[0]}: ${JSON.stringify(c)} vs ${JSON.stringify(s)}`);
  }
  if (mine.at(-1)?.[0] !== server.at(-1)?.[0]) found.push(`newest ${mine.at(-1)?.[0]} vs ${server.at(-1)?.[0]}`);
  return found;
}

describe('chart history under seeded network faults', () => {
  it('ends with every series equal to the server history, candle for candle', async () => {
    await until(
      () => clients.every((c) => SERIES.every(([s, i]) => c.store.candleBook.peek(s, i)?.fromHistory)),
      20_000,
      () => 'every series to get its first page of history',
    );
    await new Promise((r) => setTimeout(r, FAULT_MS));
    proxy.setEnabled(false);
    // A lost update shows only when a later one arrives, so a replica can look synced while missing the last updates
    // sent under faults; with the feed stopped next, nothing would ever reveal it. Wait until every replica holds an
    // update sent after the faults stopped (and so, applied in order, every one before it), then stop the feed.
    const lastFaulted = new Map(SYMBOLS.map((s) => [s, app.hub.describe(s, Date.now())!.seq]));
    await until(
      () =>
        clients.every((c) =>
          SYMBOLS.every((s) => c.store.replica(s).synced && c.store.replica(s).seq > lastFaulted.get(s)!),
        ),
      20_000,
      () => 'every client synced past the faults',
    );
    await feed.stop();
    app.flushLoop.flushNow();
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    const report: string[] = [];
    const started = Date.now();
    const deadline = started + 20_000;
    for (;;) {
      report.length = 0;
      for (const [symbol, interval] of SERIES) {
        const ack = await serverHistory(url, symbol, interval);
        if (!ack.ok) throw new Error(ack.error.message);
        for (const [n, c] of clients.entries()) {
          const replica = c.store.replica(symbol);
          const series = c.store.candleBook.peek(symbol, interval)!;
          const what = differences(held(c.store, symbol, interval), ack.candles);
          if (series.seq !== replica.seq) what.push(`series at seq ${series.seq}, replica at ${replica.seq}`);
          if (series.seq !== ack.seq) what.push(`series at seq ${series.seq}, server at ${ack.seq}`);
          // Where each side stood, so a failure tells a stale series (behind the server) from a wrong one.
          const where =
            `series seq ${series.seq}, replica seq ${replica.seq}${replica.synced ? '' : ' (unsynced)'}, ` +
            `server seq ${ack.seq}, history ${c.store.candleBook.state(symbol, interval)}`;
          if (what.length > 0) {
            report.push(
              `client ${n} ${symbol} ${interval} (${where}): ${what.length} found: ${what.slice(0, 3).join('; ')}`,
            );
          }
        }
      }
      if (report.length === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // The message names every differing series and its first differences (client's candle, then the server's):
    // vitest would otherwise print the array as `[ …(4) ]`.
    expect(report, `after ${Date.now() - started} ms:\n${report.join('\n')}`).toEqual([]);
    // The run did fault history traffic and the stream, or it proved nothing.
    const counts = proxy.counts();
    const lostHistory =
      (counts.clientFaultsByEvent.history?.drop ?? 0) + (counts.ackFaultsByRequest.history?.drop ?? 0);
    expect(lostHistory).toBeGreaterThan(0);
    expect(counts.faults.drop).toBeGreaterThan(0);
  });
});
