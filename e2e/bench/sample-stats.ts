// Repeated measurements summarized the way the cluster bench reports them: a median and the range it came from,
// never one number; and a least-squares line for a cost that grows with a count (edge CPU against clients).

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** The middle value (the mean of the two middle ones for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** The same spread with every figure rounded, for the JSON a reader looks at. */
export function roundSpread(s: Spread, digits = 1): Spread {
  const f = 10 ** digits;
  const r = (v: number) => Math.round(v * f) / f;
  return { median: r(s.median), min: r(s.min), max: r(s.max), n: s.n };
}

export interface LinearFit {
  slope: number;
  intercept: number;
}

/** y = intercept + slope * x through the points by least squares; undefined when the x values do not vary. */
export function linearFit(points: readonly (readonly [x: number, y: number])[]): LinearFit | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  if (den === 0) return undefined;
  const slope = num / den;
  return { slope, intercept: my - slope * mx };
}

/**
 * Differences of paired measurements (b[i] - a[i]), for a figure such as "what the bus adds": each pair was
 * measured back to back, so drift of the machine over the run cancels within a pair.
 */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.min(a.length, b.length);
  return Array.from({ length: n }, (_, i) => b[i]! - a[i]!);
}
