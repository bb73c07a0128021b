// A latency histogram in the style of HdrHistogram: log-linear buckets over microseconds, 64 per power of two
// (at most 1.6% relative error), fixed memory however many samples. Histograms from many clients merge by adding.

const SUB = 64; // buckets per power of two
const MAX_US = 2 ** 31 - 1; // about 36 minutes; anything longer is clamped
const BUCKETS = SUB + (31 - 6) * SUB;

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** A histogram as it crosses a process boundary: only the buckets that hold samples, as [index, count]. */
export interface SparseHistogram {
  buckets: [index: number, count: number][];
  count: number;
  maxMs: number;
  sumMs: number;
}

export class LatencyHistogram {
  readonly counts = new Float64Array(BUCKETS);
  count = 0;
  maxMs = 0;
  sumMs = 0;

  record(ms: number): void {
    const v = ms > 0 ? ms : 0;
    this.counts[indexOf(Math.round(v * 1000))]!++;
    this.count++;
    this.sumMs += v;
    if (v > this.maxMs) this.maxMs = v;
  }

  add(other: LatencyHistogram): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += other.counts[i]!;
    this.count += other.count;
    this.sumMs += other.sumMs;
    if (other.maxMs > this.maxMs) this.maxMs = other.maxMs;
  }

  toSparse(): SparseHistogram {
    const buckets: [number, number][] = [];
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i]! > 0) buckets.push([i, this.counts[i]!]);
    return { buckets, count: this.count, maxMs: this.maxMs, sumMs: this.sumMs };
  }

  /** Adds a histogram from another process (the load generator's workers each send theirs). */
  addSparse(other: SparseHistogram): void {
    for (const [i, n] of other.buckets) this.counts[i]! += n;
    this.count += other.count;
    this.sumMs += other.sumMs;
    if (other.maxMs > this.maxMs) this.maxMs = other.maxMs;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.maxMs = 0;
    this.sumMs = 0;
  }

  /** The smallest bucket upper bound at or below which `q` of the samples lie, ms. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(upperOf(i) / 1000, this.maxMs);
    }
    return this.maxMs;
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      p50Ms: this.quantile(0.5),
      p90Ms: this.quantile(0.9),
      p99Ms: this.quantile(0.99),
      maxMs: this.maxMs,
      meanMs: this.count ? this.sumMs / this.count : 0,
    };
  }
}

// Below SUB µs a bucket per µs; above, the octave [2^b, 2^(b+1)) splits into SUB equal buckets.
function indexOf(us: number): number {
  const v = Math.min(us, MAX_US);
  if (v < SUB) return v;
  const shift = 31 - Math.clz32(v) - 6; // b - 6
  return SUB + shift * SUB + (Math.floor(v / 2 ** shift) - SUB);
}

function upperOf(index: number): number {
  if (index < SUB) return index;
  const shift = Math.floor((index - SUB) / SUB);
  const sub = (index - SUB) % SUB;
  return (sub + SUB + 1) * 2 ** shift - 1;
}
