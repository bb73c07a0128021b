// Which PresenterLink the components use: provided at the root next to the store; absent in tests of other views,
// where the presenter's controls simply do not show.

import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PresenterLink, PresenterState } from './presenter-link.ts';

export const PresenterContext = createContext<PresenterLink | null>(null);

export function usePresenterLink(): PresenterLink | null {
  return useContext(PresenterContext);
}

const NO_LINK: PresenterState = {
  announcements: [],
  following: false,
  view: undefined,
  broadcasting: false,
  highlight: null,
};
const noSubscription = () => () => {};
const noState = () => NO_LINK;

export function usePresenterState(): PresenterState {
  const link = usePresenterLink();
  return useSyncExternalStore(link?.subscribe ?? noSubscription, link?.getState ?? noState);
}
