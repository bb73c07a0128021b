// The bottom line: is the stream live (and the feed behind the server), how busy is it, how fast is the round trip
// and how old is what we show; and the switch for the diagnostics panel.

import { memo, useCallback, useRef, useState } from 'react';
import { useMarketStore } from '../../hooks/market-context.ts';
import { useClockOffset } from '../../hooks/useFreshness.ts';
import { useConnection, useFeed, useLastUpdateTime, useRoundTrip, useUpdateRate } from '../../hooks/useConnection.ts';
import { useNow } from '../../hooks/useNow.ts';
import { useSymbols } from '../../hooks/useSymbols.ts';
import { useDismiss } from '../../workspace/useDismiss.ts';
import type { ConnectionStatus } from '../../market/store.ts';
import { DiagnosticsPanel } from '../Diagnostics/DiagnosticsPanel.tsx';
import { formatDataAge, formatTimeMs } from '../format.ts';
import './StatusBar.css';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting',
  live: 'Live',
  stalled: 'Stalled',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
};

export function StatusBar() {
  const status = useConnection();
  const { stale } = useFeed();
  const rate = useUpdateRate();
  const rtt = useRoundTrip();
  const lastTime = useLastUpdateTime();
  const symbols = useSymbols().length;
  const [diagnostics, setDiagnostics] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  // Esc hands focus back to the toggle; a click elsewhere leaves it where the click put it.
  const dismiss = useCallback((reason: 'escape' | 'outside') => {
    setDiagnostics(false);
    if (reason === 'escape') toggle.current?.focus();
  }, []);
  useDismiss(diagnostics, [toggle, panel], dismiss);
  // A round trip measured on a connection that is gone says nothing about the next one.
  const connected = status === 'live' || status === 'stalled';
  return (
    <footer className="status-bar">
      <span className="status-bar__item" data-testid="connection-status" data-status={status} role="status">
        <span className={`status-dot status-dot--${status}`} aria-hidden="true" />
        {LABELS[status]}
      </span>
      {/* The connection can be live while the server behind it hears nothing from its feed: say so, or every price
          would look live in the status bar while each panel calls it stale. */}
      {connected && stale ? (
        <span
          className="status-bar__item"
          data-testid="feed-status"
          data-status="stale"
          title="The server hears nothing from its feed: every price is the last one known"
        >
          <span className="status-dot status-dot--stale" aria-hidden="true" />
          Feed stale
        </span>
      ) : null}
      <span className="status-bar__item">
        <span className="num status-bar__value" data-testid="update-rate">
          {Math.round(rate)}
        </span>
        updates/s
      </span>
      <span className="status-bar__item" title="Round trip of the newest heartbeat">
        RTT
        <span className="num status-bar__value" data-testid="rtt">
          {rtt === null || !connected ? '—' : `${Math.round(rtt)} ms`}
        </span>
      </span>
      <span className="status-bar__item" title="Server time now minus the server time of the newest update">
        Data age
        <DataAge />
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
      <button
        ref={toggle}
        type="button"
        className="status-bar__toggle"
        data-testid="diagnostics-toggle"
        aria-expanded={diagnostics}
        aria-controls="diagnostics"
        onClick={() => setDiagnostics((open) => !open)}
      >
        Diagnostics
      </button>
      {diagnostics ? <DiagnosticsPanel ref={panel} /> : null}
    </footer>
  );
}

// Re-renders once a second, on its own. The newest update's time is sampled with the clock rather than subscribed
// to: a subscription would redraw it every frame against a clock up to a second old.
const DataAge = memo(function DataAge() {
  const now = useNow();
  const offset = useClockOffset();
  const lastTime = useMarketStore().getLastUpdateTime();
  return (
    <span className="num status-bar__value status-bar__age" data-testid="data-age">
      {lastTime === 0 ? '—' : formatDataAge(now + offset - lastTime)}
    </span>
  );
});
