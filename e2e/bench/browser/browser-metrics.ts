// Turns a page's raw recordings (frame times, long tasks, notifications, heap samples) into the reported figures.
// Pure: values in, values out.

/** Long tasks are tasks over 50 ms; total blocking time counts each one's time beyond that. */
export const LONG_TASK_MS = 50;

export interface FpsSummary {
  /** Median and 5th percentile of the frames counted in each whole second of the window. */
  median: number;
  p5: number;
  min: number;
  /** Frames over the whole window divided by its length. */
  mean: number;
  /** Frames per second, one per 1 s window. */
  windows: number[];
}

export interface LongTaskSummary {
  count: number;
  maxMs: number;
  /** Sum over long tasks of their time beyond 50 ms. */
  totalBlockingTimeMs: number;
}

export interface DurationSummary {
  count: number;
  perSecond: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Main-thread milliseconds spent per second of the window. */
  msPerSecond: number;
}

export interface HeapSummary {
  /** Used JS heap after a forced GC (smaller of two readings), at the start and at the end of the window. */
  startMB: number;
  endMB: number;
  /** Every reading after a forced GC, to show how much they vary. */
  startReadingsMB: number[];
  endReadingsMB: number[];
  deltaMB: number;
  /** Used JS heap sampled about once a second during the window (no GC forced), MB. */
  samplesMB: number[];
  maxMB: number;
  /** Growth after GC divided by the market updates received in the window. */
  bytesPerUpdate: number;
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
const mb = (bytes: number): number => round(bytes / 2 ** 20, 2);

/** Nearest-rank percentile of `values` (p in 0..100); NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Counts frames in each whole second from `start` to `end` (a partial last second is left out). */
export function summarizeFps(frames: readonly number[], start: number, end: number): FpsSummary {
  const seconds = Math.floor((end - start) / 1000);
  const windows = new Array<number>(seconds).fill(0);
  let inWindow = 0;
  for (const t of frames) {
    const k = Math.floor((t - start) / 1000);
    if (k >= 0 && k < seconds) windows[k]!++;
    if (t >= start && t < end) inWindow++;
  }
  return {
    median: round(median(windows)),
    p5: round(percentile(windows, 5)),
    min: windows.length ? Math.min(...windows) : Number.NaN,
    mean: round(inWindow / ((end - start) / 1000)),
    windows,
  };
}

/** Long tasks that started in [start, end). */
export function summarizeLongTasks(
  tasks: readonly (readonly [number, number])[],
  start: number,
  end: number,
): LongTaskSummary {
  const inWindow = tasks.filter(([t]) => t >= start && t < end).map(([, d]) => d);
  return {
    count: inWindow.length,
    maxMs: round(inWindow.length ? Math.max(...inWindow) : 0),
    totalBlockingTimeMs: round(inWindow.reduce((sum, d) => sum + Math.max(0, d - LONG_TASK_MS), 0)),
  };
}

/** Durations of the entries that started in [start, end). */
export function summarizeDurations(
  entries: readonly (readonly [number, number])[],
  start: number,
  end: number,
): DurationSummary {
  const durations = entries.filter(([t]) => t >= start && t < end).map(([, d]) => d);
  const seconds = (end - start) / 1000;
  const total = durations.reduce((sum, d) => sum + d, 0);
  return {
    count: durations.length,
    perSecond: round(durations.length / seconds),
    medianMs: round(median(durations), 2),
    p95Ms: round(percentile(durations, 95), 2),
    maxMs: round(durations.length ? Math.max(...durations) : 0, 2),
    msPerSecond: round(total / seconds),
  };
}

/** `start` and `end`: readings after forced GCs; each end counts as its smallest. */
export function summarizeHeap(
  start: readonly number[],
  end: readonly number[],
  samplesBytes: readonly number[],
  updates: number,
): HeapSummary {
  const startBytes = Math.min(...start);
  const endBytes = Math.min(...end);
  const delta = endBytes - startBytes;
  return {
    startMB: mb(startBytes),
    endMB: mb(endBytes),
    startReadingsMB: start.map(mb),
    endReadingsMB: end.map(mb),
    deltaMB: mb(delta),
    samplesMB: samplesBytes.map(mb),
    maxMB: mb(Math.max(startBytes, endBytes, ...samplesBytes)),
    bytesPerUpdate: updates > 0 ? Math.round(delta / updates) : 0,
  };
}
