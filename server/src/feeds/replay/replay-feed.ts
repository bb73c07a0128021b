// --feed replay: a recording played back as a live feed, at any speed, once or forever, with no network.
// Event times are shifted so the replay happens now (replay-clock): charts and ages look live, the market is the
// recorded one, and no time is ever later than the wall clock. Each loop is marked on every symbol's chart.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPLAY_SPEED_RANGE, type SymbolSpec } from '@tickline/shared';
import type { FeedAdapter, MarketEvent, MarketEventSink, ReplayControls } from '../feed.ts';
import { HealthTracker } from '../kit/feed-health.ts';
import { parseRecording, type RecordedEvent } from '../record/recording-format.ts';
import { playedTime, rebased } from './replay-clock.ts';

export interface ReplayFeedOptions {
  file: string;
  /** Playback speed multiplier; Infinity plays everything as fast as the hub takes it. */
  speed: number;
  loop: boolean;
  clock?: () => number;
  /** Malformed lines are reported here once, at creation. */
  onMalformed?: (count: number, first: string) => void;
}

/** Events emitted in one go at infinite speed, before yielding to the event loop. */
const MAX_SPEED_CHUNK = 5000;

/** The chart mark every symbol gets when a looping replay starts over. */
export const REPLAY_RESTARTED = 'replay restarted';

/** The chart mark every symbol gets when the presenter jumps to another moment of the recording. */
export const REPLAY_JUMPED = 'replay jumped';

export function createReplayFeed(options: ReplayFeedOptions): FeedAdapter {
  const { header, events, malformed } = parseRecording(readFileSync(options.file, 'utf8'), options.file);
  if (events.length === 0) throw new Error(`${options.file} holds no events to replay`);
  if (!(options.speed > 0)) throw new RangeError(`replay speed must be positive, got ${options.speed}`);
  const first = malformed[0];
  if (first) options.onMalformed?.(malformed.length, `line ${first.line}: ${first.reason}`);

  const clock = options.clock ?? Date.now;
  const health = new HealthTracker(clock);
  for (const m of malformed) health.malformed(`line ${m.line}: ${m.reason}`);
  const symbols: readonly SymbolSpec[] = header.symbols;
  /** Receive time of the recording's first and last events: position 0 and the duration. */
  const start = events[0]!.t;
  const durationMs = events[events.length - 1]!.t - start;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let sink: MarketEventSink | undefined;
  let next = 0;
  let pass = 0;
  /** Backfill is the past of the first pass only: a later pass, or a jump back, has its own past. */
  let backfillDone = false;
  /** `t0` is the recorded time that `passStart` stands for: the playhead is t0 + (now - passStart) × speed. */
  const timing = { passStart: clock(), t0: start, speed: options.speed, floor: Number.NEGATIVE_INFINITY };
  /** Set by pause(): the recorded time the playhead stopped at. */
  let pausedAt: number | undefined;
  let ended = false;
  /** A mark to put on every chart before the next event (a loop, a jump), and when. */
  let pendingMark: string | undefined;
  /** The latest time played so far: what follows is stamped after it. */
  let latest = Number.NEGATIVE_INFINITY;

  const playhead = (): number => {
    if (pausedAt !== undefined) return pausedAt;
    if (!Number.isFinite(timing.speed)) return next < events.length ? events[next]!.t : start + durationMs;
    return timing.t0 + (clock() - timing.passStart) * timing.speed;
  };
  /** Plays on from recorded time `at`, now, at the current speed. */
  const anchor = (at: number): void => {
    timing.t0 = at;
    timing.passStart = Math.max(clock(), latest);
    timing.floor = Math.max(timing.floor, latest);
  };
  const emit = (recorded: RecordedEvent, now: number, asFastAsPossible = false): void => {
    if (recorded.event.type === 'history' && backfillDone) return;
    const time = asFastAsPossible ? Math.max(timing.floor, latest, now) : playedTime(recorded.event.time, timing, now);
    latest = Math.max(latest, time);
    sink?.(rebased(recorded.event, time));
    health.message();
  };
  const everySymbol = (event: (symbol: string, time: number) => MarketEvent): void => {
    const time = Math.max(latest, clock());
    latest = time;
    for (const { symbol } of symbols) sink?.(event(symbol, time));
  };
  const endOfPass = (): boolean => {
    if (next < events.length) return false;
    backfillDone = true;
    if (!options.loop) {
      ended = true;
      health.status('halted');
      return true;
    }
    // The next pass starts after this one's last time, so time never runs backwards across the loop.
    next = 0;
    pass++;
    timing.t0 = start;
    timing.passStart = timing.floor = Math.max(clock(), latest + 1);
    pendingMark = REPLAY_RESTARTED;
    return false;
  };
  const tick = (): void => {
    timer = undefined;
    if (!running || pausedAt !== undefined || ended) return;
    // A pass starts no earlier than the wall clock allows: its times must not be ahead of it.
    const early = timing.passStart - clock();
    if (early > 0) {
      timer = setTimeout(tick, early);
      return;
    }
    if (pendingMark) {
      const label = pendingMark;
      pendingMark = undefined;
      everySymbol((symbol, time) => ({ type: 'mark', symbol, time, label }));
    }
    if (!Number.isFinite(timing.speed)) {
      for (let n = 0; n < MAX_SPEED_CHUNK && next < events.length; n++) emit(events[next++]!, clock());
      if (!endOfPass()) timer = setTimeout(tick, 0);
      return;
    }
    const now = clock();
    const head = playhead();
    while (next < events.length && events[next]!.t <= head) emit(events[next++]!, now);
    if (endOfPass()) return;
    const due = (events[next]!.t - timing.t0) / timing.speed - (clock() - timing.passStart);
    timer = setTimeout(tick, Math.max(0, Math.min(due, 1000)));
  };
  const reschedule = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (running) tick();
  };

  const controls: ReplayControls = {
    state: () => ({
      file: path.basename(options.file),
      positionMs: Math.min(durationMs, Math.max(0, playhead() - start)),
      durationMs,
      speed: Number.isFinite(timing.speed) ? timing.speed : null,
      paused: pausedAt !== undefined,
      ended,
      loop: options.loop,
      pass,
    }),
    pause() {
      if (pausedAt !== undefined || !running) return;
      pausedAt = Math.min(playhead(), start + durationMs);
      clearTimeout(timer);
      timer = undefined;
      // Frozen, not silent: clients show the market halted rather than call it stale after a few seconds.
      everySymbol((symbol, time) => ({ type: 'status', symbol, time, status: 'halted' }));
    },
    resume() {
      if (pausedAt === undefined || !running) return;
      const at = pausedAt;
      pausedAt = undefined;
      everySymbol((symbol, time) => ({ type: 'status', symbol, time, status: 'live' }));
      anchor(at);
      reschedule();
    },
    setSpeed(speed) {
      if (!(speed >= REPLAY_SPEED_RANGE.min && speed <= REPLAY_SPEED_RANGE.max))
        throw new RangeError(`speed must be from ${REPLAY_SPEED_RANGE.min} to ${REPLAY_SPEED_RANGE.max}`);
      const at = Math.min(playhead(), start + durationMs);
      timing.speed = speed;
      if (pausedAt === undefined) {
        anchor(at);
        reschedule();
      }
    },
    seek(positionMs) {
      if (!(positionMs >= 0 && positionMs <= durationMs))
        throw new RangeError(`position must be from 0 to ${durationMs} ms`);
      if (!running) return;
      const target = start + positionMs;
      const now = clock();
      // Back: the books are rebuilt from the recording's start (its snapshots), played through as fast as it goes.
      if (next > 0 && events[next - 1]!.t > target) {
        next = 0;
        backfillDone = true;
      }
      while (next < events.length && events[next]!.t <= target) emit(events[next++]!, now, true);
      ended = false;
      everySymbol((symbol, time) => ({ type: 'mark', symbol, time, label: REPLAY_JUMPED }));
      if (pausedAt !== undefined) pausedAt = target;
      else {
        anchor(target);
        reschedule();
      }
    },
  };

  return {
    id: 'replay',
    symbols,
    replay: controls,

    async start(out: MarketEventSink): Promise<void> {
      if (running) throw new Error('the replay feed is already started');
      running = true;
      sink = out;
      health.status('live');
      timing.passStart = clock();
      tick();
    },

    async stop(): Promise<void> {
      running = false;
      clearTimeout(timer);
    },

    health: () => health.snapshot(),
  };
}
