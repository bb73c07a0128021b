// What the benchmark installs in the page before any of its scripts run: a requestAnimationFrame counter, a long
// task observer, a reader of the dashboard's `tickline:notify` measures, and a counter of React commits.
//
// It is a string, not a function, because tsx compiles this file with esbuild's keepNames, whose `__name` helper
// would be missing in the page. Every buffer is allocated up front, so recording adds nothing to the measured heap.

/** What `window.__benchProbe.read()` returns: times are performance.now() milliseconds of the page. */
export interface ProbeReadout {
  /** When recording (re)started. */
  since: number;
  now: number;
  /** requestAnimationFrame timestamps. */
  frames: number[];
  /** [startTime, duration] of every long task (over 50 ms, by the API's definition). */
  longTasks: [number, number][];
  /** Store notifications: [start, duration] from the notification to the end of the React work it caused. */
  notifications: [number, number][];
  /** React commits (all of them, whatever caused them), counted through React's DevTools hook. */
  commits: number;
  /** Entries that did not fit the preallocated buffers (the figures then undercount). */
  dropped: number;
}

export const PROBE_SCRIPT = String.raw`(() => {
  const FRAME_CAP = 1 << 14;
  const NOTIFY_CAP = 1 << 17;
  const frames = new Float64Array(FRAME_CAP);
  const notifyStart = new Float64Array(NOTIFY_CAP);
  const notifyDuration = new Float64Array(NOTIFY_CAP);
  const state = { since: performance.now(), frameCount: 0, notifyCount: 0, commits: 0, dropped: 0, longTasks: [] };

  const onFrame = (t) => {
    if (state.frameCount < FRAME_CAP) frames[state.frameCount++] = t;
    else state.dropped++;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });

  // The dashboard times each store notification when loaded with ?render=...; the entries are copied out and
  // cleared, so the page's timeline buffer does not grow with them.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name !== 'tickline:notify') continue;
      if (state.notifyCount < NOTIFY_CAP) {
        notifyStart[state.notifyCount] = e.startTime;
        notifyDuration[state.notifyCount++] = e.duration;
      } else state.dropped++;
    }
    performance.clearMeasures('tickline:notify');
  }).observe({ type: 'measure' });

  // React calls this hook (if present when react-dom loads) on every commit, production builds included.
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer) {
      const id = this.renderers.size + 1;
      this.renderers.set(id, renderer);
      return id;
    },
    onCommitFiberRoot() {
      state.commits++;
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
  };

  window.__benchProbe = {
    reset() {
      state.since = performance.now();
      state.frameCount = 0;
      state.notifyCount = 0;
      state.commits = 0;
      state.dropped = 0;
      state.longTasks = [];
    },
    read() {
      const notifications = [];
      for (let i = 0; i < state.notifyCount; i++) notifications.push([notifyStart[i], notifyDuration[i]]);
      return {
        since: state.since,
        now: performance.now(),
        frames: Array.from(frames.subarray(0, state.frameCount)),
        longTasks: state.longTasks.slice(),
        notifications,
        commits: state.commits,
        dropped: state.dropped,
      };
    },
  };
})();`;
