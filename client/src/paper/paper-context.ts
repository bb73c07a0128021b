// Which paper account the components use: provided at the root next to the market store; absent in tests of other
// views, where the trade panel says paper trading is not connected and the tape marks no trade as the viewer's.

import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AccountState, AccountStore } from './account-store.ts';
import type { PaperRequests } from './paper-link.ts';

export interface Paper {
  store: AccountStore;
  requests: PaperRequests;
}

export const PaperContext = createContext<Paper | null>(null);

export function usePaper(): Paper | null {
  return useContext(PaperContext);
}

const NO_ACCOUNT: AccountState = { account: null, online: false, events: [] };
const noSubscription = () => () => {};
const noState = () => NO_ACCOUNT;

/** The account as the server last sent it: re-renders on account events only, never on market data. */
export function useAccountState(): AccountState {
  const paper = usePaper();
  return useSyncExternalStore(paper?.store.subscribe ?? noSubscription, paper?.store.getState ?? noState);
}
