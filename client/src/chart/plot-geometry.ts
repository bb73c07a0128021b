// Where things are on the chart in pixels: the slot under a pointer, the price at a height, and back. The panes are
// laid out by recharts from the same numbers (margins, axis width, pane heights), restated here so the pointer
// layer over them can answer without asking recharts for its scales on every pointer move.

export interface PlotGeometry {
  /** Whole chart width, axis included. */
  width: number;
  /** Left edge of the plotted area (the pane's left margin). */
  left: number;
  /** Width of the price axis on the right. */
  axisWidth: number;
  /** Top of the price pane's plotted area, and its bottom (where the volume pane starts). */
  priceTop: number;
  priceBottom: number;
  /** Slots the plot is divided into (see VisibleRange). */
  slots: number;
  /** The price axis' [bottom, top] values. */
  domain: readonly [number, number];
}

export const plotRight = (g: PlotGeometry): number => g.width - g.axisWidth;

/** Width of one slot in pixels (0 when there are none). */
export function slotWidth(g: PlotGeometry): number {
  return g.slots > 0 ? (plotRight(g) - g.left) / g.slots : 0;
}

/** The slot under `x`, or undefined when `x` is outside the plotted area. */
export function slotAt(g: PlotGeometry, x: number): number | undefined {
  const band = slotWidth(g);
  if (!(band > 0) || x < g.left || x >= plotRight(g)) return undefined;
  return Math.min(g.slots - 1, Math.floor((x - g.left) / band));
}

export function slotCenter(g: PlotGeometry, slot: number): number {
  return g.left + (slot + 0.5) * slotWidth(g);
}

/** The price at height `y` in the price pane, or undefined outside it. */
export function priceAt(g: PlotGeometry, y: number): number | undefined {
  if (y < g.priceTop || y > g.priceBottom || g.priceBottom <= g.priceTop) return undefined;
  const [low, high] = g.domain;
  return high - ((y - g.priceTop) / (g.priceBottom - g.priceTop)) * (high - low);
}

export function yOf(g: PlotGeometry, price: number): number {
  const [low, high] = g.domain;
  return g.priceTop + ((high - price) / (high - low)) * (g.priceBottom - g.priceTop);
}

/** Where `x` falls across the plotted area, 0 at its left edge to 1 at its right: the focus of a zoom. */
export function focusAt(g: PlotGeometry, x: number): number {
  const span = plotRight(g) - g.left;
  return span > 0 ? Math.min(1, Math.max(0, (x - g.left) / span)) : 1;
}
