import {
  type Candle,
  type HistoryAck,
  type HistoryRequest,
  INTERVAL_MS,
  type Lots,
  type Ticks,
  tradeId,
} from '@tickline/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CandleBook, type StreamView } from './candle-book.ts';
import type { StreamPosition } from './interval-series.ts';

const MINUTE = INTERVAL_MS['1m'];
const c = (i: number, price = 100): Candle => [
  i * MINUTE,
  price as Ticks,
  price as Ticks,
  price as Ticks,
  price as Ticks,
  1 as Lots,
];

/** A server that holds candles 0..count-1 at seq 5 of epoch 1, answering in pages like the real one. */
function historyServer(count: number) {
  const requests: HistoryRequest[] = [];
  const answers: ((ack?: HistoryAck) => void)[] = [];
  const page = (request: HistoryRequest): HistoryAck => {
    const all = Array.from({ length: count }, (_, i) => c(i)).filter(
      (x) => request.before === undefined || x[0] < request.before,
    );
    const candles = all.slice(-request.limit);
    return {
      ok: true,
      symbol: request.symbol,
      interval: request.interval,
      epoch: 1,
      seq: 5,
      candles,
      more: all.length > candles.length,
    };
  };
  return {
    requests,
    /** Answers are held until `answer` releases them, as a network would. */
    source: (request: HistoryRequest) => {
      requests.push(request);
      return new Promise<HistoryAck>((resolve) => answers.push((ack) => resolve(ack ?? page(request))));
    },
    async answer(ack?: HistoryAck) {
      const next = answers.shift();
      if (!next) throw new Error('no request is waiting');
      next(ack);
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

const synced: StreamPosition = { epoch: 1, seq: 5, synced: true, trades: [] };
const streamView = (position = synced): StreamView => ({
  epoch: () => position.epoch,
  streamIntervalMs: () => 5000,
  position: () => position,
  streamCandles: () => ({ candles: [], intervalMs: 5000 }),
});

afterEach(() => {
  vi.useRealTimers();
});

describe('CandleBook', () => {
  it('asks for the newest page when a view retains a series, then pages back on demand until the server has no more', async () => {
    const server = historyServer(7);
    const book = new CandleBook(streamView(), () => {}, { pageSize: 3 });
    book.attach(server.source);
    book.retain('X', '1m', 680);
    expect(book.state('X', '1m')).toBe('loading');
    expect(server.requests).toEqual([{ symbol: 'X', interval: '1m', limit: 3 }]);
    await server.answer();
    expect(book.state('X', '1m')).toBe('more');
    book.loadOlder('X', '1m');
    book.loadOlder('X', '1m'); // one page at a time
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]).toEqual({ symbol: 'X', interval: '1m', limit: 3, before: 4 * MINUTE });
    await server.answer();
    book.loadOlder('X', '1m');
    await server.answer();
    expect(book.state('X', '1m')).toBe('complete');
    const series = book.peek('X', '1m')!;
    expect([...series.closed(), series.live()].map((x) => x![0] / MINUTE)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('retries a refused request no sooner than the server asked, and gives up on a final refusal', async () => {
    vi.useFakeTimers();
    const server = historyServer(2);
    const book = new CandleBook(streamView(), () => {}, { random: () => 0 });
    book.attach(server.source);
    book.retain('X', '1m', 680);
    await server.answer({ ok: false, error: { code: 'rate_limited', message: 'slow down', retryAfterMs: 3000 } });
    expect(book.state('X', '1m')).toBe('failed');
    await vi.advanceTimersByTimeAsync(2999);
    expect(server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.requests).toHaveLength(2);
    await server.answer({ ok: false, error: { code: 'unknown_symbol', message: 'no such symbol' } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.requests).toHaveLength(2);
  });

  it('drops an answer to a series that was evicted meanwhile, and keeps a few idle series for switching back', async () => {
    const server = historyServer(2);
    const book = new CandleBook(streamView(), () => {}, { idleSeries: 1 });
    book.attach(server.source);
    book.retain('X', '1m', 680)();
    book.retain('X', '5m', 680)();
    expect(book.peek('X', '1m')).toBeUndefined();
    expect(book.peek('X', '5m')).toBeDefined();
    await server.answer();
    await server.answer();
    expect(book.peek('X', '5m')!.size).toBe(2);
  });

  it('trims a series no view uses to its newest candles, and fetches the older ones again when panned to', async () => {
    const server = historyServer(800);
    const book = new CandleBook(streamView(), () => {}, { pageSize: 500, idleCandles: 240 });
    book.attach(server.source);
    const release = book.retain('X', '1m', 680);
    await server.answer();
    expect(book.peek('X', '1m')!.size).toBe(500);
    release();
    expect(book.peek('X', '1m')!.size).toBe(240);
    expect(book.peek('X', '1m')!.oldestTime()).toBe(560 * MINUTE);

    book.retain('X', '1m', 680);
    expect(server.requests).toHaveLength(1);
    expect(book.state('X', '1m')).toBe('more');
    book.loadOlder('X', '1m');
    await server.answer();
    expect(server.requests[1]).toMatchObject({ before: 560 * MINUTE });
    expect(book.peek('X', '1m')!.size).toBe(740);
  });

  it('keeps a series in use at what its views need, however long the tab stays open', async () => {
    const server = historyServer(800);
    const position = { ...synced };
    const book = new CandleBook(streamView(position), () => {}, { pageSize: 500, idleCandles: 240 });
    book.attach(server.source);
    const chart = book.retain('X', '1m', 600);
    const sparkline = book.retain('X', '1m', 61);
    await server.answer();
    const series = book.peek('X', '1m')!;
    expect(series.size).toBe(500);
    // A day of live one-minute candles.
    for (let i = 0; i < 1440; i++) {
      const seq = position.seq + 1;
      book.onUpdate('X', {
        symbol: 'X',
        seq,
        time: 0,
        trades: [[tradeId(seq, 0), 1 as Ticks, 1 as Lots, 0, (800 + i) * MINUTE]],
      });
      position.seq = seq;
    }
    expect(series.size).toBe(600);
    expect(series.live()![0]).toBe(2239 * MINUTE);
    expect(book.state('X', '1m')).toBe('more');
    // The chart moves to another symbol; the row's sparkline keeps the idle floor.
    chart();
    expect(series.size).toBe(240);
    sparkline();
    expect(series.size).toBe(240);
  });

  it('keeps at most a few idle series of a few candles each for the symbols a reader visited', async () => {
    const server = historyServer(800);
    const book = new CandleBook(streamView(), () => {}, { pageSize: 500, idleSeries: 16, idleCandles: 240 });
    book.attach(server.source);
    const symbols = Array.from({ length: 30 }, (_, i) => `S${i}`);
    for (const symbol of symbols) {
      const release = book.retain(symbol, '1m', 680);
      await server.answer();
      expect(book.peek(symbol, '1m')!.size).toBe(500);
      release();
    }
    const held = symbols.map((symbol) => book.peek(symbol, '1m')?.size ?? 0);
    expect(held.filter((n) => n > 0)).toHaveLength(16);
    expect(Math.max(...held)).toBe(240);
  });

  it('holds requests until a source is attached', async () => {
    const server = historyServer(1);
    const book = new CandleBook(streamView(), () => {});
    book.retain('X', '1h', 680);
    expect(server.requests).toHaveLength(0);
    book.attach(server.source);
    expect(server.requests).toHaveLength(1);
    await server.answer();
    expect(book.state('X', '1h')).toBe('complete');
  });

  it('refetches the newest candles after a snapshot from another epoch', async () => {
    const server = historyServer(2);
    const position = { ...synced };
    const book = new CandleBook(streamView(position), () => {});
    book.attach(server.source);
    book.retain('X', '1m', 680);
    await server.answer();
    position.epoch = 2;
    book.onSnapshot('X');
    expect(server.requests).toHaveLength(2);
  });
});
