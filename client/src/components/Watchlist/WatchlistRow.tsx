// One watchlist line; it subscribes to its own symbol's ticker, so a tick re-renders this row only. A price that is
// not live (connection down, symbol stale or halted, replica resyncing) is dimmed and badged.

import { changePercent, type SymbolSpec } from '@tickline/shared';
import { memo, type KeyboardEvent } from 'react';
import { useFreshness, useSymbolStatus } from '../../hooks/useFreshness.ts';
import { useInstrument } from '../../hooks/useSymbols.ts';
import { usePriceMove, useTicker } from '../../hooks/useTicker.ts';
import { FreshnessBadge } from '../FreshnessBadge/FreshnessBadge.tsx';
import { formatPercent, trend } from '../format.ts';

interface WatchlistRowProps {
  spec: SymbolSpec;
  selected: boolean;
  onSelect: (symbol: string) => void;
}

export const WatchlistRow = memo(function WatchlistRow({ spec, selected, onSelect }: WatchlistRowProps) {
  const ticker = useTicker(spec.symbol);
  const move = usePriceMove(spec.symbol);
  const instrument = useInstrument(spec.symbol);
  const freshness = useFreshness(spec.symbol);
  const status = useSymbolStatus(spec.symbol);
  const stale = freshness !== 'live';
  const percent = changePercent(ticker);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(spec.symbol);
    }
  };

  return (
    <div
      className={`watchlist__row${selected ? ' is-selected' : ''}${stale ? ' is-stale' : ''}`}
      role="option"
      aria-selected={selected}
      tabIndex={0}
      data-testid="watchlist-row"
      data-symbol={spec.symbol}
      data-status={status}
      data-stale={stale}
      onClick={() => onSelect(spec.symbol)}
      onKeyDown={onKeyDown}
    >
      <span className="watchlist__symbol">
        <span className="watchlist__ticker">{spec.symbol}</span>
        <span className="watchlist__name">
          <FreshnessBadge symbol={spec.symbol} freshness={freshness} />
          {spec.name}
        </span>
      </span>
      <span className="watchlist__last num" data-testid="last-price" data-stale={stale}>
        {/* A new key remounts the span, which restarts the flash animation on every change. */}
        <span key={move.seq} className={move.direction ? `flash flash-${move.direction}` : undefined}>
          {ticker.last === null ? '—' : instrument.formatPrice(ticker.last)}
        </span>
      </span>
      <span className={`watchlist__change num trend-${trend(percent)}`}>{formatPercent(percent)}</span>
    </div>
  );
});
