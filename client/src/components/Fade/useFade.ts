// Starts a fade (fader.ts) on an element React renders, each time `key` changes, in the commit that changed it.

import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { Fader } from './fader.ts';

/**
 * A ref for the element to fade; `name` null starts nothing. The attribute is the fader's, not React's: React never
 * renders `data-fade`, so a re-render leaves a fade where it is.
 */
export function useFade<T extends Element>(fader: Fader, name: string | null, key: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  // A layout effect, so the strongest step is painted in the same frame as the change it marks.
  useLayoutEffect(() => {
    if (name !== null && ref.current) fader.start(ref.current, name);
  }, [fader, name, key]);
  return ref;
}
