// --feed replay: a recording played back as a live feed, at any speed, once or forever, with no network.
// Event times are shifted so the replay happens now (replay-clock): charts and ages look live, the market is the
// recorded one, and no time is ever later than the wall clock. Each loop is marked on every symbol's chart.

import { readFileSync } from 'node:fs';
import type { SymbolSpec } from '@tickline/shared';
import type { FeedAdapter, MarketEventSink } from '../feed.ts';
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
  const t0 = events[0]!.t;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;

  return {
    id: 'replay',
    symbols,

    async start(sink: MarketEventSink): Promise<void> {
      if (running) throw new Error('the replay feed is already started');
      running = true;
      health.status('live');
      let next = 0;
      let pass = 0;
      const timing = { passStart: clock(), t0, speed: options.speed, floor: Number.NEGATIVE_INFINITY };
      let restarted = false;
      /** The latest time played so far: the next pass starts after it. */
      let latest = Number.NEGATIVE_INFINITY;

      const emit = (recorded: RecordedEvent): void => {
        // A recording's backfill is the past of its first pass; later passes have their own past, the pass before.
        if (recorded.event.type === 'history' && pass > 0) return;
        const time = playedTime(recorded.event.time, timing, clock());
        latest = Math.max(latest, time);
        sink(rebased(recorded.event, time));
        health.message();
      };
      const endOfPass = (): boolean => {
        if (next < events.length) return false;
        if (!options.loop) {
          running = false;
          health.status('halted');
          return true;
        }
        // The next pass starts after this one's last time, so time never runs backwards across the loop.
        next = 0;
        pass++;
        timing.passStart = timing.floor = Math.max(clock(), latest + 1);
        restarted = true;
        return false;
      };
      const tick = (): void => {
        if (!running) return;
        // A pass starts no earlier than the wall clock allows: its times must not be ahead of it.
        const early = timing.passStart - clock();
        if (early > 0) {
          timer = setTimeout(tick, early);
          return;
        }
        if (restarted) {
          restarted = false;
          for (const { symbol } of symbols) {
            sink({ type: 'mark', symbol, time: timing.passStart, label: REPLAY_RESTARTED });
          }
        }
        if (!Number.isFinite(options.speed)) {
          for (let n = 0; n < MAX_SPEED_CHUNK && next < events.length; n++) emit(events[next++]!);
          if (!endOfPass()) timer = setTimeout(tick, 0);
          return;
        }
        const elapsed = (clock() - timing.passStart) * options.speed;
        while (next < events.length && events[next]!.t - t0 <= elapsed) emit(events[next++]!);
        if (endOfPass()) return;
        const due = (events[next]!.t - t0) / options.speed - (clock() - timing.passStart);
        timer = setTimeout(tick, Math.max(0, Math.min(due, 1000)));
      };
      tick();
    },

    async stop(): Promise<void> {
      running = false;
      clearTimeout(timer);
    },

    health: () => health.snapshot(),
  };
}
