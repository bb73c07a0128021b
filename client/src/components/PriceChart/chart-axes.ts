// The price and volume axes of the chart, and the hysteresis that keeps them still while the live candle moves.

export interface Axis {
  domain: [number, number];
  /** Round values (1, 2 or 5 times a power of ten apart) so labels read cleanly at the symbol precision. */
  ticks: number[];
}

/** Lowest low and highest high of what is plotted; low > high when nothing is. */
export interface PriceRange {
  low: number;
  high: number;
}

export const NO_PRICES: PriceRange = { low: Infinity, high: -Infinity };

export function priceRange(points: readonly { low: number; high: number }[]): PriceRange {
  let low = Infinity;
  let high = -Infinity;
  for (const p of points) {
    if (p.low < low) low = p.low;
    if (p.high > high) high = p.high;
  }
  return { low, high };
}

/** Lowest low to highest high with a little air, on round steps; a flat market still gets a visible range. */
export function priceAxis({ low, high }: PriceRange, tick: number, count = 5): Axis {
  if (!(low <= high)) return { domain: [0, 1], ticks: [0, 1] };
  const air = Math.max((high - low) * 0.05, tick * 5);
  const step = niceStep((high - low + 2 * air) / (count - 1), tick);
  const first = Math.floor((low - air) / step);
  const last = Math.ceil((high + air) / step);
  const ticks: number[] = [];
  // Multiplying integer step counts, rather than adding steps, keeps float error from piling up. No label on the
  // bottom edge: centred there it would be cut in half and collide with the volume pane's top label.
  for (let i = first + 1; i <= last; i++) ticks.push(i * step);
  return { domain: [first * step, last * step], ticks };
}

/** Zero to a round value at or above the largest volume, labelled at zero, half and top. */
export function volumeAxis(maxVolume: number): Axis {
  if (!(maxVolume > 0)) return { domain: [0, 1], ticks: [0, 0.5, 1] };
  const top = niceStep(maxVolume, 0);
  return { domain: [0, top], ticks: [0, top / 2, top] };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Label spacings a reader counts in without effort. */
const ROUND_SPANS = [1, 2, 5, 10, 15, 30]
  .map((n) => n * SECOND)
  .concat(
    [1, 2, 5, 10, 15, 30].map((n) => n * MINUTE),
    [1, 2, 3, 6, 12, 24].map((n) => n * HOUR),
  );

/**
 * The candle times to label: those on a round span (15 s, 1 min, 5 min, ...) wide enough that labels stay `minGap`
 * pixels apart, when `times` (one per slot, oldest first) share `width` pixels. Chosen here rather than by recharts
 * (minTickGap), which measures every label's text in the DOM on each redraw and so forces a layout of the page.
 */
export function timeTicks(times: readonly number[], intervalMs: number, width: number, minGap: number): number[] {
  if (times.length === 0 || !(width > 0)) return [];
  const slot = width / times.length;
  const least = Math.ceil(minGap / slot) * intervalMs;
  const span = ROUND_SPANS.find((s) => s >= least && s % intervalMs === 0) ?? least;
  const ticks: number[] = [];
  times.forEach((time, i) => {
    // A label centred on one of the first slots would be cut at the left edge.
    if (time % span === 0 && (i + 0.5) * slot >= minGap / 2) ticks.push(time);
  });
  return ticks;
}

/**
 * The axis to draw: `held` while it still contains [low, high] and is not more than twice as tall as `fresh` (the
 * axis those values would get on their own), else `fresh`. Every axis change redraws every candle, so the axis moves
 * only when a price leaves it or it has become too loose, not each time the live candle sets a new high.
 */
export function holdAxis(held: Axis | undefined, fresh: Axis, low: number, high: number): Axis {
  if (!held) return fresh;
  const [from, to] = held.domain;
  const fits = from <= low && high <= to && to - from <= 2 * (fresh.domain[1] - fresh.domain[0]);
  if (fits || sameAxis(held, fresh)) return held;
  return fresh;
}

function sameAxis(a: Axis, b: Axis): boolean {
  return (
    a.domain[0] === b.domain[0] &&
    a.domain[1] === b.domain[1] &&
    a.ticks.length === b.ticks.length &&
    a.ticks.every((t, i) => t === b.ticks[i])
  );
}

/** The smallest of 1, 2, 5 or 10 times a power of ten that is at least `raw`, and at least `tick`. */
function niceStep(raw: number, tick: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const mantissa = raw / power;
  const nice = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10;
  return Math.max(nice * power, tick);
}
