// --feed replay: a recording played back as a live feed, at any speed, once or forever, with no network.
// Event times are shifted so the replay happens now: charts and ages look live, the market is the recorded one.

import { readFileSync } from 'node:fs';
import type { SymbolSpec } from '@tickline/shared';
import type { FeedAdapter, MarketEvent, MarketEventSink } from '../feed.ts';
import { HealthTracker } from '../kit/feed-health.ts';
import { parseRecording, type RecordedEvent } from '../record/recording-format.ts';

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
  const duration = events[events.length - 1]!.t - t0;
  // Time is compressed like playback; at infinite speed the recorded spacing is kept so candles stay apart.
  const scale = Number.isFinite(options.speed) ? options.speed : 1;
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
      let passStart = clock();

      const emit = (recorded: RecordedEvent): void => {
        const time = passStart + (recorded.event.time - t0) / scale;
        sink({ ...recorded.event, time } as MarketEvent);
        health.message();
      };
      const endOfPass = (): boolean => {
        if (next < events.length) return false;
        if (!options.loop) {
          running = false;
          health.status('halted');
          return true;
        }
        // The next pass starts where this one ended, so time never runs backwards across the loop.
        next = 0;
        passStart = Math.max(clock(), passStart + duration / scale + 1);
        return false;
      };
      const tick = (): void => {
        if (!running) return;
        if (!Number.isFinite(options.speed)) {
          for (let n = 0; n < MAX_SPEED_CHUNK && next < events.length; n++) emit(events[next++]!);
          if (!endOfPass()) timer = setTimeout(tick, 0);
          return;
        }
        const elapsed = (clock() - passStart) * options.speed;
        while (next < events.length && events[next]!.t - t0 <= elapsed) emit(events[next++]!);
        if (endOfPass()) return;
        const due = (events[next]!.t - t0) / options.speed - (clock() - passStart);
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
