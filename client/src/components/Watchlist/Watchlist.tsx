// The markets the reader follows: search, sort, favourites pinned on top, symbols added or removed, each with its
// last price, change, volume and last hour. Choosing one points the chart, book and tape at it.

import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useMarketStore } from '../../hooks/market-context.ts';
import { ViewportWatcherContext } from '../../hooks/useOnScreen.ts';
import { ViewportWatcher } from '../../hooks/viewport-watcher.ts';
import { useSelectedSymbol, useSelectSymbol } from '../../hooks/useSelectedSymbol.ts';
import { useSymbols } from '../../hooks/useSymbols.ts';
import { listedSymbols, setSort, toggleFavourite } from '../../watchlist/preferences.ts';
import { stepSymbol } from '../../watchlist/selection-step.ts';
import { nextSort, type SortColumn } from '../../watchlist/sorting.ts';
import { visibleNow } from '../../watchlist/visible-order.ts';
import { volumeHeading } from '../../watchlist/volume-window.ts';
import { Panel } from '../Panel/Panel.tsx';
import { useVisibleSymbols, useWatchlistPreferences, useWatchlistQuery, useWatchlistState } from './useWatchlist.ts';
import { WatchlistEditor } from './WatchlistEditor.tsx';
import { WatchlistHeader } from './WatchlistHeader.tsx';
import { WatchlistSearch } from './WatchlistSearch.tsx';
import { isTypingTarget } from '../../workspace/shortcuts.ts';
import { WatchlistRow } from './WatchlistRow.tsx';
import './Watchlist.css';

/** Rows this close to the list's visible part (a quarter of its height) follow every change, so scrolling brings
 * them in already current; rows farther out refresh once a second. */
const ROW_OVERSCAN = '25% 0px';

const STEPS: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1, Home: -Infinity, End: Infinity };

export function Watchlist() {
  const specs = useSymbols();
  const selected = useSelectedSymbol();
  const select = useSelectSymbol();
  const store = useMarketStore();
  const state = useWatchlistState();
  const prefs = useWatchlistPreferences();
  const query = useWatchlistQuery();
  const visible = useVisibleSymbols();
  const [editing, setEditing] = useState(false);
  const editorId = useId();
  const grid = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const [watcher] = useState(() => new ViewportWatcher(ROW_OVERSCAN));
  const gridRef = useCallback(
    (element: HTMLDivElement | null) => {
      grid.current = element;
      watcher.setRoot(element);
      return () => {
        grid.current = null;
        watcher.setRoot(null);
      };
    },
    [watcher],
  );

  const specOf = useMemo(() => new Map(specs.map((s) => [s.symbol, s])), [specs]);
  const listed = useMemo(
    () =>
      listedSymbols(
        prefs,
        specs.map((s) => s.symbol),
      ),
    [prefs, specs],
  );
  const volume = useMemo(() => volumeHeading(listed.map((s) => specOf.get(s) ?? {})), [listed, specOf]);
  const favourites = useMemo(() => new Set(prefs.favourites), [prefs.favourites]);
  const tabbable = visible.includes(selected) ? selected : visible[0];

  const onSort = useCallback(
    (column: SortColumn) => state.update((p) => setSort(p, nextSort(p.sort, column))),
    [state],
  );
  const onToggleFavourite = useCallback((symbol: string) => state.update((p) => toggleFavourite(p, symbol)), [state]);

  const focusRow = useCallback((symbol: string | undefined): boolean => {
    const rows = grid.current?.querySelectorAll<HTMLElement>('[data-testid="watchlist-row"]') ?? [];
    const row = Array.from(rows).find((r) => r.dataset.symbol === symbol);
    row?.focus();
    return row !== undefined;
  }, []);

  // Reads the selection at call time: the search calls this right after changing what is shown.
  const focusList = useCallback(
    () => focusRow(store.getSelected()) || focusRow(visibleNow(store, state.getPreferences(), state.getQuery())[0]),
    [store, state, focusRow],
  );

  const pickFirst = useCallback(() => {
    const first = visible[0];
    if (first === undefined) return;
    select(first);
    focusRow(first);
  }, [visible, select, focusRow]);

  // Selection follows the keys: the chart, book and tape switch as the reader walks down the list.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = STEPS[event.key];
    if (step === undefined || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-testid="watchlist-row"]');
    if (!row) return;
    const from = row.dataset.symbol ?? selected;
    const next = Number.isFinite(step) ? stepSymbol(visible, from, step) : step > 0 ? visible.at(-1) : visible[0];
    if (next === undefined) return;
    event.preventDefault();
    select(next);
    focusRow(next);
  };

  const closeEditor = useCallback(() => {
    setEditing(false);
    editButton.current?.focus();
  }, []);

  return (
    <Panel
      title="Markets"
      aside={query ? `${visible.length} of ${listed.length}` : listed.length}
      className="watchlist"
      data-testid="watchlist"
    >
      <div className="watchlist__toolbar">
        <WatchlistSearch focusList={focusList} pickFirst={pickFirst} />
        <button
          ref={editButton}
          type="button"
          className="watchlist__button"
          aria-expanded={editing}
          aria-controls={editing ? editorId : undefined}
          data-testid="watchlist-edit"
          onClick={() => (editing ? closeEditor() : setEditing(true))}
        >
          Edit list
        </button>
      </div>
      {editing ? <WatchlistEditor id={editorId} onClose={closeEditor} /> : null}
      <div
        ref={gridRef}
        className="watchlist__grid"
        role="grid"
        aria-label="Symbols"
        aria-rowcount={visible.length + 1}
        onKeyDown={onKeyDown}
      >
        <WatchlistHeader sort={prefs.sort} volume={volume} onSort={onSort} />
        <ViewportWatcherContext value={watcher}>
          {visible.map((symbol) => {
            const spec = specOf.get(symbol);
            return spec ? (
              <WatchlistRow
                key={symbol}
                spec={spec}
                selected={symbol === selected}
                tabbable={symbol === tabbable}
                favourite={favourites.has(symbol)}
                onSelect={select}
                onToggleFavourite={onToggleFavourite}
              />
            ) : null;
          })}
        </ViewportWatcherContext>
        {visible.length === 0 ? (
          <div className="watchlist__row watchlist__row--empty" role="row">
            <div className="watchlist__empty" role="gridcell">
              No symbol matches “{query}”
            </div>
          </div>
        ) : null}
      </div>
    </Panel>
  );
}
