// The sequencer's clock: each symbol that changed becomes one sequenced update, encoded to its wire form once, and
// the flush is handed on: to the fan-out in a single process, to the bus on a cluster's feed node.
//
// Fixed pacing flushes every interval. Adaptive pacing also flushes soon after a change, as soon as the last flush's
// cost allows: an idle server sends a tick within a few milliseconds, and a busy one, whose flushes cost more,
// batches more, up to the interval, never longer: the interval bounds the time from one flush to the next either
// way. A flush is due at the interval even with no change: status changes that come from time passing (a feed gone
// quiet becomes stale) need a flush with no change to trigger it.
//
// A flush's cost is what it took of the process's own time: the smaller of its wall time and the process's CPU time
// over it. Wall time alone also counts the time the process waited for a core while another ran (a flush preempted in
// the middle of its writes); pacing on it, one preempted flush lengthened the gap after it by as much, and the next
// flush, carrying that much more, ran long too. That was the tail of the trades-only latency (docs/BENCHMARKS.md).
// CPU time alone also counts other threads (V8's concurrent marking), hence the smaller of the two.
//
// How much of a core an idle server spends on latency depends on whether it has one to itself. While its flushes
// rarely wait for a core, the gap after a cheap flush is a quarter of what it cost (UNCONTENDED_FLUSH_DUTY); once they
// often do, as long as it cost (FLUSH_DUTY), and every early write it skips is a core's time left to its neighbours.
// A flush's cost cannot tell these apart: with 1,000 clients it writes to every one of them at a few thousand
// updates a second and at a few hundred thousand alike, and costs 8-10 ms against 11-14 (docs/BENCHMARKS.md).

import { encodeUpdate } from '@tickline/shared';
import { CoreWaitMeter } from './core-wait.ts';
import type { PublishedUpdate } from './fan-out.ts';
import type { MarketHub } from './market-hub.ts';

export interface FlushLoop {
  /** Runs one flush now (tests, shutdown). */
  flushNow(): void;
  /** Something changed in the hub: with adaptive pacing, a flush is scheduled as soon as allowed. */
  changed(): void;
  stop(): void;
}

/** Where a flush goes: its time (the batch time every update of it is encoded against) and its updates. */
export type FlushSink = (time: number, updates: readonly PublishedUpdate[]) => void;

/** Told how long each flush took and of any that threw (metrics and a throttled log line). */
export interface FlushObserver {
  duration(seconds: number): void;
  failed(err: unknown): void;
}

export interface FlushPacing {
  /** The longest a change waits for its flush: every interval, a flush runs. */
  intervalMs: number;
  /** Flush soon after changes too, as the flushes' cost allows (see adaptiveDelay). Off: only every interval. */
  adaptive?: boolean | undefined;
  /** The process's CPU time in ms, every thread (default: process.cpuUsage); tests give their own. */
  cpuClock?: (() => number) | undefined;
}

function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Share of the time adaptive flushing may spend flushing while flushes are cheap, when the process waits for a core
 * (CONTENDED): the gap after a flush is what it cost (more as they grow costly: BUSY_BATCHING). Measured at the
 * bench's standard scenario (1,000 clients, 1,000 updates/s), while a client's symbols still ticked back to back: a
 * quarter gave p99 40 ms, a half 12 ms, with the same capacity (docs/BENCHMARKS.md).
 */
export const FLUSH_DUTY = 0.5;
/**
 * The same share while flushes rarely wait for a core: the gap after a cheap flush is a quarter of its cost. With
 * 1,000 clients whose symbols tick independently, 0.5 gave a p99 of 35-54 ms at the standard scenario and 0.8 gave
 * 16-23, for 35-60 % more CPU per delivery there. 0.8 at every load also flushed early near the ceiling, where the
 * bench's generator shares the cores, and lowered it (0.59-0.84 of batched raw ws's); falling to 0.5 as flushes wait
 * for a core, 17.7-21.8 ms and 0.84-0.92 (docs/BENCHMARKS.md, tenth round).
 */
export const UNCONTENDED_FLUSH_DUTY = 0.8;
/**
 * Shares of the flushes' recent wall time spent waiting for a core (CoreWaitMeter) at which the duty starts to fall
 * from UNCONTENDED_FLUSH_DUTY, and by which it is FLUSH_DUTY. Measured on the bench's two cores: 0.03-0.05 at the
 * standard scenario, 0.11-0.28 at 128,000 updates/s, 0.37-0.39 from 200,000/s.
 */
export const CONTENDED = { from: 0.1, by: 0.25 } as const;

/** The flush duty for a process whose flushes spent `waitShare` of their wall time waiting for a core. */
export function flushDuty(waitShare: number): number {
  const contention = Math.min(1, Math.max(0, (waitShare - CONTENDED.from) / (CONTENDED.by - CONTENDED.from)));
  return UNCONTENDED_FLUSH_DUTY - (UNCONTENDED_FLUSH_DUTY - FLUSH_DUTY) * contention;
}
/**
 * Shortest gap between adaptive flushes: the changes of one feed message or simulator step go out together, and a
 * message carries a few updates, not one (1 ms: 34 bytes per update at the standard scenario; 4 ms: 30).
 */
export const MIN_FLUSH_GAP_MS = 4;

/**
 * How fast costly flushes give way to the interval. The gap after a flush is its cost C times
 * (1 / duty - 1) × (1 + BUSY_BATCHING × C / interval): at the contended duty (FLUSH_DUTY) about C while flushes are
 * cheap, and the whole interval once C reaches about a third of it; at the uncontended duty a quarter of C, and the
 * whole interval from about half of it. A flush costs more as the server gets busier; early flushes there buy little
 * latency with many more, smaller messages, and each message costs the server a write and its client a read on the
 * same cores. Measured alternating with 0 (docs/BENCHMARKS.md, eighth round): trades only at 1,000/s, p99 unchanged
 * (flushes of ~3 ms); book traffic at 4,000/s (~7 ms), p99 31 -> 46 ms, server CPU 54 -> 40 %, 25.7 -> 22.9 bytes per
 * update; at the ceiling (~20 ms), CPU per 1,000 deliveries 1,340 -> 990 us, and the ratio to batched raw ws 0.77-0.84
 * -> 0.84-0.92 (five full runs after it: 0.92 in four, 0.71 in one). 6 against 4 at the ceiling (ninth round): 20-21
 * messages a client a second instead of 22-25, and no lower p99; there a flush waits for a core, not for the pacing.
 */
export const BUSY_BATCHING = 4;

/**
 * How long from `now` until an adaptive flush may run, given when the last one ended and what it cost (ms, one
 * clock): a gap of cost × (1 / duty - 1) × (1 + BUSY_BATCHING × cost / interval), at least MIN_FLUSH_GAP_MS and at
 * most the interval.
 */
export function adaptiveDelay(
  now: number,
  lastEnd: number,
  lastCost: number,
  intervalMs: number,
  duty = FLUSH_DUTY,
): number {
  const stretch = 1 + (BUSY_BATCHING * lastCost) / intervalMs;
  const gap = Math.min(intervalMs, Math.max(MIN_FLUSH_GAP_MS, lastCost * (1 / duty - 1) * stretch));
  return Math.max(0, lastEnd + gap - now);
}

/**
 * Share of the interval within which an early flush leaves out a symbol's book changes when its last update went
 * out that recently and nothing else is pending for it (MarketHub.flush): a busy book's changes then travel a few to
 * an update, as they do with fixed pacing, instead of one each; a trade, and a book that was quiet, still go at once.
 * Without it, a server whose flushes are cheap flushed the standard scenario's books every ~10 ms, at 37-38 bytes
 * per update. Measured there, alternating (docs/BENCHMARKS.md): a half gave 26-30 bytes, three quarters 25, a whole
 * interval 22-23, with the same p99; three quarters keeps a margin under the 30 without holding a busy book's
 * changes for a whole interval.
 */
export const BOOK_CONFLATION = 0.75;

export function startFlushLoop(
  hub: Pick<MarketHub, 'flush' | 'sidOf'>,
  pacing: FlushPacing | number,
  clock: () => number,
  publish: FlushSink,
  observer?: FlushObserver,
): FlushLoop {
  const {
    intervalMs,
    adaptive = false,
    cpuClock = processCpuMs,
  } = typeof pacing === 'number' ? { intervalMs: pacing } : pacing;
  let lastEnd = Number.NEGATIVE_INFINITY;
  let lastCost = 0;
  const coreWait = new CoreWaitMeter();
  let duty = UNCONTENDED_FLUSH_DUTY;
  // The latest the next flush may run. One timer serves both paces: an early flush moves the interval on, and no
  // flush comes later than an interval after the last, so under load (a flush cost near half the interval) flushes
  // come one interval apart, as fixed pacing's do, not up to twice that (as beside a separate interval timer).
  let deadline = performance.now() + intervalMs;
  // A change since the last flush began (adaptive pacing): the next flush may then come before the deadline.
  let pending = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = (): void => {
    if (stopped) return;
    const now = performance.now();
    const early = pending ? now + adaptiveDelay(now, lastEnd, lastCost, intervalMs, duty) : Number.POSITIVE_INFINITY;
    clearTimeout(timer);
    timer = setTimeout(flushNow, Math.max(0, Math.min(deadline, early) - now), early < deadline);
  };

  function flushNow(early = false): void {
    clearTimeout(timer);
    timer = undefined;
    pending = false;
    const started = performance.now();
    // An early flush leaves a busy book's changes for later; one at the interval (or asked for) takes everything.
    const conflateBookMs = early ? intervalMs * BOOK_CONFLATION : 0;
    const cpuAtStart = adaptive ? cpuClock() : 0;
    // The next interval counts from when this flush was due, so a timer that fires late does not push every later
    // flush back; from when it ran if that was early (a change came). A flush more than an interval late starts
    // the count afresh rather than catching up with a burst of flushes.
    deadline = Math.min(deadline, started) + intervalMs;
    if (deadline <= started) deadline = started + intervalMs;
    // A bug in one flush must not end the process or the loop: it is counted and logged, and the next flush runs
    // (the symbols it left dirty go out then; a client that missed a sequence number resyncs).
    try {
      const time = clock();
      const updates = hub.flush(time, conflateBookMs);
      publish(
        time,
        updates.map((u): PublishedUpdate => [u.symbol, encodeUpdate(u, hub.sidOf(u.symbol)!)]),
      );
    } catch (err) {
      observer?.failed(err);
    }
    lastEnd = performance.now();
    const wall = lastEnd - started;
    observer?.duration(wall / 1000);
    if (adaptive) {
      const cpu = cpuClock() - cpuAtStart;
      lastCost = Math.max(0, Math.min(wall, cpu));
      coreWait.add(lastEnd, wall, cpu);
      duty = flushDuty(coreWait.share());
    } else {
      lastCost = wall;
    }
    schedule();
  }

  schedule();
  return {
    flushNow: () => flushNow(),
    changed() {
      if (!adaptive || pending || stopped) return;
      pending = true;
      schedule();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
