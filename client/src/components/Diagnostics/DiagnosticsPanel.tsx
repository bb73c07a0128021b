// What the client knows about its own stream: per symbol, where it is and what went wrong (gaps, checksum
// mismatches, duplicates, resyncs by reason); per connection, connects, heartbeat and clock; of the feed behind the
// server, its epoch and whether it is stale. Read from the store.

import { RESYNC_REASONS } from '@tickline/shared';
import { type Ref, useCallback } from 'react';
import { useMarketStore } from '../../hooks/market-context.ts';
import { useStoreValue } from '../../hooks/useStoreValue.ts';
import type { ConnectionDiagnostics, SymbolDiagnostics } from '../../market/diagnostics.ts';
import type { FeedView } from '../../market/store.ts';
import { selectDiagnostics } from '../../market/selectors.ts';
import './DiagnosticsPanel.css';

/** `ref`: the panel's element, so its owner can tell a click inside it from one outside. */
export function DiagnosticsPanel({ ref }: { ref?: Ref<HTMLElement> }) {
  const { connection, feed, symbols } = useStoreValue(selectDiagnostics);
  const store = useMarketStore();
  const resync = useCallback((symbol: string) => store.requestResync(symbol, 'manual'), [store]);
  return (
    <section ref={ref} className="diagnostics" id="diagnostics" data-testid="diagnostics" aria-label="Diagnostics">
      <ConnectionLine connection={connection} feed={feed} />
      <table className="diagnostics__table">
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">Seq</th>
            <th scope="col">Status</th>
            <th scope="col">Applied</th>
            <th scope="col">Gaps</th>
            <th scope="col">Mismatch</th>
            <th scope="col">Dups</th>
            <th scope="col">Resyncs</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {symbols.map((s) => (
            <SymbolRow key={s.symbol} diagnostics={s} onResync={resync} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ConnectionLine({ connection: c, feed }: { connection: ConnectionDiagnostics; feed: FeedView }) {
  const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);
  const offset = c.clockOffset === null ? '—' : `${c.clockOffset >= 0 ? '+' : ''}${ms(c.clockOffset)}`;
  return (
    <dl className="diagnostics__connection" data-testid="diagnostics-connection">
      <Fact label="Connects" value={String(c.connects)} />
      <Fact label="Reconnects" value={String(c.reconnects)} />
      <Fact label="Stalls" value={String(c.stalls)} />
      <Fact label="RTT" value={ms(c.rtt)} />
      <Fact label="Clock offset" value={offset} />
      <Fact label="Transport" value={c.transport ?? '—'} />
      <Fact label="Epoch" value={feed.epoch === null ? '—' : String(feed.epoch)} testId="diag-epoch" />
      <Fact label="Feed" value={feedStatus(feed)} testId="diag-feed" />
    </dl>
  );
}

/** Nothing is known of the feed until the server's first `feed:status`. */
function feedStatus(feed: FeedView): string {
  if (feed.epoch === null) return '—';
  return feed.stale ? 'stale' : 'live';
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className="num" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

interface SymbolRowProps {
  diagnostics: SymbolDiagnostics;
  onResync: (symbol: string) => void;
}

function SymbolRow({ diagnostics: d, onResync }: SymbolRowProps) {
  const byReason = RESYNC_REASONS.map((reason) => `${reason} ${d.resyncs[reason]}`).join(' · ');
  const state = d.synced ? d.status : 'resyncing';
  return (
    <tr data-testid="diagnostics-row" data-symbol={d.symbol}>
      <th scope="row">{d.symbol}</th>
      <td className="num">{d.seq < 0 ? '—' : d.seq}</td>
      <td className={`diagnostics__state diagnostics__state--${state}`}>{state}</td>
      <td className="num">{d.updates}</td>
      <td className="num" data-testid="diag-gaps">
        {d.gaps}
      </td>
      <td className="num" data-testid="diag-mismatches">
        {d.mismatches}
      </td>
      <td className="num">{d.duplicates}</td>
      <td className="num" data-testid="diag-resyncs" title={byReason}>
        {d.resyncTotal}
      </td>
      <td>
        <button type="button" className="diagnostics__resync" onClick={() => onResync(d.symbol)}>
          Resync
        </button>
      </td>
    </tr>
  );
}
