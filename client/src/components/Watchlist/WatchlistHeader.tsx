// The column headers: each sortable one is a button that cycles ascending, descending and none (aria-sort says
// which), with an arrow beside the label, so the order is not told by colour or position alone.

import { memo } from 'react';
import { ariaSort, type SortColumn, type SortState } from '../../watchlist/sorting.ts';
import type { VolumeHeading } from '../../watchlist/volume-window.ts';

interface WatchlistHeaderProps {
  sort: SortState | null;
  volume: VolumeHeading;
  onSort: (column: SortColumn) => void;
}

const ARROW = { ascending: '↑', descending: '↓', none: '' } as const;

export const WatchlistHeader = memo(function WatchlistHeader({ sort, volume, onSort }: WatchlistHeaderProps) {
  const sortable = (column: SortColumn, label: string, className: string, title?: string) => {
    const state = ariaSort(sort, column);
    return (
      <div className={`watchlist__heading ${className}`} role="columnheader" aria-sort={state}>
        <button
          type="button"
          className="watchlist__sort"
          title={title}
          data-testid={`sort-${column}`}
          onClick={() => onSort(column)}
        >
          {label}
          <span className="watchlist__sort-arrow" aria-hidden="true">
            {ARROW[state]}
          </span>
        </button>
      </div>
    );
  };
  return (
    <div className="watchlist__row watchlist__row--header" role="row">
      <div className="watchlist__heading watchlist__actions" role="columnheader">
        <span className="visually-hidden">Favourite and alert</span>
      </div>
      {sortable('symbol', 'Symbol', 'watchlist__symbol')}
      <div className="watchlist__heading watchlist__trend" role="columnheader" title="Last hour, one-minute closes">
        1h
      </div>
      {sortable('last', 'Last', 'watchlist__last')}
      {sortable('change', 'Chg %', 'watchlist__change', 'Change since the open')}
      {sortable('volume', volume.label, 'watchlist__volume', volume.title)}
    </div>
  );
});
