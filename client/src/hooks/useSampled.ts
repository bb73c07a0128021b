// A value that follows another at most once per interval: for views whose job is the shape of the data (a depth
// chart, a sparkline), where redrawing on every update costs frames and tells the eye nothing more.

import { useEffect, useRef, useState } from 'react';

/**
 * `value`, held for at least `intervalMs` after each change shown; the newest value always shows at the end of the
 * interval (trailing), so the view is never more than `intervalMs` behind and never stuck on an old value.
 */
export function useSampled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const shownAt = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const show = () => {
      shownAt.current = performance.now();
      setShown(() => value);
    };
    const wait = shownAt.current + intervalMs - performance.now();
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, shown, intervalMs]);
  return shown;
}
