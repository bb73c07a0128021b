// Which served symbols are on the list: one checkbox each; the last one left cannot be unticked, since an empty
// watchlist would leave nothing to choose.

import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useSymbols } from '../../hooks/useSymbols.ts';
import { listedSymbols, setListed } from '../../watchlist/preferences.ts';
import { useWatchlistPreferences, useWatchlistState } from './useWatchlist.ts';
import './WatchlistEditor.css';

interface WatchlistEditorProps {
  id: string;
  onClose: () => void;
}

export function WatchlistEditor({ id, onClose }: WatchlistEditorProps) {
  const specs = useSymbols();
  const state = useWatchlistState();
  const prefs = useWatchlistPreferences();
  const served = specs.map((s) => s.symbol);
  const listed = new Set(listedSymbols(prefs, served));
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="watchlist__editor" id={id} data-testid="watchlist-editor" onKeyDown={onKeyDown}>
      <fieldset className="watchlist__editor-set">
        <legend className="watchlist__editor-legend">Symbols on the list</legend>
        {specs.map((spec, i) => {
          const on = listed.has(spec.symbol);
          const last = on && listed.size === 1;
          return (
            <label key={spec.symbol} className="watchlist__editor-item" title={last ? 'Keep at least one' : undefined}>
              <input
                ref={i === 0 ? first : undefined}
                type="checkbox"
                checked={on}
                disabled={last}
                data-symbol={spec.symbol}
                onChange={(event) => state.update((p) => setListed(p, served, spec.symbol, event.target.checked))}
              />
              <span className="watchlist__editor-symbol">{spec.symbol}</span>
              <span className="watchlist__editor-name">{spec.name}</span>
            </label>
          );
        })}
      </fieldset>
      <button type="button" className="watchlist__button" onClick={onClose}>
        Done
      </button>
    </div>
  );
}
