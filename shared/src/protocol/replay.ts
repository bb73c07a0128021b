// Replay controls: what a presenter can do to a recording played back (`--feed replay`): pause, change the speed,
// jump to a moment. GET /api/admin/replay tells where it stands; POST /api/admin/replay acts and tells again.

import { z } from 'zod';

/** Slowest and fastest speeds the controls take (the command line also takes `max`, as fast as it goes). */
export const REPLAY_SPEED_RANGE = { min: 0.1, max: 1000 } as const;

export const REPLAY_ACTIONS = ['pause', 'resume', 'speed', 'seek'] as const;
export type ReplayAction = (typeof REPLAY_ACTIONS)[number];

export type ReplayRequest =
  | { action: 'pause' }
  | { action: 'resume' }
  /** Plays on from the playhead at `speed` × the recorded pace. */
  | { action: 'speed'; speed: number }
  /** Jumps to `positionMs` of the recording (from its first event). */
  | { action: 'seek'; positionMs: number };

/** Where a replay stands. */
export interface ReplayState {
  /** The recording's file name (no directory). */
  file: string;
  /** The playhead: ms of recording from its first event. */
  positionMs: number;
  durationMs: number;
  /** Recorded time per played time; null for `max` (as fast as the server takes it). */
  speed: number | null;
  /** Paused by a presenter: every symbol shows halted until it resumes. */
  paused: boolean;
  /** Played to its end and not looping: nothing more comes until a jump. */
  ended: boolean;
  loop: boolean;
  /** Times the recording started over (loop). */
  pass: number;
}

export const replayRequestSchema: z.ZodType<ReplayRequest> = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('pause') }).strict(),
    z.object({ action: z.literal('resume') }).strict(),
    z
      .object({
        action: z.literal('speed'),
        speed: z
          .number()
          .min(REPLAY_SPEED_RANGE.min, `speed is from ${REPLAY_SPEED_RANGE.min} to ${REPLAY_SPEED_RANGE.max}`)
          .max(REPLAY_SPEED_RANGE.max, `speed is from ${REPLAY_SPEED_RANGE.min} to ${REPLAY_SPEED_RANGE.max}`),
      })
      .strict(),
    z
      .object({
        action: z.literal('seek'),
        positionMs: z.number().int('positionMs is whole milliseconds').nonnegative('positionMs is 0 or more'),
      })
      .strict(),
  ],
  { error: `action is one of ${REPLAY_ACTIONS.join(', ')}` },
);
