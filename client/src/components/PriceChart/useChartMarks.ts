// The chart marks of a symbol (where a replay looped, say), from its replica once the store carries them.

import type { ChartMark } from '@tickline/shared';
import { useCallback } from 'react';
import { useStoreValue } from '../../hooks/useStoreValue.ts';
import type { MarketStore } from '../../market/store.ts';

const NO_MARKS: readonly ChartMark[] = [];

/** `given` when passed; otherwise the replica's `marks`, read only if the replica has them (not every build does). */
export function useChartMarks(symbol: string, given: readonly ChartMark[] | undefined): readonly ChartMark[] {
  const fromStore = useStoreValue(
    useCallback(
      (store: MarketStore): readonly ChartMark[] => {
        const replica = store.replica(symbol);
        return 'marks' in replica && Array.isArray(replica.marks) ? (replica.marks as readonly ChartMark[]) : NO_MARKS;
      },
      [symbol],
    ),
  );
  return given ?? fromStore;
}
