// Moving the selection through the list as it is shown, for the arrow keys in the list and any global shortcut.

/**
 * The symbol `delta` rows away from `current` in `order`, stopping at either end. A current symbol that is not
 * shown (filtered out or removed) moves to the first row going down and to the last going up; undefined when
 * nothing is shown.
 */
export function stepSymbol(order: readonly string[], current: string, delta: number): string | undefined {
  if (order.length === 0) return undefined;
  const at = order.indexOf(current);
  if (at < 0) return delta >= 0 ? order[0] : order[order.length - 1];
  return order[Math.min(order.length - 1, Math.max(0, at + delta))];
}
