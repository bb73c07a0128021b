import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MarketHub } from '../../hub/market-hub.ts';
import type { MarketEvent } from '../feed.ts';
import { createRecorder } from '../record/recorder.ts';
import { runSimSteps } from '../sim/sim-session.ts';
import { selectSimSymbols } from '../../exchange/symbols.ts';
import { createReplayFeed, REPLAY_JUMPED, REPLAY_RESTARTED } from './replay-feed.ts';
import { parseRecording } from '../record/recording-format.ts';
import type { Candle, Lots, Ticks } from '@tickline/shared';

const dir = mkdtempSync(path.join(tmpdir(), 'tickline-replay-'));
const SYMBOLS = ['AAPL', 'BTC-USD'];
const specs = selectSimSymbols(SYMBOLS).map((s) => s.spec);
const hubOptions = {
  depth: 25,
  tradeHistory: 100_000,
  candleIntervalMs: 1000,
  candleHistory: 100,
  maxTradesPerUpdate: 1000,
  staleAfterMs: 1e9,
};

afterEach(() => {
  vi.useRealTimers();
});

async function record(file: string, events: MarketEvent[], start = 1_700_000_000_000, stepMs = 25): Promise<void> {
  let t = start;
  const recorder = createRecorder(
    file,
    specs,
    (err) => {
      throw err;
    },
    () => (t += stepMs),
  );
  for (const e of events) recorder.record(e);
  await recorder.close();
}

function feedHub(events: MarketEvent[]): MarketHub {
  const hub = new MarketHub(hubOptions, () => 0);
  hub.addSymbols(specs);
  for (const e of events) hub.ingest(e);
  return hub;
}

const essentials = (hub: MarketHub, symbol: string) => {
  const s = hub.snapshot(symbol, 0)!;
  return {
    book: s.book,
    checksum: s.checksum,
    trades: s.trades.map(([id, p, q, side]) => [id, p, q, side]),
    ticker: s.ticker,
  };
};

describe('record and replay', () => {
  it('a recorded session replayed at max speed rebuilds the same books and trades', async () => {
    const events = runSimSteps({ seed: 3, symbols: SYMBOLS }, 800, 1_700_000_000_000);
    const file = path.join(dir, 'round-trip.ndjson');
    await record(file, events);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toContain('"format":"tickline-recording"');

    const original = feedHub(events);
    original.flush(0);
    const replayed = new MarketHub(hubOptions, () => 0);
    const feed = createReplayFeed({ file, speed: Number.POSITIVE_INFINITY, loop: false });
    replayed.addSymbols(feed.symbols);
    await feed.start(replayed.ingest);
    await vi.waitFor(() => expect(feed.health().status).toBe('halted'), { timeout: 5000 });
    replayed.flush(0);

    expect(feed.symbols).toEqual(specs);
    expect(feed.health().messages).toBe(events.length);
    for (const symbol of SYMBOLS) {
      expect(essentials(replayed, symbol).trades.length).toBeGreaterThan(10);
      expect(essentials(replayed, symbol)).toEqual(essentials(original, symbol));
    }
  });

  it('plays at the recorded pace times the speed, with times shifted to now', async () => {
    const events = runSimSteps({ seed: 5, symbols: ['AAPL'] }, 40, 1_000);
    const file = path.join(dir, 'pace.ndjson');
    await record(file, events, 1_000, 100); // one event every 100 ms of recording
    vi.useFakeTimers({ now: 5_000_000 });
    const feed = createReplayFeed({ file, speed: 10, loop: false, clock: () => Date.now() });
    const got: MarketEvent[] = [];
    await feed.start((e) => got.push(e));
    expect(got.length).toBe(1);
    vi.advanceTimersByTime(95); // 950 ms of recording at 10x
    expect(got.length).toBe(10);
    vi.advanceTimersByTime(10_000);
    expect(got.length).toBe(events.length);
    // The header took the recorder clock at 1_100, so the first event was received at 1_200.
    expect(got[0]!.time).toBe(5_000_000 + (events[0]!.time - 1_200) / 10);
    for (const e of got) expect(e.time).toBeLessThanOrEqual(Date.now());
    await feed.stop();
  });

  it('loops forever with time moving on, until stopped', async () => {
    const events = runSimSteps({ seed: 6, symbols: ['AAPL'] }, 10, 1_000);
    const file = path.join(dir, 'loop.ndjson');
    await record(file, events);
    vi.useFakeTimers({ now: 10_000_000 });
    const feed = createReplayFeed({ file, speed: 1, loop: true, clock: () => Date.now() });
    const got: MarketEvent[] = [];
    await feed.start((e) => got.push(e));
    vi.advanceTimersByTime(60_000);
    expect(got.length).toBeGreaterThan(events.length * 3);
    const snapshots = got.filter((e) => e.type === 'book:snapshot').map((e) => e.time);
    expect(snapshots.length).toBeGreaterThan(2);
    expect([...snapshots].sort((a, b) => a - b)).toEqual(snapshots);
    await feed.stop();
    const count = got.length;
    vi.advanceTimersByTime(60_000);
    expect(got.length).toBe(count);
  });

  it('at max speed and looping, never stamps a time ahead of the clock, moves on each loop and marks it', async () => {
    const events = runSimSteps({ seed: 9, symbols: SYMBOLS }, 200, 1_700_000_000_000);
    const file = path.join(dir, 'max-loop.ndjson');
    await record(file, events);
    vi.useFakeTimers({ now: 20_000_000 });
    const feed = createReplayFeed({ file, speed: Number.POSITIVE_INFINITY, loop: true, clock: () => Date.now() });
    const got: { event: MarketEvent; at: number }[] = [];
    await feed.start((event) => got.push({ event, at: Date.now() }));
    await vi.waitFor(() => {
      vi.advanceTimersByTime(5);
      expect(got.filter((g) => g.event.type === 'mark').length).toBeGreaterThanOrEqual(3 * SYMBOLS.length);
    });
    await feed.stop();
    for (const { event, at } of got) expect(event.time).toBeLessThanOrEqual(at);
    const times = got.map((g) => g.event.time);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // Each loop: one mark per symbol, at a time later than anything the pass before it played.
    got.forEach(({ event }, i) => {
      if (event.type !== 'mark') return;
      expect(event.label).toBe(REPLAY_RESTARTED);
      const before = got.slice(0, i).filter((g) => g.event.type !== 'mark');
      expect(event.time).toBeGreaterThan(Math.max(...before.map((g) => g.event.time)));
    });
    const marks = got.filter((g) => g.event.type === 'mark').map((g) => g.event.symbol);
    expect(marks.slice(0, 2).sort()).toEqual([...SYMBOLS].sort());
  });

  describe('the presenter’s controls', () => {
    /** 40 steps recorded, an event every 100 ms of recording (a snapshot, then trades and deltas). */
    async function controlled() {
      const events = runSimSteps({ seed: 5, symbols: ['AAPL'] }, 40, 1_000);
      const file = path.join(dir, 'controls.ndjson');
      await record(file, events, 1_000, 100);
      vi.useFakeTimers({ now: 5_000_000 });
      const feed = createReplayFeed({ file, speed: 1, loop: false, clock: () => Date.now() });
      const got: MarketEvent[] = [];
      await feed.start((e) => got.push(e));
      expect(feed.replay!.state().durationMs).toBe((events.length - 1) * 100);
      return { events, feed, controls: feed.replay!, got };
    }

    it('pause freezes the playhead and shows the symbols halted; resume plays on from there', async () => {
      const { feed, controls, got } = await controlled();
      vi.advanceTimersByTime(1000);
      const before = got.length;
      controls.pause();
      expect(controls.state()).toMatchObject({ paused: true, positionMs: 1000, speed: 1 });
      // One status per symbol of the recording (its header has both).
      expect(got.slice(before)).toEqual(
        SYMBOLS.map((symbol) => expect.objectContaining({ type: 'status', symbol, status: 'halted' })),
      );
      vi.advanceTimersByTime(10_000);
      expect(got.length).toBe(before + SYMBOLS.length);
      expect(controls.state().positionMs).toBe(1000);
      controls.resume();
      expect(got.at(-1)).toMatchObject({ type: 'status', status: 'live' });
      vi.advanceTimersByTime(1000);
      expect(controls.state()).toMatchObject({ paused: false, positionMs: 2000 });
      // 10 s paused moved nothing: 21 events played (positions 0 … 2000 ms), plus the two statuses.
      expect(got.filter((e) => e.type !== 'status').length).toBe(21);
      await feed.stop();
    });

    it('a new speed plays on from the playhead at that pace', async () => {
      const { feed, controls, got } = await controlled();
      vi.advanceTimersByTime(1000);
      controls.setSpeed(10);
      vi.advanceTimersByTime(100); // 1 s of recording at 10×
      expect(controls.state()).toMatchObject({ positionMs: 2000, speed: 10 });
      expect(got.length).toBe(21);
      expect(() => controls.setSpeed(0)).toThrow(RangeError);
      expect(() => controls.setSpeed(5000)).toThrow(RangeError);
      await feed.stop();
    });

    it('jumps forward and back: the books are those of that moment, the charts are marked, time never runs back', async () => {
      const { events, feed, controls, got } = await controlled();
      vi.advanceTimersByTime(500);
      controls.seek(3000);
      expect(controls.state().positionMs).toBe(3000);
      // Everything recorded up to 3 s is in, then a mark.
      expect(got.filter((e) => e.type !== 'mark').length).toBe(31);
      expect(got.at(-1)).toMatchObject({ type: 'mark', label: REPLAY_JUMPED });
      const hubAfter = (played: MarketEvent[]) => feedHub(played);
      const expected = feedHub(events.slice(0, 31));
      expect(essentials(hubAfter(got), 'AAPL').book).toEqual(essentials(expected, 'AAPL').book);

      vi.advanceTimersByTime(200);
      const from = got.length;
      controls.seek(1000);
      const jump = got.slice(from);
      // Back to 1 s: from the recording's first snapshot through its events up to 1 s, then the mark.
      expect(jump[0]!.type).toBe('book:snapshot');
      expect(jump.at(-1)).toMatchObject({ type: 'mark', label: REPLAY_JUMPED });
      expect(essentials(feedHub(jump.slice(0, -1)), 'AAPL').book).toEqual(
        essentials(feedHub(events.slice(0, 11)), 'AAPL').book,
      );
      const times = got.map((e) => e.time);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      vi.advanceTimersByTime(10_000);
      expect(controls.state()).toMatchObject({ ended: true, positionMs: (events.length - 1) * 100 });
      expect(() => controls.seek(events.length * 100)).toThrow(RangeError);
      await feed.stop();
    });
  });

  it("replays a recording's backfill as backfill: before the first pass only, candles moved into the past", async () => {
    const M = 60_000;
    const start = 1_700_000_040_000;
    const lastMinute = Math.floor(start / M) * M;
    const candles: Candle[] = [0, 1, 2].map((i) => [
      lastMinute - (3 - i) * M,
      100 as Ticks,
      101 as Ticks,
      99 as Ticks,
      100 as Ticks,
      5 as Lots,
    ]);
    const backfill: MarketEvent = { type: 'history', symbol: 'AAPL', time: start, interval: '1m', candles };
    const events = [backfill, ...runSimSteps({ seed: 10, symbols: ['AAPL'] }, 20, start)];
    const file = path.join(dir, 'backfill.ndjson');
    await record(file, events, start, 100);
    expect(parseRecording(readFileSync(file, 'utf8')).events[0]!.event).toEqual(backfill);

    const now = 30_000_000 + 12_345; // not a whole minute: candles must still land on minute buckets
    vi.useFakeTimers({ now });
    const feed = createReplayFeed({ file, speed: 2, loop: true, clock: () => Date.now() });
    const got: MarketEvent[] = [];
    await feed.start((e) => got.push(e));
    vi.advanceTimersByTime(10_000);
    await feed.stop();
    const histories = got.filter((e) => e.type === 'history');
    expect(histories).toHaveLength(1);
    const played = histories[0]!;
    expect(got[0]).toBe(played);
    expect(played.time).toBeLessThanOrEqual(now);
    expect(played.candles.map((c) => c[0] % M)).toEqual([0, 0, 0]);
    expect(played.candles.at(-1)![0] + M).toBeLessThanOrEqual(played.time);
    expect(played.candles.map((c) => c.slice(1))).toEqual(candles.map((c) => c.slice(1)));
    expect(got.filter((e) => e.type === 'mark').length).toBeGreaterThan(0);
  });

  it('skips and counts malformed lines, and refuses a file that is not a recording', async () => {
    const events = runSimSteps({ seed: 7, symbols: ['AAPL'] }, 5, 1_000);
    const file = path.join(dir, 'damaged.ndjson');
    await record(file, events);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    lines.splice(
      2,
      0,
      '{not json',
      '{"t":1,"event":{"type":"trade","symbol":"NOPE","time":1,"price":1,"size":1,"aggressor":0}}',
    );
    writeFileSync(file, lines.join('\n'));
    const reported: string[] = [];
    const feed = createReplayFeed({
      file,
      speed: 1,
      loop: false,
      onMalformed: (n, first) => reported.push(`${n} ${first}`),
    });
    expect(feed.health().malformed).toBe(2);
    expect(reported).toEqual(['2 line 3: not JSON']);

    const notRecording = path.join(dir, 'not.ndjson');
    writeFileSync(notRecording, '{"hello":1}\n');
    expect(() => createReplayFeed({ file: notRecording, speed: 1, loop: false })).toThrow(/not a Tickline recording/);
  });

  it('the example recording shipped in docs/ is a clean, replayable recording', () => {
    const file = new URL('../../../../docs/recordings/sim-3min.ndjson', import.meta.url).pathname;
    const feed = createReplayFeed({ file, speed: 1, loop: true });
    expect(feed.symbols.map((s) => s.symbol)).toEqual(['BTC-USD', 'AAPL', 'EUR/USD']);
    expect(feed.health().malformed).toBe(0);
  });
});
