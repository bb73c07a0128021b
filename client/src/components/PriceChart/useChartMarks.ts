// The chart marks of a symbol (where a replay looped, say), from its replica once the store carries them.

import { RingBuffer, type ChartMark } from '@tickline/shared';
import { useMemo } from 'react';
import { useStoreValue } from '../../hooks/useStoreValue.ts';
import type { MarketStore } from '../../market/store.ts';

const NO_MARKS: readonly ChartMark[] = [];

/**
 * A selector for the replica's marks, if it keeps any (a ring buffer of the newest, filled in place): the same array
 * until a mark arrives, told by the count and the newest mark, which a snapshot or an update always replaces.
 */
export function chartMarksSelector(symbol: string): (store: MarketStore) => readonly ChartMark[] {
  let held: { size: number; last: ChartMark | undefined; marks: readonly ChartMark[] } | undefined;
  return (store) => {
    const replica = store.replica(symbol);
    const kept: unknown = 'marks' in replica ? replica.marks : undefined;
    if (Array.isArray(kept)) return kept as readonly ChartMark[];
    if (!(kept instanceof RingBuffer) || kept.size === 0) return NO_MARKS;
    const marks = kept as RingBuffer<ChartMark>;
    const last = marks.last();
    if (held?.size !== marks.size || held.last !== last) held = { size: marks.size, last, marks: marks.toArray() };
    return held.marks;
  };
}

/** `given` when passed; otherwise the replica's marks (none while the replica keeps none). */
export function useChartMarks(symbol: string, given: readonly ChartMark[] | undefined): readonly ChartMark[] {
  const fromStore = useStoreValue(useMemo(() => chartMarksSelector(symbol), [symbol]));
  return given ?? fromStore;
}
