// How many ladder rows per side fit a measured height: the ladder fills its panel at any height.

/** A row's height and the spread row's (with its margins), in rem: the CSS reads the same numbers. */
export const ROW_REM = 1.25;
export const SPREAD_REM = 1.875;

/** Rows per side that fit `heightPx` around the spread row; 0 when nothing is measured (no layout, e.g. jsdom). */
export function rowsThatFit(heightPx: number, remPx: number): number {
  if (!(heightPx > 0) || !(remPx > 0)) return 0;
  const rowPx = ROW_REM * remPx;
  // The epsilon absorbs sub-pixel rem sizes (1.25rem at 14px is 17.5px) so an exact fit is not lost to rounding.
  const rows = Math.floor((heightPx - SPREAD_REM * remPx) / (2 * rowPx) + 1e-6);
  return Math.max(1, rows);
}

/** The root font size in px: what 1rem is on this page (the user's setting, or the stylesheet's). */
export function rootRemPx(): number {
  if (typeof document === 'undefined' || typeof getComputedStyle === 'undefined') return 16;
  const px = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return px > 0 ? px : 16;
}
