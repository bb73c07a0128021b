// The replica through a faulty network, as a property: it may fall behind, but it is never silently wrong.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candle, CandleSeries } from '../market/candles.ts';
import { bookChecksum } from '../market/checksum.ts';
import { type Lots, makeInstrument, type Ticks } from '../market/instrument.ts';
import {
  ASK,
  BID,
  type BookLevels,
  diffLevels,
  type LevelUpdate,
  OrderBook,
  type SideCode,
} from '../market/order-book.ts';
import { RingBuffer } from '../market/ring-buffer.ts';
import { EMPTY_TICKER, type Ticker, tickerAfterTrade } from '../market/ticker.ts';
import { BUY, SELL, type Trade, tradeId } from '../market/trade.ts';
import type { MarketUpdate, SymbolSnapshot } from '../protocol/payloads.ts';
import { decodeBatch, encodeUpdate } from '../protocol/wire.ts';
import { type ApplyResult, SymbolReplica } from './symbol-replica.ts';

const up = (side: SideCode, price: number, size: number): LevelUpdate => [side, price as Ticks, size as Lots];
const all = (book: OrderBook): BookLevels => book.top(Number.POSITIVE_INFINITY);

// ---------------------------------------------------------------------------------------------------------------
// The stream through a faulty network: the replica may fall behind, but it is never silently wrong.

const DEPTH = 4;
const TRADES = 6;
const CANDLES = 4;
const INTERVAL = 1_000;

interface ServerStep {
  levels: LevelUpdate[];
  trades: { price: number; size: number }[];
  dt: number;
}

interface PublishedState {
  book: BookLevels;
  trades: Trade[];
  candles: Candle[];
  ticker: Ticker;
}

/** The server side: a full book published as a top-N view, trades, candles and a ticker, one update per step. */
function runServer(initial: LevelUpdate[], steps: readonly ServerStep[]) {
  const full = new OrderBook();
  full.applyDelta(initial);
  let published = full.top(DEPTH);
  const trades = new RingBuffer<Trade>(TRADES);
  const candles = new CandleSeries(INTERVAL, CANDLES);
  let ticker: Ticker = { ...EMPTY_TICKER, bid: published.bids[0]?.[0] ?? null, ask: published.asks[0]?.[0] ?? null };
  let time = 10_000;
  let tradeCount = 0;
  const record = (): PublishedState => ({
    book: published,
    trades: trades.toArray(),
    candles: candles.toArray(),
    ticker,
  });
  const states: PublishedState[] = [record()];
  const updates: MarketUpdate[] = [];
  for (const step of steps) {
    time += step.dt;
    full.applyDelta(step.levels);
    const view = full.top(DEPTH);
    const update: MarketUpdate = { symbol: 'SIM', seq: updates.length + 1, time };
    const book = diffLevels(published, view);
    published = view;
    if (book.length > 0) update.book = book;
    if (step.trades.length > 0) {
      // As the hub does: trades carry ids implied by the seq, and clients derive the candles and ticker from them.
      update.trades = step.trades.map(({ price, size }, i): Trade => {
        const t: Trade = [
          tradeId(update.seq, i),
          price as Ticks,
          size as Lots,
          (tradeCount + i) % 2 === 0 ? BUY : SELL,
          time,
        ];
        trades.push(t);
        candles.addTrade(time, price as Ticks, size as Lots);
        ticker = tickerAfterTrade(ticker, price as Ticks, size as Lots);
        return t;
      });
      tradeCount += step.trades.length;
    }
    ticker = { ...ticker, bid: view.bids[0]?.[0] ?? null, ask: view.asks[0]?.[0] ?? null };
    updates.push(update);
    states.push(record());
  }
  const snapshotAt = (seq: number): SymbolSnapshot => {
    const s = states[seq];
    if (!s) throw new Error(`no server state at seq ${seq}`);
    return {
      symbol: 'SIM',
      epoch: 1,
      sid: 0,
      seq,
      time: seq === 0 ? 10_000 : (updates[seq - 1]?.time ?? 0),
      depth: DEPTH,
      book: { bids: [...s.book.bids], asks: [...s.book.asks] },
      checksum: 0,
      status: 'live',
      trades: [...s.trades],
      candleIntervalMs: INTERVAL,
      candles: [...s.candles],
      ticker: s.ticker,
    };
  };
  return { states, updates, snapshotAt };
}

/** An update as a client gets it: encoded alone in a batch of its time, then decoded. */
function overTheWire(u: MarketUpdate): MarketUpdate {
  const { updates } = decodeBatch([u.time, encodeUpdate(u, 0)], () => u.symbol);
  expect(updates).toHaveLength(1);
  return updates[0]!;
}

type Fault = 'deliver' | 'drop' | 'duplicate' | 'swap' | 'replay';

/** The order in which the network hands the updates over. */
function deliver(updates: readonly MarketUpdate[], faults: readonly Fault[]): MarketUpdate[] {
  const out: MarketUpdate[] = [];
  for (let i = 0; i < updates.length; i++) {
    const u = updates[i] as MarketUpdate;
    const next = updates[i + 1];
    switch (faults[i] ?? 'deliver') {
      case 'deliver':
        out.push(u);
        break;
      case 'drop':
        break;
      case 'duplicate':
        out.push(u, u);
        break;
      case 'swap':
        if (next) {
          out.push(next, u);
          i++;
        } else out.push(u);
        break;
      case 'replay':
        // An old update delivered again after the current one.
        out.push(u, updates[Math.max(0, i - 3)] as MarketUpdate);
        break;
    }
  }
  return out;
}

const side = fc.constantFrom<SideCode>(BID, ASK);
const levelUpdate = fc
  .tuple(side, fc.integer({ min: 1, max: 20 }), fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 })))
  .map(([s, price, size]) => up(s, price, size));
const serverStep: fc.Arbitrary<ServerStep> = fc.record({
  levels: fc.array(levelUpdate, { maxLength: 6 }),
  trades: fc.array(fc.record({ price: fc.integer({ min: 1, max: 20 }), size: fc.integer({ min: 1, max: 5 }) }), {
    maxLength: 3,
  }),
  dt: fc.oneof(fc.integer({ min: 0, max: 1_200 }), fc.integer({ min: 1_200, max: 8_000 })),
});
const fault: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('deliver' as const) },
  { weight: 1, arbitrary: fc.constant('drop' as const) },
  { weight: 1, arbitrary: fc.constant('duplicate' as const) },
  { weight: 1, arbitrary: fc.constant('swap' as const) },
  { weight: 1, arbitrary: fc.constant('replay' as const) },
);

describe('SymbolReplica behind a faulty network', () => {
  it('is always either exactly the server state at its seq, or unsynced, and ends equal to the server', () => {
    fc.assert(
      fc.property(
        fc.array(levelUpdate, { maxLength: 20 }),
        fc.array(serverStep, { minLength: 1, maxLength: 40 }),
        fc.array(fault, { maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 10 }),
        fc.nat(),
        (initial, steps, faults, leads, firstSnapshot) => {
          const server = runServer(initial, steps);
          const last = server.updates.length;
          const replica = new SymbolReplica('SIM', { tradeCapacity: TRADES, candleCapacity: CANDLES });

          const check = () => {
            if (!replica.synced) return;
            const expected = server.states[replica.seq];
            expect(expected).toBeDefined();
            expect(all(replica.book)).toEqual(expected?.book);
            expect(replica.trades.toArray()).toEqual(expected?.trades);
            expect(replica.candles.toArray()).toEqual(expected?.candles);
            expect(replica.ticker).toEqual(expected?.ticker);
          };

          // The first snapshot may already include some of the updates still in flight.
          replica.applySnapshot(server.snapshotAt(firstSnapshot % (last + 1)));
          check();

          let newestSent = 0;
          let resyncs = 0;
          // Every update crosses the wire in its compact form, as in production.
          for (const u of deliver(server.updates.map(overTheWire), faults)) {
            // The server has sent at least everything delivered so far.
            newestSent = Math.max(newestSent, u.seq);
            const seqBefore = replica.seq;
            const result: ApplyResult = replica.applyUpdate(u);
            // The result is exactly what the sequence numbers say it should be.
            const expected: ApplyResult =
              u.seq <= seqBefore ? 'duplicate' : u.seq === seqBefore + 1 ? 'applied' : 'gap';
            expect(result).toBe(expected);
            expect(replica.seq).toBe(result === 'applied' ? u.seq : seqBefore);
            expect(replica.synced).toBe(result !== 'gap');
            check();
            if (result === 'gap') {
              // Resubscribe: the snapshot is of the server at that moment, which may have moved on a little.
              const lead = leads[resyncs++ % leads.length] ?? 0;
              replica.applySnapshot(server.snapshotAt(Math.min(last, newestSent + lead)));
              check();
            }
          }

          // The stream ends; if the last updates were lost, one more snapshot catches up.
          if (replica.seq !== last) replica.applySnapshot(server.snapshotAt(last));
          expect(replica.synced).toBe(true);
          expect(replica.seq).toBe(last);
          check();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays synced and equal at every step when the network is perfect', () => {
    fc.assert(
      fc.property(
        fc.array(levelUpdate, { maxLength: 20 }),
        fc.array(serverStep, { maxLength: 40 }),
        (initial, steps) => {
          const server = runServer(initial, steps);
          const replica = new SymbolReplica('SIM', { tradeCapacity: TRADES, candleCapacity: CANDLES });
          replica.applySnapshot(server.snapshotAt(0));
          for (const u of server.updates.map(overTheWire)) {
            expect(replica.applyUpdate(u)).toBe('applied');
            const s = server.states[u.seq];
            expect({
              book: all(replica.book),
              trades: replica.trades.toArray(),
              candles: replica.candles.toArray(),
              ticker: replica.ticker,
            }).toEqual(s);
          }
        },
      ),
    );
  });

  it('a corrupted book update is caught by its checksum and never applied silently', () => {
    const instrument = makeInstrument({
      symbol: 'SIM',
      name: 'Sim',
      assetClass: 'equity',
      base: 'SIM',
      quote: 'USD',
      tickSize: '1',
      lotSize: '1',
      pricePrecision: 0,
      sizePrecision: 0,
    });
    fc.assert(
      fc.property(
        fc.array(levelUpdate, { maxLength: 20 }),
        fc.array(serverStep, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (initial, steps, pick) => {
          const server = runServer(initial, steps);
          const sum = (seq: number) => bookChecksum(server.states[seq]!.book, instrument);
          const updates = server.updates.map((u) => (u.book ? { ...u, checksum: sum(u.seq) } : u));
          const withBook = updates.filter((u) => u.book);
          fc.pre(withBook.length > 0);
          const target = withBook[pick % withBook.length]!;
          const replica = new SymbolReplica('SIM', { tradeCapacity: TRADES, candleCapacity: CANDLES, instrument });
          expect(replica.applySnapshot({ ...server.snapshotAt(0), checksum: sum(0) })).toBe('applied');
          for (const u of updates) {
            if (u !== target) {
              expect(replica.applyUpdate(u)).toBe('applied');
              continue;
            }
            // One level's size is off by one: a bug or a corrupted message, with a perfectly good seq.
            const [side, price, size] = u.book![0]!;
            const corrupted: MarketUpdate = { ...u, book: [up(side, price, size + 1), ...u.book!.slice(1)] };
            expect(replica.applyUpdate(corrupted)).toBe('mismatch');
            expect(replica.synced).toBe(false);
            const next = updates[u.seq]; // updates[seq - 1] is seq, so this is the one after it
            if (next) expect(replica.applyUpdate(next)).toBe('unsynced');
            return;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
