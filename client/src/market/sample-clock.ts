// When views that only need the shape of the data (sparklines, the depth chart, an estimate) take their next sample
// of the store: on a store notification, so they redraw in the commit the notification causes anyway, never in one
// of their own.

/** What the clock ticks with: anything that notifies its listeners after a change (the market store does). */
export interface Notifier {
  subscribe(listener: () => void): () => void;
}

export interface ClockTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * How long after a sample is due the clock waits for a notification before it ticks by itself. A busy store
 * notifies every flush (50 ms) or frame, so the tick nearly always rides a notification; a timer due exactly at the
 * interval would win that race about half the time and cost a React commit of its own.
 */
export const TRAILING_GRACE_MS = 100;

interface Held<T> {
  tick: number;
  value: T;
}

/**
 * Ticks at the first notification at least `intervalMs` after the previous tick. A change notified sooner is not
 * lost: if no notification comes by the time the next tick is due (+ TRAILING_GRACE_MS), a timer ticks, so a view
 * is at most that far behind a store that went quiet. Listeners are called from within the source's notification,
 * so React renders what they set off in the same batch as everything else that notification changed.
 */
export class SampleClock<S extends Notifier> {
  private tick = 0;
  private lastTickAt = Number.NEGATIVE_INFINITY;
  private trailing: unknown = undefined;
  private readonly listeners = new Set<() => void>();
  private unsubscribeSource: (() => void) | undefined;
  /** The value each selector gave at the tick it last ran at: one entry per view, gone with the view. */
  private readonly held = new WeakMap<(source: S) => unknown, Held<unknown>>();

  constructor(
    private readonly source: S,
    readonly intervalMs: number,
    private readonly timers: ClockTimers,
  ) {}

  /** Counts ticks; views re-read their samples when it moves. */
  getTick = (): number => this.tick;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.unsubscribeSource ??= this.source.subscribe(this.onNotify);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.unsubscribeSource?.();
      this.unsubscribeSource = undefined;
      this.cancelTrailing();
    };
  };

  /**
   * `select(source)` as of the latest tick: the same value between ticks however the source changed, a fresh read
   * after each (or at once for a selector not seen before). `select` is the key, so it must be stable per view.
   */
  sample<T>(select: (source: S) => T): T {
    const held = this.held.get(select) as Held<T> | undefined;
    if (held !== undefined && held.tick === this.tick) return held.value;
    return this.read(select);
  }

  /**
   * `select(source)` now, held as this tick's sample: for a view that reads on a schedule of its own for a while (out
   * of sight), so that coming back it does not step back to the older sample it took before.
   */
  read<T>(select: (source: S) => T): T {
    const value = select(this.source);
    this.held.set(select, { tick: this.tick, value });
    return value;
  }

  private readonly onNotify = (): void => {
    const now = this.timers.now();
    if (now - this.lastTickAt >= this.intervalMs) {
      this.advance(now);
      return;
    }
    if (this.trailing !== undefined) return;
    this.trailing = this.timers.setTimeout(
      () => {
        this.trailing = undefined;
        this.advance(this.timers.now());
      },
      this.lastTickAt + this.intervalMs + TRAILING_GRACE_MS - now,
    );
  };

  private advance(now: number): void {
    this.cancelTrailing();
    this.tick++;
    this.lastTickAt = now;
    for (const listener of Array.from(this.listeners)) listener();
  }

  private cancelTrailing(): void {
    if (this.trailing === undefined) return;
    this.timers.clearTimeout(this.trailing);
    this.trailing = undefined;
  }
}
