// Symbols, snapshots and updates for tests, written in integer ticks and lots like the wire.

import {
  bookChecksum,
  CHECKSUM_LEVELS,
  EMPTY_TICKER,
  makeInstrument,
  OrderBook,
  PROTOCOL_VERSION,
  type AggressorCode,
  type BookLevels,
  type Candle,
  type Epoch,
  type FeedState,
  type LevelUpdate,
  type Lots,
  type SideCode,
  type MarketUpdate,
  type SymbolSnapshot,
  type SymbolSpec,
  type SubscribeAck,
  type Ticker,
  type Ticks,
  type Trade,
} from '@tickline/shared';
import { manualScheduler, type ManualScheduler } from '../market/frame-scheduler.ts';
import { MarketStore } from '../market/store.ts';

export const BTC: SymbolSpec = {
  symbol: 'BTC-USD',
  name: 'Bitcoin',
  assetClass: 'crypto',
  base: 'BTC',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '0.0001',
  pricePrecision: 2,
  sizePrecision: 4,
};

export const EURUSD: SymbolSpec = {
  symbol: 'EUR/USD',
  name: 'Euro / US Dollar',
  assetClass: 'fx',
  base: 'EUR',
  quote: 'USD',
  tickSize: '0.00001',
  lotSize: '1000',
  pricePrecision: 5,
  sizePrecision: 0,
};

export const AAPL: SymbolSpec = {
  symbol: 'AAPL',
  name: 'Apple Inc.',
  assetClass: 'equity',
  base: 'AAPL',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  pricePrecision: 2,
  sizePrecision: 0,
};

export const SPECS: readonly SymbolSpec[] = [BTC, EURUSD, AAPL];

/** The epoch a test server's snapshots and acks belong to unless a test says otherwise. */
export const EPOCH: Epoch = 1;

/** 2025-01-02 03:04:05.678 UTC. */
export const T0 = Date.UTC(2025, 0, 2, 3, 4, 5, 678);

export const ticks = (n: number): Ticks => n as Ticks;
export const lots = (n: number): Lots => n as Lots;

export function book(bids: [number, number][], asks: [number, number][]): BookLevels {
  return {
    bids: bids.map(([p, s]) => [ticks(p), lots(s)] as const),
    asks: asks.map(([p, s]) => [ticks(p), lots(s)] as const),
  };
}

/** A book change as the wire carries it: side (0 bid, 1 ask), price, new absolute size (0 removes). */
export function level(side: SideCode, price: number, size: number): LevelUpdate {
  return [side, ticks(price), lots(size)];
}

export function trade(id: number, price: number, size: number, aggressor: AggressorCode, time = T0 + id): Trade {
  return [id, ticks(price), lots(size), aggressor, time];
}

export function candle(time: number, open: number, high: number, low: number, close: number, volume: number): Candle {
  return [time, ticks(open), ticks(high), ticks(low), ticks(close), lots(volume)];
}

/** A ticker with a last trade at `last` and a session open at `open`. */
export function ticker(last: number | null, open: number | null = last): Ticker {
  return {
    ...EMPTY_TICKER,
    last: last === null ? null : ticks(last),
    open: open === null ? null : ticks(open),
    high: last === null ? null : ticks(Math.max(last, open ?? last)),
    low: last === null ? null : ticks(Math.min(last, open ?? last)),
    volume: lots(12_345),
    trades: 10,
  };
}

/** The checksum the server would send for `levels` of `symbol` (symbols outside SPECS are priced like BTC). */
export function checksumOf(symbol: string, levels: BookLevels): number {
  const spec = SPECS.find((s) => s.symbol === symbol) ?? { ...BTC, symbol };
  const sorted = new OrderBook();
  sorted.applySnapshot(levels);
  return bookChecksum(sorted.top(CHECKSUM_LEVELS), makeInstrument(spec));
}

const sids = new Map<string, number>();

/** The stream id a test server gives `symbol`: the same one in its snapshots and in its `md` batches. */
export function sidOf(symbol: string): number {
  let sid = sids.get(symbol);
  if (sid === undefined) sids.set(symbol, (sid = sids.size));
  return sid;
}

/** A snapshot whose checksum is its book's real one, unless `fields` gives another. */
export function snapshot(symbol: string, fields: Partial<SymbolSnapshot> = {}): SymbolSnapshot {
  const levels = fields.book ?? { bids: [], asks: [] };
  return {
    symbol,
    epoch: EPOCH,
    sid: sidOf(symbol),
    seq: 10,
    time: T0,
    depth: 20,
    book: levels,
    checksum: checksumOf(symbol, levels),
    status: 'live',
    trades: [],
    candleIntervalMs: 60_000,
    candles: [],
    ticker: EMPTY_TICKER,
    ...fields,
  };
}

/** A success ack of subscribe or resync, as a server at `epoch` sends it (resync acks have the same shape). */
export function okAck(snapshots: SymbolSnapshot[], epoch: Epoch = EPOCH): SubscribeAck {
  return { ok: true, version: PROTOCOL_VERSION, epoch, snapshots };
}

/** What a server says in `feed:status`. */
export function feedState(epoch: Epoch, status: FeedState['status'] = 'live'): FeedState {
  return { version: PROTOCOL_VERSION, epoch, status };
}

export function update(
  symbol: string,
  seq: number,
  fields: Omit<Partial<MarketUpdate>, 'symbol' | 'seq'> = {},
): MarketUpdate {
  return { symbol, seq, time: T0 + seq, ...fields };
}

export interface TestMarket {
  store: MarketStore;
  frames: ManualScheduler;
}

/** A store over SPECS whose notifications wait for `frames.flush()`. */
export function testMarket(specs: readonly SymbolSpec[] = SPECS): TestMarket {
  const frames = manualScheduler();
  return { store: new MarketStore(specs, { schedule: frames.schedule }), frames };
}
