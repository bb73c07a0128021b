// Whether an element is on screen in the scroll container that provides a ViewportWatcher.

import { createContext, useCallback, useContext, useState } from 'react';
import type { ViewportWatcher } from './viewport-watcher.ts';

export const ViewportWatcherContext = createContext<ViewportWatcher | null>(null);

/** A ref for the element, and whether it is on screen: true until the watcher says otherwise (or without one). */
export function useOnScreen(): [ref: (element: Element | null) => (() => void) | undefined, onScreen: boolean] {
  const watcher = useContext(ViewportWatcherContext);
  const [onScreen, setOnScreen] = useState(true);
  const ref = useCallback(
    (element: Element | null) => (element && watcher ? watcher.watch(element, setOnScreen) : undefined),
    [watcher],
  );
  return [ref, onScreen];
}
