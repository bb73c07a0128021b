// The wall clock, ticking once a second, for the few places that show an age. One shared timer runs while anything
// listens, so a second passing re-renders those places only, never the whole app.

import { useSyncExternalStore } from 'react';

const TICK_MS = 1000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let now = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of Array.from(listeners)) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const getNow = (): number => now;

/** Date.now(), refreshed every second while the calling component is mounted. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getNow);
}
