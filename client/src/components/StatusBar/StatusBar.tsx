// The bottom line: is the stream live, how busy is it, and how fresh is what we show.

import { useLastUpdateTime, useConnection, useUpdateRate } from '../../hooks/useConnection.ts';
import { useSymbols } from '../../hooks/useSymbols.ts';
import type { ConnectionStatus } from '../../market/store.ts';
import { formatTimeMs } from '../format.ts';
import './StatusBar.css';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
};

export function StatusBar() {
  const status = useConnection();
  const rate = useUpdateRate();
  const lastTime = useLastUpdateTime();
  const symbols = useSymbols().length;
  return (
    <footer className="status-bar">
      <span className="status-bar__item" data-testid="connection-status" data-status={status} role="status">
        <span className={`status-dot status-dot--${status}`} aria-hidden="true" />
        {LABELS[status]}
      </span>
      <span className="status-bar__item">
        <span className="num status-bar__value" data-testid="update-rate">
          {Math.round(rate)}
        </span>
        updates/s
      </span>
      <span className="status-bar__item">
        <span className="num status-bar__value" data-testid="symbol-count">
          {symbols}
        </span>
        {symbols === 1 ? 'symbol' : 'symbols'}
      </span>
      <span className="status-bar__item status-bar__last">
        Last update
        <span className="num status-bar__value" data-testid="last-update">
          {lastTime === 0 ? '—' : formatTimeMs(lastTime)}
        </span>
      </span>
    </footer>
  );
}
