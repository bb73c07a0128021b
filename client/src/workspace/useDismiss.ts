// Closing a floating panel the way people expect: Esc, or a press anywhere outside it (and outside its toggle).

import { type RefObject, useEffect } from 'react';

export function useDismiss(
  open: boolean,
  inside: readonly RefObject<HTMLElement | null>[],
  onDismiss: (reason: 'escape' | 'outside') => void,
): void {
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onDismiss('escape');
    };
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (inside.some((ref) => ref.current?.contains(target ?? null))) return;
      onDismiss('outside');
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
    // `inside` holds refs, stable by nature; a new array of the same refs each render must not re-bind.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, onDismiss]);
}
