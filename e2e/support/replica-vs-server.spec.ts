// The end-of-run comparison itself: a replica built from the server's snapshot agrees with it, and one wrong trade,
// candle, ticker field or book level is named (the fault run would not notice a corruption it does not compare).

import type { Application, FeedAdapter } from '@tickline/server';
import {
  BID,
  type Candle,
  type Instrument,
  type Lots,
  makeInstrument,
  SymbolReplica,
  type SymbolSnapshot,
  type SymbolSpec,
  type Trade,
} from '@tickline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFastMarketServer } from './fast-market-server.ts';
import { replicaDifferences } from './replica-vs-server.ts';

const SYMBOL = 'BTC-USD';
let app: Application;
let feed: FeedAdapter;
let snapshot: SymbolSnapshot;
let instrument: Instrument;

beforeAll(async () => {
  let url: string;
  ({ app, feed, url } = await startFastMarketServer({ seed: 3, symbols: [SYMBOL], historyMs: 5_000 }));
  const specs = (await (await fetch(`${url}/api/symbols`)).json()) as SymbolSpec[];
  await feed.stop();
  app.flushLoop.flushNow();
  snapshot = app.hub.snapshot(SYMBOL, Date.now())!;
  instrument = makeInstrument(specs[0]!);
});

afterAll(async () => {
  await app?.close();
});

/** A replica as the dashboard keeps one (more trades and candles than the server publishes), from `snapshot`. */
function replicaOf(s: SymbolSnapshot): SymbolReplica {
  const replica = new SymbolReplica(SYMBOL, { instrument, tradeCapacity: 100, candleCapacity: 300 });
  expect(replica.applySnapshot(s)).toBe('applied');
  return replica;
}

describe('replicaDifferences', () => {
  it('finds none between the server snapshot and a replica of it', () => {
    expect(snapshot.trades.length).toBeGreaterThan(10);
    expect(snapshot.candles.length).toBeGreaterThan(2);
    expect(replicaDifferences(replicaOf(snapshot), snapshot, instrument)).toEqual([]);
  });

  it('names one wrong trade in the ring', () => {
    const replica = replicaOf(snapshot);
    const trades = replica.trades.toArray();
    const [id, price, size, side, time] = trades[5]!;
    replica.trades.clear();
    for (const [i, t] of trades.entries())
      replica.trades.push(i === 5 ? ([id, price, (size + 1) as Lots, side, time] as Trade) : t);
    const found = replicaDifferences(replica, snapshot, instrument);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^trades: .* first differing at 5:/);
  });

  it('names a missing trade, a wrong candle and a wrong ticker', () => {
    const replica = replicaOf({
      ...snapshot,
      trades: snapshot.trades.slice(1),
      candles: snapshot.candles.map((c, i) => (i === 0 ? ([...c.slice(0, 5), c[5] + 1] as unknown as Candle) : c)),
      ticker: { ...snapshot.ticker, trades: snapshot.ticker.trades + 1 },
    });
    const found = replicaDifferences(replica, snapshot, instrument);
    expect(found.map((f) => f.split(/[ :]/)[0])).toEqual(['trades', 'candles', 'ticker']);
  });

  it('names a wrong book, seq and status', () => {
    const replica = replicaOf(snapshot);
    const [bestBid] = snapshot.book.bids[0]!;
    replica.book.applyDelta([[BID, bestBid, (snapshot.book.bids[0]![1] + 1) as Lots]]);
    replica.seq++;
    replica.status = 'halted';
    const found = replicaDifferences(replica, snapshot, instrument);
    expect(found).toEqual(expect.arrayContaining(['book differs', expect.stringMatching(/^checksum /)]));
    expect(found).toEqual(expect.arrayContaining([`seq ${snapshot.seq + 1} vs ${snapshot.seq}`]));
    expect(found.some((f) => f.startsWith('status '))).toBe(true);
  });
});
