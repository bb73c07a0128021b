// Counts attempts per key (a client address) in fixed windows: enough to make guessing a token hopeless and to keep
// an expensive endpoint from being hammered, with memory bounded by the addresses seen in one window.

export interface AttemptLimiterOptions {
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
  clock: () => number;
  /** Keys tracked at most; beyond it the expired ones are dropped, then the oldest. */
  maxKeys?: number;
}

interface Window {
  start: number;
  count: number;
}

export class AttemptLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly options: AttemptLimiterOptions) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string): number {
    const window = this.current(key);
    if (!window || window.count < this.options.limit) return 0;
    return window.start + this.options.windowMs - this.options.clock();
  }

  /** Counts one attempt of `key`. */
  record(key: string): void {
    const window = this.current(key);
    if (window) {
      window.count++;
      return;
    }
    this.windows.delete(key);
    this.windows.set(key, { start: this.options.clock(), count: 1 });
    if (this.windows.size > (this.options.maxKeys ?? 10_000)) this.prune();
  }

  /** Records an attempt and answers whether it was within the limit. */
  take(key: string): boolean {
    if (this.retryAfterMs(key) > 0) return false;
    this.record(key);
    return true;
  }

  get size(): number {
    return this.windows.size;
  }

  private current(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (!window || this.options.clock() - window.start >= this.options.windowMs) return undefined;
    return window;
  }

  private prune(): void {
    const now = this.options.clock();
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.options.windowMs) this.windows.delete(key);
    }
    // Still full: the map is in insertion order, so the first keys are the longest-standing windows.
    const max = this.options.maxKeys ?? 10_000;
    for (const key of this.windows.keys()) {
      if (this.windows.size <= max) break;
      this.windows.delete(key);
    }
  }
}
