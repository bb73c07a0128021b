// A seeded, deterministic random number generator: the simulator's only source of chance, so a seed replays a market.
//
// sfc32 (small, fast, passes PractRand) seeded through splitmix32. Child streams are keyed by a label, not drawn
// from the parent, so adding a draw to one agent never changes what another agent sees.

const TWO_POW_32 = 4294967296;

/** murmur3's finalizer: a good 32-bit avalanche. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** FNV-1a of a label, so `child('BTC-USD')` and `child(3)` both make keys. */
function hashLabel(label: string | number): number {
  const text = typeof label === 'number' ? `#${label}` : label;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box-Muller makes normals in pairs; the second waits here (NaN = none). */
  private spare = Number.NaN;

  /** `seed` is any safe integer; it is folded to 32 bits. */
  constructor(private readonly key: number) {
    if (!Number.isSafeInteger(key)) throw new RangeError(`seed must be a safe integer, got ${key}`);
    let s = (key % TWO_POW_32) >>> 0;
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      return mix32(s);
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent stream for a named part of the simulation (a symbol, an agent). */
  child(label: string | number): Rng {
    return new Rng(mix32((this.key >>> 0) ^ Math.imul(hashLabel(label), 0x9e3779b1)));
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}) needs integers with min <= max`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Gaussian by Box-Muller. */
  normal(mean = 0, sd = 1): number {
    let z = this.spare;
    if (Number.isNaN(z)) {
      const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
      const r = Math.sqrt(-2 * Math.log(u));
      const theta = 2 * Math.PI * this.next();
      z = r * Math.cos(theta);
      this.spare = r * Math.sin(theta);
    } else {
      this.spare = Number.NaN;
    }
    return mean + sd * z;
  }

  /** Exponential waiting time with the given rate (mean 1 / rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** A Poisson count with the given mean: how many events of a rate fall in an interval. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    // Knuth's product of uniforms; the simulator asks for small means (a few events per step at most).
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Pareto with minimum 1 and tail index `alpha`: the heavy tail of order sizes. */
  pareto(alpha: number): number {
    return (1 - this.next()) ** (-1 / alpha);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
}
