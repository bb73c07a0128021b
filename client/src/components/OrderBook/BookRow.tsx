// One ladder level, a button that picks its price. Memoized on plain values, so only levels whose size or depth share
// changed re-render.

import type { Instrument, Lots, Ticks } from '@tickline/shared';
import { memo } from 'react';
import type { PickSide } from './usePricePicker.ts';
import { formatPrice, formatSize } from '../format.ts';

interface BookRowProps {
  side: PickSide;
  price: Ticks;
  size: Lots;
  total: Lots;
  /** The larger side's cumulative total; the depth bar is `total / maxTotal` of the row's width. */
  maxTotal: number;
  instrument: Instrument;
  onPick(side: PickSide, price: Ticks): void;
}

export const BookRow = memo(function BookRow({ side, price, size, total, maxTotal, instrument, onPick }: BookRowProps) {
  const depth = maxTotal > 0 ? Math.min(1, total / maxTotal) : 0;
  const shownPrice = formatPrice(instrument, price);
  const shownSize = formatSize(instrument, size);
  return (
    <button
      type="button"
      className={`book__row book__row--${side}`}
      data-testid={`book-${side}-row`}
      data-price={price}
      data-size={size}
      title="Pick this price"
      onClick={() => onPick(side, price)}
    >
      {/* scaleX moves no layout: the bar animates on the compositor and the numbers never shift. */}
      <span className="book__depth" style={{ transform: `scaleX(${depth})` }} aria-hidden="true" />
      {/* Read as "Bid 64,250.10 0.5000 2.0000": the visible numbers are the button's name, the side said first. */}
      <span className="visually-hidden">{side === 'bid' ? 'Bid ' : 'Ask '}</span>
      <span className="book__price num">{shownPrice}</span>
      <span className="num">{shownSize}</span>
      <span className="num book__total">{formatSize(instrument, total)}</span>
    </button>
  );
});

export function EmptyBookRow() {
  return <div className="book__row book__row--empty" aria-hidden="true" />;
}
