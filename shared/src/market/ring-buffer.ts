// A fixed-capacity FIFO that overwrites its oldest item: every buffer of recent data (trades, candles) is bounded.

export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
      this.count++;
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** Item `i` counted from the oldest (0) to the newest (size - 1). */
  at(i: number): T | undefined {
    if (i < 0) i += this.count;
    if (i < 0 || i >= this.count) return undefined;
    return this.items[(this.start + i) % this.capacity];
  }

  last(): T | undefined {
    return this.at(this.count - 1);
  }

  /** Replaces the newest item (a candle still being built). */
  replaceLast(item: T): void {
    if (this.count === 0) throw new RangeError('replaceLast on an empty buffer');
    this.items[(this.start + this.count - 1) % this.capacity] = item;
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
  }

  /** The newest `n` items (all by default), oldest first. */
  toArray(n = this.count): T[] {
    const take = Math.min(n, this.count);
    const out = new Array<T>(take);
    for (let i = 0; i < take; i++) out[i] = this.at(this.count - take + i) as T;
    return out;
  }
}
