// The lowest and highest price received within a sliding time window, in amortised O(1) per price.
//
// Two monotonic queues: the low queue keeps only prices that could still become the window's low (each is below
// every later one), the high queue the mirror image; the front of each is the answer.

class MonotonicQueue {
  private times: number[] = [];
  private prices: number[] = [];
  private head = 0;

  /** `keeps(older, newer)`: whether an older price can stay in front of a newer one. */
  constructor(private readonly keeps: (older: number, newer: number) => boolean) {}

  push(time: number, price: number): void {
    while (this.prices.length > this.head && !this.keeps(this.prices[this.prices.length - 1] as number, price)) {
      this.prices.pop();
      this.times.pop();
    }
    this.times.push(time);
    this.prices.push(price);
  }

  /** Forgets prices received before `since`. */
  evict(since: number): void {
    while (this.head < this.times.length && (this.times[this.head] as number) < since) this.head++;
    // Compacts now and then so the arrays do not grow with every price ever received.
    if (this.head > 64 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.prices = this.prices.slice(this.head);
      this.head = 0;
    }
  }

  front(): number | undefined {
    return this.prices[this.head];
  }

  clear(): void {
    this.times = [];
    this.prices = [];
    this.head = 0;
  }
}

export class MoveWindow {
  private readonly lows = new MonotonicQueue((older, newer) => older < newer);
  private readonly highs = new MonotonicQueue((older, newer) => older > newer);

  constructor(readonly windowMs: number) {}

  /** Adds a price received at `time` (times never go back: see `clear`) and drops those older than the window. */
  add(time: number, price: number): void {
    this.lows.push(time, price);
    this.highs.push(time, price);
    const since = time - this.windowMs;
    this.lows.evict(since);
    this.highs.evict(since);
  }

  /** The lowest price within the window, the last one added included; undefined when empty. */
  low(): number | undefined {
    return this.lows.front();
  }

  high(): number | undefined {
    return this.highs.front();
  }

  clear(): void {
    this.lows.clear();
    this.highs.clear();
  }
}
