// One watchlist line; it subscribes to its own symbol's ticker, so a tick re-renders this row only. Far out of view
// it refreshes once a second instead (OutOfSight): fifty rows following twenty updates a second each were most of
// the page's style and layout work, though a dozen show. A price that is not live (connection down, symbol stale or halted,
// replica resyncing) is muted and badged in the trend column, so the badge never takes the name's room.

import { changePercent, type SymbolSpec } from '@tickline/shared';
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { requestAlert } from '../../alerts/alert-requests.ts';
import { useFreshness, useSymbolStatus } from '../../hooks/useFreshness.ts';
import { useOnScreen } from '../../hooks/useOnScreen.ts';
import { OutOfSight } from '../../hooks/out-of-sight.ts';
import { useInstrument } from '../../hooks/useSymbols.ts';
import { usePriceMove, useTicker } from '../../hooks/useTicker.ts';
import { changeDirection } from '../../watchlist/change-direction.ts';
import { volumeTitle } from '../../watchlist/volume-window.ts';
import { createFader } from '../Fade/fader.ts';
import { useFade } from '../Fade/useFade.ts';
import { FreshnessBadge } from '../FreshnessBadge/FreshnessBadge.tsx';
import { formatCompact, formatPercent } from '../format.ts';
import { WatchlistSparkline } from './WatchlistSparkline.tsx';
import { formatPrice } from '../format.ts';

interface WatchlistRowProps {
  spec: SymbolSpec;
  selected: boolean;
  /** The row Tab stops at (the selected one, or the first when the selected one is not shown). */
  tabbable: boolean;
  favourite: boolean;
  onSelect: (symbol: string) => void;
  onToggleFavourite: (symbol: string) => void;
}

const ARROWS = { up: '▲', down: '▼', flat: '' } as const;

/** A price change's flash: four painted steps over 700 ms, the first the strongest. */
const PRICE_FLASH = createFader({ steps: 4, durationMs: 700 });

export const WatchlistRow = memo(function WatchlistRow(props: WatchlistRowProps) {
  const [rowRef, onScreen] = useOnScreen();
  return (
    <OutOfSight value={!onScreen}>
      <RowContent {...props} rowRef={rowRef} following={onScreen} />
    </OutOfSight>
  );
});

const RowContent = memo(function RowContent({
  spec,
  selected,
  tabbable,
  favourite,
  onSelect,
  onToggleFavourite,
  rowRef,
  following,
}: WatchlistRowProps & {
  rowRef: (element: Element | null) => (() => void) | undefined;
  /** Whether the row follows every change (on screen or near it) rather than refreshing once a second. */
  following: boolean;
}) {
  const { symbol } = spec;
  const ticker = useTicker(symbol);
  const move = usePriceMove(symbol);
  const flashRef = useFade<HTMLSpanElement>(PRICE_FLASH, move.direction, move.seq);
  const instrument = useInstrument(symbol);
  const freshness = useFreshness(symbol);
  const status = useSymbolStatus(symbol);
  const stale = freshness !== 'live';
  const percent = changePercent(ticker);
  const direction = changeDirection(percent);
  const tabIndex = tabbable ? 0 : -1;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(symbol);
    }
  };
  // The row's buttons act on the row without choosing it.
  const act = (action: () => void) => (event: MouseEvent) => {
    event.stopPropagation();
    action();
  };

  return (
    <div
      ref={rowRef}
      className={`watchlist__row${selected ? ' is-selected' : ''}${stale ? ' is-stale' : ''}`}
      role="row"
      aria-selected={selected}
      aria-current={selected ? 'true' : undefined}
      tabIndex={tabIndex}
      data-testid="watchlist-row"
      data-symbol={symbol}
      data-status={status}
      data-stale={stale}
      data-favourite={favourite}
      data-following={following}
      onClick={() => onSelect(symbol)}
      onKeyDown={onKeyDown}
    >
      <div className="watchlist__actions" role="gridcell">
        <button
          type="button"
          className="watchlist__icon watchlist__star"
          aria-pressed={favourite}
          aria-label={`Favourite ${symbol}`}
          title={favourite ? 'Unpin from the top' : 'Pin to the top'}
          tabIndex={tabIndex}
          data-testid="favourite-toggle"
          onClick={act(() => onToggleFavourite(symbol))}
        >
          <span aria-hidden="true">{favourite ? '★' : '☆'}</span>
        </button>
        <button
          type="button"
          className="watchlist__icon watchlist__bell"
          aria-label={`Set an alert on ${symbol}`}
          title="Set a price alert"
          tabIndex={tabIndex}
          data-testid="alert-button"
          onClick={act(() => requestAlert({ symbol }))}
        >
          <BellIcon />
        </button>
      </div>
      <div className="watchlist__symbol" role="gridcell">
        <span className="watchlist__ticker">{symbol}</span>
        <span className="watchlist__name" title={spec.name}>
          {spec.name}
        </span>
      </div>
      <div className="watchlist__trend" role="gridcell">
        {stale ? <FreshnessBadge symbol={symbol} freshness={freshness} /> : <WatchlistSparkline symbol={symbol} />}
      </div>
      <div className="watchlist__last num" role="gridcell" data-testid="last-price" data-stale={stale}>
        {/* Each change flashes the price up or down, from the strongest step again (styles.css, [data-fade]). */}
        <span ref={flashRef}>{ticker.last === null ? '—' : formatPrice(instrument, ticker.last)}</span>
      </div>
      <div className={`watchlist__change num trend-${direction}`} role="gridcell" data-testid="change">
        <span className="watchlist__arrow" aria-hidden="true">
          {ARROWS[direction]}
        </span>
        <span>{formatPercent(percent)}</span>
      </div>
      <div className="watchlist__volume num" role="gridcell" data-testid="volume" title={volumeTitle(spec)}>
        {ticker.trades === 0 && ticker.volume === 0 ? '—' : formatCompact(instrument.sizeValue(ticker.volume))}
      </div>
    </div>
  );
});

function BellIcon() {
  return (
    <svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path
        d="M8 1.5a4 4 0 0 0-4 4v2.8L2.6 11h10.8L12 8.3V5.5a4 4 0 0 0-4-4ZM6.3 12.5a1.8 1.8 0 0 0 3.4 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinejoin="round"
      />
    </svg>
  );
}
