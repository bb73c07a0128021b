// One ladder level. Memoized on plain values, so only levels whose size or depth share changed re-render.

import type { Instrument, Lots, Ticks } from '@tickline/shared';
import { memo } from 'react';

interface BookRowProps {
  side: 'ask' | 'bid';
  price: Ticks;
  size: Lots;
  total: Lots;
  /** The larger side's cumulative total; the depth bar is `total / maxTotal` of the row's width. */
  maxTotal: number;
  instrument: Instrument;
}

export const BookRow = memo(function BookRow({ side, price, size, total, maxTotal, instrument }: BookRowProps) {
  const depth = maxTotal > 0 ? Math.min(1, total / maxTotal) : 0;
  return (
    <div
      className={`book__row book__row--${side}`}
      data-testid={`book-${side}-row`}
      data-price={price}
      data-size={size}
    >
      {/* scaleX moves no layout: the bar animates on the compositor and the numbers never shift. */}
      <span className="book__depth" style={{ transform: `scaleX(${depth})` }} aria-hidden="true" />
      <span className="book__price num">{instrument.formatPrice(price)}</span>
      <span className="num">{instrument.formatSize(size)}</span>
      <span className="num book__total">{instrument.formatSize(total)}</span>
    </div>
  );
});

export function EmptyBookRow() {
  return <div className="book__row book__row--empty" aria-hidden="true" />;
}
