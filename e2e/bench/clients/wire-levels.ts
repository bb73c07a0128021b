// How many book level changes a Tickline wire update carries, read off its arrays without decoding it: for the lean
// clients, which count level changes (bytes per update) but do not keep a book.

import type { WireExtras } from '@tickline/shared';

export function levelChangesIn(wire: readonly unknown[]): number {
  const extras = wire[2];
  if (typeof extras !== 'object' || extras === null) return 0;
  const { b, a } = extras as WireExtras;
  // Flat price, size pairs.
  return ((b?.length ?? 0) + (a?.length ?? 0)) / 2;
}
