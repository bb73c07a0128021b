// What the server last said about its feed (`feed:status`), as the store keeps it for the status bar and diagnostics.

import type { Epoch, FeedState } from '@tickline/shared';

/**
 * - epoch: the run of the sequencer our sequence numbers and stream ids belong to; null before the first word;
 * - stale: the server hears nothing from its feed, so every symbol's numbers are the last known, not live.
 */
export interface FeedView {
  readonly epoch: Epoch | null;
  readonly stale: boolean;
}

export const UNKNOWN_FEED: FeedView = { epoch: null, stale: false };

/** `current` updated with `state`; `current` itself when nothing changed, so a React snapshot keeps its identity. */
export function nextFeedView(current: FeedView, state: FeedState): FeedView {
  const stale = state.status === 'stale';
  if (current.epoch === state.epoch && current.stale === stale) return current;
  return { epoch: state.epoch, stale };
}
