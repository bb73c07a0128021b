// A token bucket: `rate` tokens a second, holding at most `burst`. It says how long to wait when a cost does not fit,
// so a refused client is told when asking again will pass. Pure: the caller passes the time.

export interface BucketLimits {
  /** Tokens added per second. */
  rate: number;
  /** Most tokens held; also the largest cost that can ever pass. */
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limits: BucketLimits,
    now: number,
  ) {
    this.tokens = limits.burst;
    this.updatedAt = now;
  }

  /** Takes `cost` tokens if they are there; returns 0 then, else the ms until they will be (nothing is taken). */
  take(cost: number, now: number): number {
    this.refill(now);
    if (cost <= this.tokens) {
      this.tokens -= cost;
      return 0;
    }
    // A cost above the burst could never pass; it waits for a full bucket, and the caller sees a finite answer.
    const missing = Math.min(cost, this.limits.burst) - this.tokens;
    // (less a hair, so float noise never adds a whole millisecond)
    return Math.max(1, Math.ceil((missing / this.limits.rate) * 1000 - 1e-6));
  }

  /** Takes `cost` even past empty (a debt repaid by the refill): for costs already incurred, like bytes received. */
  charge(cost: number, now: number): void {
    this.refill(now);
    this.tokens -= cost;
  }

  /** Tokens now; negative while in debt. */
  level(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.updatedAt = Math.max(this.updatedAt, now);
    this.tokens = Math.min(this.limits.burst, this.tokens + (elapsed / 1000) * this.limits.rate);
  }
}
