// The ladder: asks above with the best ask next to the spread, bids below, as many rows as the space it is given.

import type { Instrument, Ticks } from '@tickline/shared';
import { memo, useMemo, type CSSProperties } from 'react';
import { useElementSize } from '../../hooks/useElementSize.ts';
import { ladderRows, type BookView } from '../../market/book-view.ts';
import { BookRow, EmptyBookRow } from './BookRow.tsx';
import { ROW_REM, rootRemPx, rowsThatFit } from './ladder-fit.ts';
import type { PickSide } from './usePricePicker.ts';
import { formatPrice } from '../format.ts';

/** Rows per side where nothing can be measured (jsdom): enough to read the book's shape. */
export const FALLBACK_ROWS = 12;

interface LadderProps {
  view: BookView;
  instrument: Instrument;
  /** Levels per side at most (the level choice); the rows beyond them stay blank. */
  levels: number;
  /** Rows per side; measured from the space the ladder fills when absent. */
  rows?: number;
  onPick(side: PickSide, price: Ticks): void;
}

export const Ladder = memo(function Ladder({ view, instrument, levels, rows, onPick }: LadderProps) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const remPx = useMemo(() => (size.height > 0 ? rootRemPx() : 0), [size.height]);
  const fit = rows ?? (rowsThatFit(size.height, remPx) || FALLBACK_ROWS);
  const shown = useMemo(() => ladderRows(view, Math.min(fit, levels)), [view, fit, levels]);
  const asksTopDown = useMemo(() => shown.asks.toReversed(), [shown.asks]);
  // Missing levels become blank rows so the spread row never moves when the book thins out.
  const askPadding = fit - shown.asks.length;
  const bidPadding = fit - shown.bids.length;

  return (
    <div className="book__ladder" ref={ref} data-testid="book-ladder" data-rows={fit} style={ROW_HEIGHT}>
      <div className="book__side book__side--asks" role="group" aria-label="Asks (sell orders)">
        <span className="book__side-label" aria-hidden="true">
          Asks
        </span>
        {Array.from({ length: askPadding }, (_, i) => (
          <EmptyBookRow key={`pad-${i}`} />
        ))}
        {asksTopDown.map((row) => (
          <BookRow
            key={row.price}
            side="ask"
            {...row}
            maxTotal={shown.maxTotal}
            instrument={instrument}
            onPick={onPick}
          />
        ))}
      </div>
      <Spread spread={view.spread} bps={view.spreadBps} instrument={instrument} />
      <div className="book__side book__side--bids" role="group" aria-label="Bids (buy orders)">
        <span className="book__side-label" aria-hidden="true">
          Bids
        </span>
        {shown.bids.map((row) => (
          <BookRow
            key={row.price}
            side="bid"
            {...row}
            maxTotal={shown.maxTotal}
            instrument={instrument}
            onPick={onPick}
          />
        ))}
        {Array.from({ length: bidPadding }, (_, i) => (
          <EmptyBookRow key={`pad-${i}`} />
        ))}
      </div>
    </div>
  );
});

/** The row height the fit is computed with, handed to the CSS so both use the same number. */
const ROW_HEIGHT = { '--book-row-height': `${ROW_REM}rem` } as CSSProperties;

function Spread({ spread, bps, instrument }: { spread: Ticks | null; bps: number | null; instrument: Instrument }) {
  return (
    <div className="book__spread" data-testid="book-spread">
      <span>Spread</span>
      <span className="num" data-testid="spread-price">
        {spread === null ? '—' : formatPrice(instrument, spread)}
      </span>
      <span className="num" data-testid="spread-bps">
        {bps === null ? '' : `${bps.toFixed(bps < 0.1 ? 3 : 2)} bps`}
      </span>
    </div>
  );
}
