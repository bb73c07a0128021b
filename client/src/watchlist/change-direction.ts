// Which way a change points as the reader sees it: a change that prints as 0.00% is flat, whatever its sign.

export type ChangeDirection = 'up' | 'down' | 'flat';

/** The direction of a percentage shown with two decimals; flat when unknown. */
export function changeDirection(percent: number | null): ChangeDirection {
  if (percent === null || !Number.isFinite(percent)) return 'flat';
  // The same rounding as the printed figure (formatPercent), so the arrow never contradicts the digits.
  if (Number(Math.abs(percent).toFixed(2)) === 0) return 'flat';
  return percent > 0 ? 'up' : 'down';
}
