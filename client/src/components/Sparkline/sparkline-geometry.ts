// Where a sparkline's points go: values right-aligned in a fixed number of slots (a partly filled hour shows as
// part of the width, not stretched across it), scaled between the lowest and highest value.

export interface SparklineBox {
  /** Slots across the width; the last one is the live value's. */
  slots: number;
  width: number;
  height: number;
  /** Room kept above and below so the line's stroke is not clipped at the extremes. */
  pad: number;
}

export interface Range {
  lo: number;
  hi: number;
}

/** The lowest and highest of `values` (and `extra` when given); null when there are none. */
export function rangeOf(values: readonly number[], extra: number | null = null): Range | null {
  let lo = extra ?? Infinity;
  let hi = extra ?? -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? { lo, hi } : null;
}

/** The x of slot `slot` (0 is the left edge, `slots - 1` the right). */
export function slotX(slot: number, box: SparklineBox): number {
  return box.slots > 1 ? (slot / (box.slots - 1)) * box.width : box.width;
}

/** The y of `value`; a flat range draws along the middle. */
export function valueY(value: number, range: Range, box: SparklineBox): number {
  if (range.hi === range.lo) return box.height / 2;
  return box.pad + ((range.hi - value) / (range.hi - range.lo)) * (box.height - 2 * box.pad);
}

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * SVG `points` for the closed `values` (oldest first), ending one slot before the live value's; only the newest
 * `box.slots - 1` values are drawn.
 */
export function closedPoints(values: readonly number[], range: Range, box: SparklineBox): string {
  const shown = values.slice(-(box.slots - 1));
  const first = box.slots - 1 - shown.length;
  return shown.map((v, i) => `${round(slotX(first + i, box))},${round(valueY(v, range, box))}`).join(' ');
}

/** Up when the newest value is above the oldest, down when below. */
export function sparklineTrend(values: readonly number[], live: number | null): 'up' | 'down' | 'flat' {
  const first = values[0] ?? live;
  const last = live ?? values[values.length - 1];
  if (first === undefined || first === null || last === undefined || last === first) return 'flat';
  return last > first ? 'up' : 'down';
}
