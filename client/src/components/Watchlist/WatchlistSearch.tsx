// The search box: the page's `/` shortcut focuses it (workspace/shortcuts.ts finds it by `data-shortcut`), Escape
// clears it and hands focus back to the list, Enter picks the first match, ArrowDown moves into the list.

import { useRef, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { useWatchlistQuery, useWatchlistState } from './useWatchlist.ts';
import './WatchlistSearch.css';

interface WatchlistSearchProps {
  /** Focuses the list's current row; false when there is none. */
  focusList: () => boolean;
  /** Selects the first symbol shown and focuses its row. */
  pickFirst: () => void;
}

export function WatchlistSearch({ focusList, pickFirst }: WatchlistSearchProps) {
  const state = useWatchlistState();
  const query = useWatchlistQuery();
  const input = useRef<HTMLInputElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      // Rendered at once, so the row that gets focus is one of the whole list's, not of the filtered one.
      flushSync(() => state.setQuery(''));
      if (!focusList()) input.current?.blur();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pickFirst();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusList();
    }
  };

  return (
    <div className="watchlist__search">
      <svg className="watchlist__search-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
        <path d="m10.5 10.5 3.5 3.5" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
      </svg>
      <input
        ref={input}
        type="search"
        className="watchlist__search-input"
        placeholder="Search"
        aria-label="Search symbols"
        aria-keyshortcuts="/"
        autoComplete="off"
        spellCheck={false}
        data-testid="watchlist-search"
        data-shortcut="search"
        value={query}
        onChange={(event) => state.setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <kbd className="watchlist__search-key" aria-hidden="true">
        /
      </kbd>
    </div>
  );
}
