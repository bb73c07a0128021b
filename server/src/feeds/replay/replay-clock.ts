// How a replayed event's times are rewritten so the recording happens now: never later than the wall clock (a chart
// must not show candles from the future), always later than the pass before (a loop never runs time backwards).
// Pure: the recorded event and the pass's numbers in, the event as played out.

import { type Candle, INTERVAL_MS } from '@tickline/shared';
import type { MarketEvent } from '../feed.ts';

export interface PassTiming {
  /** Wall time the pass started. */
  passStart: number;
  /** Receive time of the recording's first event: what passStart stands for. */
  t0: number;
  /** Recorded time per played time; Infinity plays as fast as possible. */
  speed: number;
  /**
   * No time is earlier than this: after a loop, the pass's start. Events recorded with times before the
   * recording's first receive time (a simulator's warm-up trades, say) would otherwise land among the last pass's.
   */
  floor: number;
}

/**
 * The event's time in this pass, at most `now` (the feed starts a pass no earlier than its floor). At a finite speed the recording's spacing is compressed like the
 * playback; at infinite speed an event is simply stamped when it is played, so times track the wall clock.
 */
export function playedTime(recordedTime: number, timing: PassTiming, now: number): number {
  if (!Number.isFinite(timing.speed)) return Math.max(timing.floor, now);
  return Math.min(now, Math.max(timing.floor, timing.passStart + (recordedTime - timing.t0) / timing.speed));
}

/**
 * The event as played at `time`. History candles move by the same shift as the event, rounded down to whole
 * intervals so they stay on their buckets and still end before the event: they are the past of what follows.
 */
export function rebased(event: MarketEvent, time: number): MarketEvent {
  if (event.type !== 'history') return { ...event, time };
  const step = INTERVAL_MS[event.interval];
  const shift = Math.floor((time - event.time) / step) * step;
  const candles = event.candles.map((c): Candle => [c[0] + shift, c[1], c[2], c[3], c[4], c[5]]);
  return { ...event, time, candles };
}
