// "Follow along": the viewer address (in follow mode) as text and as a QR code, large enough for a phone at the back
// of a room to read off a projector. Opened from presentation mode; Esc or the button closes it.

import { useEffect, useId, useMemo, useRef } from 'react';
import { qrPath } from '../../presenter/qr-path.ts';

/** The address a viewer opens to follow the presenter: this page's origin, in follow mode. */
export function joinUrl(origin: string): string {
  return `${origin}/?follow=1`;
}

export function JoinOverlay({ onClose }: { onClose: () => void }) {
  const url = joinUrl(window.location.origin);
  const { size, d } = useMemo(() => qrPath(url), [url]);
  const titleId = useId();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    close.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Taken before the page's shortcuts, where Esc would also leave presentation mode.
      event.preventDefault();
      event.stopPropagation();
      onClose();
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [onClose]);
  // The quiet zone the standard asks for: four modules of light around the symbol.
  const quiet = 4;
  return (
    <div className="join" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="join-overlay">
      <div className="join__card">
        <h2 id={titleId} className="join__title">
          Follow along on your phone
        </h2>
        <svg
          className="join__qr"
          viewBox={`${-quiet} ${-quiet} ${size + 2 * quiet} ${size + 2 * quiet}`}
          role="img"
          aria-label={`QR code of ${url}`}
          data-testid="join-qr"
          data-modules={size}
        >
          <rect x={-quiet} y={-quiet} width={size + 2 * quiet} height={size + 2 * quiet} fill="#fff" />
          <path d={d} fill="#000" shapeRendering="crispEdges" />
        </svg>
        <p className="join__url" data-testid="join-url">
          {url}
        </p>
        <button ref={close} type="button" className="join__close" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
