// When the store tells React that something changed: at most once per animation frame, or when a test says so.

/** Runs `callback` once, at the next opportunity to paint. */
export type FrameScheduler = (callback: () => void) => void;

// Read from globalThis at call time, so this module imports cleanly in Node (no DOM) and falls back to a timer there.
const frames = globalThis as { requestAnimationFrame?: (callback: () => void) => unknown };

// A background tab gets no animation frames: the replicas keep up with the stream, and React catches up on return.
export const nextAnimationFrame: FrameScheduler = (callback) => {
  if (typeof frames.requestAnimationFrame === 'function') frames.requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
};

/** Runs `callback` at once: every change reaches React by itself. Only the browser benchmark's eager mode uses it,
 * to show what the once-per-frame default saves. */
export const immediately: FrameScheduler = (callback) => callback();

/**
 * `schedule`, with each notification and the React work it causes recorded as a performance measure `name` (the
 * browser benchmark reads them). React renders a store change in a microtask it queues while the listeners run, so
 * a microtask queued after them runs once that render has committed and its effects have run.
 */
export function timedScheduler(schedule: FrameScheduler, name: string): FrameScheduler {
  return (callback) =>
    schedule(() => {
      const start = performance.now();
      callback();
      queueMicrotask(() => performance.measure(name, { start }));
    });
}

/** A scheduler that runs nothing until `flush` is called: tests decide where frames fall. */
export interface ManualScheduler {
  readonly schedule: FrameScheduler;
  /** Runs the callbacks scheduled so far; returns how many ran. */
  flush(): number;
  readonly pending: number;
}

export function manualScheduler(): ManualScheduler {
  let queue: (() => void)[] = [];
  return {
    schedule: (callback) => {
      queue.push(callback);
    },
    flush() {
      const run = queue;
      queue = [];
      for (const callback of run) callback();
      return run.length;
    },
    get pending() {
      return queue.length;
    },
  };
}
