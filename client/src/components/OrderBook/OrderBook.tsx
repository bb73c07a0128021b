// The selected symbol's ladder: asks above with the best ask next to the spread, bids below, depth bars behind.

import type { Instrument, Ticks } from '@tickline/shared';
import { useMemo } from 'react';
import { useBook, useBookChecksum, useBookSeq } from '../../hooks/useBook.ts';
import { useFreshness } from '../../hooks/useFreshness.ts';
import { useSelectedSymbol } from '../../hooks/useSelectedSymbol.ts';
import { useInstrument } from '../../hooks/useSymbols.ts';
import { FreshnessBadge } from '../FreshnessBadge/FreshnessBadge.tsx';
import { Panel } from '../Panel/Panel.tsx';
import { BookRow, EmptyBookRow } from './BookRow.tsx';
import './OrderBook.css';

/** Rows per side: enough to read the book's shape, few enough to fit a 720px-high screen. */
export const BOOK_ROWS = 12;

export function OrderBook({ rows = BOOK_ROWS }: { rows?: number }) {
  const symbol = useSelectedSymbol();
  const instrument = useInstrument(symbol);
  const book = useBook(symbol, rows);
  // Read in the same render as the rows, so data-seq and data-checksum always describe the levels on screen.
  const seq = useBookSeq(symbol);
  const checksum = useBookChecksum(symbol);
  const freshness = useFreshness(symbol);
  const stale = freshness !== 'live';
  const { base, quote } = instrument.spec;
  // Missing levels become blank rows so the spread row never moves when the book thins out.
  const askPadding = rows - book.asks.length;
  const bidPadding = rows - book.bids.length;
  const asksTopDown = useMemo(() => book.asks.toReversed(), [book.asks]);

  return (
    <Panel
      title="Order book"
      aside={stale ? <FreshnessBadge symbol={symbol} freshness={freshness} /> : undefined}
      className={stale ? 'order-book is-stale' : 'order-book'}
      data-testid="order-book"
      data-symbol={symbol}
      data-seq={seq}
      data-checksum={checksum}
      data-stale={stale}
    >
      <div className="book__columns" aria-hidden="true">
        <span>Price ({quote})</span>
        <span>Size ({base})</span>
        <span>Total</span>
      </div>
      <div className="book__side book__side--asks">
        {Array.from({ length: askPadding }, (_, i) => (
          <EmptyBookRow key={`pad-${i}`} />
        ))}
        {asksTopDown.map((row) => (
          <BookRow key={row.price} side="ask" {...row} maxTotal={book.maxTotal} instrument={instrument} />
        ))}
      </div>
      <Spread spread={book.spread} bps={book.spreadBps} instrument={instrument} />
      <div className="book__side book__side--bids">
        {book.bids.map((row) => (
          <BookRow key={row.price} side="bid" {...row} maxTotal={book.maxTotal} instrument={instrument} />
        ))}
        {Array.from({ length: bidPadding }, (_, i) => (
          <EmptyBookRow key={`pad-${i}`} />
        ))}
      </div>
    </Panel>
  );
}

function Spread({ spread, bps, instrument }: { spread: Ticks | null; bps: number | null; instrument: Instrument }) {
  return (
    <div className="book__spread" data-testid="book-spread">
      <span>Spread</span>
      <span className="num" data-testid="spread-price">
        {spread === null ? '—' : instrument.formatPrice(spread)}
      </span>
      <span className="num" data-testid="spread-bps">
        {bps === null ? '' : `${bps.toFixed(bps < 0.1 ? 3 : 2)} bps`}
      </span>
    </div>
  );
}
