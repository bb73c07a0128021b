// A value that follows its input one animation frame later: for spreading one heavy redraw over two frames.

import { useEffect, useState } from 'react';

// Read from globalThis at call time: jsdom may have no requestAnimationFrame, and a timer stands in.
const frames = globalThis as {
  requestAnimationFrame?: (callback: () => void) => number;
  cancelAnimationFrame?: (handle: number) => void;
};

/** `value` as of the previous animation frame (the first render gets it at once). */
export function useNextFrame<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    if (frames.requestAnimationFrame && frames.cancelAnimationFrame) {
      const handle = frames.requestAnimationFrame(() => setShown(() => value));
      const cancel = frames.cancelAnimationFrame;
      return () => cancel(handle);
    }
    const timer = setTimeout(() => setShown(() => value), 16);
    return () => clearTimeout(timer);
  }, [value, shown]);
  return shown;
}
