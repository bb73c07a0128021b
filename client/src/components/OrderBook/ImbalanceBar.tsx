// How the size on the levels shown splits between bids and asks: a bar, and the numbers in words beside it.

import { memo } from 'react';

interface ImbalanceBarProps {
  /** The bids' share, 0..1; null when the book is empty. */
  imbalance: number | null;
  /** What the share is measured over, for the label: `10 levels`, `all levels`. */
  over: string;
}

export const ImbalanceBar = memo(function ImbalanceBar({ imbalance, over }: ImbalanceBarProps) {
  const bidPct = imbalance === null ? null : Math.round(imbalance * 100);
  return (
    <div
      className="book__imbalance"
      data-testid="book-imbalance"
      data-bid-percent={bidPct ?? ''}
      title={`Book imbalance over ${over}`}
    >
      <span className="book__imbalance-side book__imbalance-side--bid num">
        Bids {bidPct === null ? '—' : `${bidPct}%`}
      </span>
      <span className="book__imbalance-track" aria-hidden="true">
        <span className="book__imbalance-fill" style={{ transform: `scaleX(${imbalance ?? 0.5})` }} />
      </span>
      <span className="book__imbalance-side book__imbalance-side--ask num">
        {bidPct === null ? '—' : `${100 - bidPct}%`} Asks
      </span>
      <span className="visually-hidden">{`over ${over}`}</span>
    </div>
  );
});
