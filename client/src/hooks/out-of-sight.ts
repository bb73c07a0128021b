// Lets a part of the page follow the store slowly while no one can see it (a watchlist row scrolled out of view).

import { createContext } from 'react';

/** How often a view out of sight reads the store: current enough for a screen reader or find-in-page, and cheap. */
export const OUT_OF_SIGHT_REFRESH_MS = 1000;

/** A refresh round is done in this many slices of the listeners, each in its own idle moment. */
const SLICES = 10;

const slowListeners = new Set<() => void>();
let roundTimer: ReturnType<typeof setInterval> | undefined;
let round: (() => void)[] = [];
let sliceSize = 0;

/**
 * A subscription called back once per OUT_OF_SIGHT_REFRESH_MS instead of on every store change. One shared timer
 * starts a round for every view out of sight, and the round runs a tenth of them at a time when the main thread is
 * idle: all at once made one render of some forty watchlist rows, a 50-70 ms long task each second at the busy
 * market. A row's hooks subscribe one after another, so they mostly share a slice and its render (React batches
 * what one task sets off).
 */
export function subscribeOutOfSight(listener: () => void): () => void {
  slowListeners.add(listener);
  roundTimer ??= setInterval(startRound, OUT_OF_SIGHT_REFRESH_MS);
  return () => {
    slowListeners.delete(listener);
    if (slowListeners.size === 0 && roundTimer !== undefined) {
      clearInterval(roundTimer);
      roundTimer = undefined;
      round = [];
    }
  };
}

function startRound(): void {
  const running = round.length > 0;
  round = [...slowListeners];
  sliceSize = Math.ceil(round.length / SLICES);
  if (!running) whenIdle(runSlice);
}

function runSlice(): void {
  for (const listener of round.splice(0, sliceSize)) {
    if (slowListeners.has(listener)) listener();
  }
  if (round.length > 0) whenIdle(runSlice);
}

/** Within a second even on a main thread that never idles; jsdom has no requestIdleCallback. */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: OUT_OF_SIGHT_REFRESH_MS });
  else setTimeout(task, 0);
}

/**
 * Views below a `true` re-render on store changes at most once per OUT_OF_SIGHT_REFRESH_MS; when it turns `false`
 * they read the store again at once and follow every change. Any other render below (a prop or state change) also
 * reads the current values.
 */
export const OutOfSight = createContext(false);
