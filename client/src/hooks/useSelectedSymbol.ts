// The symbol the chart, book and tape show, and the way to change it.

import type { MarketStore } from '../market/store.ts';
import { useMarketStore } from './market-context.ts';
import { useStoreValue } from './useStoreValue.ts';

const selected = (store: MarketStore): string => store.getSelected();

export function useSelectedSymbol(): string {
  return useStoreValue(selected);
}

export function useSelectSymbol(): (symbol: string) => void {
  return useMarketStore().select;
}
