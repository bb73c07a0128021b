// The selected symbol's book panel: group and level choices, the ladder filling the space left, the balance of size
// between the sides, and the depth chart. Every part reads one book view, grouped and cut once per store frame.

import { useCallback, useDeferredValue, useMemo } from 'react';
import { useBookChecksum, useBookSelector, useBookSeq } from '../../hooks/useBook.ts';
import { useFreshness } from '../../hooks/useFreshness.ts';
import { useSelectedSymbol } from '../../hooks/useSelectedSymbol.ts';
import { useStoreValue } from '../../hooks/useStoreValue.ts';
import { useInstrument } from '../../hooks/useSymbols.ts';
import { effectiveGroup, groupSteps } from '../../market/book-grouping.ts';
import type { MarketStore } from '../../market/store.ts';
import { DepthChart } from '../DepthChart/DepthChart.tsx';
import { FreshnessBadge } from '../FreshnessBadge/FreshnessBadge.tsx';
import { Panel } from '../Panel/Panel.tsx';
import { BookControls } from './BookControls.tsx';
import { ImbalanceBar } from './ImbalanceBar.tsx';
import { Ladder } from './Ladder.tsx';
import { useBookPreferences } from './useBookPreferences.ts';
import { usePricePicker } from './usePricePicker.ts';
import './OrderBook.css';
import { useSampled } from '../../hooks/useSampled.ts';

interface OrderBookProps {
  /** Ladder rows per side; measured from the panel when absent (tests pass it: jsdom has no layout). */
  rows?: number;
  /** The depth chart's plot size; measured when absent. */
  depthWidth?: number;
  depthHeight?: number;
}

/** How often the depth chart redraws a changing book. */
export const DEPTH_REFRESH_MS = 250;

export function OrderBook({ rows, depthWidth, depthHeight }: OrderBookProps) {
  const symbol = useSelectedSymbol();
  const instrument = useInstrument(symbol);
  const preferences = useBookPreferences(symbol);
  const levels = preferences.levels === 'all' ? Infinity : preferences.levels;
  // The steps offered depend on the price; groupSteps returns the same array until the price crosses a step, so
  // this re-renders nothing while the mid moves.
  const steps = useStoreValue(
    useCallback((store: MarketStore) => groupSteps(store.replica(symbol).book.mid() ?? null), [symbol]),
  );
  const group = effectiveGroup(preferences.group, steps);
  const selectView = useBookSelector(symbol, { group, levels });
  const view = useStoreValue(selectView);
  // The ladder shows every change; the depth chart shows the book's shape, four times a second (a recharts redraw
  // on every update of a busy book cost the page a fifth of its frames), sampled in the render the ladder's
  // notification causes, so it never costs a commit of its own.
  const depthView = useDeferredValue(useSampled(selectView, DEPTH_REFRESH_MS));
  // Read in the same render as the rows, so data-seq and data-checksum always describe the replica drawn.
  const seq = useBookSeq(symbol);
  const checksum = useBookChecksum(symbol);
  const freshness = useFreshness(symbol);
  const stale = freshness !== 'live';
  const picker = usePricePicker(symbol, instrument);
  const over = preferences.levels === 'all' ? 'all levels' : `${preferences.levels} levels`;
  const { base, quote } = instrument.spec;
  const columns = useMemo(
    () => (
      <div className="book__columns" aria-hidden="true">
        <span>Price ({quote})</span>
        <span>Size ({base})</span>
        <span>Total</span>
      </div>
    ),
    [base, quote],
  );

  return (
    <Panel
      title="Order book"
      aside={stale ? <FreshnessBadge symbol={symbol} freshness={freshness} /> : undefined}
      className={stale ? 'order-book is-stale' : 'order-book'}
      data-testid="order-book"
      data-symbol={symbol}
      data-seq={seq}
      data-checksum={checksum}
      data-group={group}
      data-stale={stale}
    >
      <BookControls
        instrument={instrument}
        steps={steps}
        group={group}
        onGroup={preferences.setGroup}
        levels={preferences.levels}
        onLevels={preferences.setLevels}
      />
      {columns}
      <Ladder view={view} instrument={instrument} levels={levels} rows={rows} onPick={picker.onPick} />
      <ImbalanceBar imbalance={view.imbalance} over={over} />
      <div className="order-book__depth">
        <DepthChart view={depthView} instrument={instrument} width={depthWidth} height={depthHeight} />
      </div>
      <p className="book__note" role="status" aria-live="polite" data-testid="book-pick-note">
        {picker.note}
      </p>
    </Panel>
  );
}
