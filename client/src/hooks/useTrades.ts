// The newest trades of one symbol, newest first.

import { useMemo } from 'react';
import type { Trade } from '@tickline/shared';
import { tradesSelector } from '../market/selectors.ts';
import { useStoreValue } from './useStoreValue.ts';

export function useTrades(symbol: string, count: number): readonly Trade[] {
  // The selector remembers the last list it made: one per tape, gone with the tape or its symbol.
  return useStoreValue(useMemo(() => tradesSelector(symbol, count), [symbol, count]));
}
