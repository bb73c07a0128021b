// Every symbol with its last price and change; choosing one points the chart, book and tape at it.

import { useCallback, type KeyboardEvent } from 'react';
import { useSelectedSymbol, useSelectSymbol } from '../../hooks/useSelectedSymbol.ts';
import { useSymbols } from '../../hooks/useSymbols.ts';
import { Panel } from '../Panel/Panel.tsx';
import { WatchlistRow } from './WatchlistRow.tsx';
import './Watchlist.css';

export function Watchlist() {
  const specs = useSymbols();
  const selected = useSelectedSymbol();
  const select = useSelectSymbol();

  // Arrow keys move focus between rows; Enter or Space on a row selects it (see WatchlistRow).
  const onKeyDown = useCallback((event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const row = (event.target as HTMLElement).closest('[role="option"]');
    const next = event.key === 'ArrowDown' ? row?.nextElementSibling : row?.previousElementSibling;
    if (next instanceof HTMLElement) {
      event.preventDefault();
      next.focus();
    }
  }, []);

  return (
    <Panel title="Markets" aside={specs.length} className="watchlist">
      <div className="watchlist__columns" aria-hidden="true">
        <span>Symbol</span>
        <span>Last</span>
        <span>Change</span>
      </div>
      <div className="watchlist__rows" role="listbox" aria-label="Symbols" onKeyDown={onKeyDown}>
        {specs.map((spec) => (
          <WatchlistRow key={spec.symbol} spec={spec} selected={spec.symbol === selected} onSelect={select} />
        ))}
      </div>
    </Panel>
  );
}
