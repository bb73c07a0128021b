// The mark on a price that is not live: STALE with the age of its data (the connection is down or stalled, or the
// server says the feed went quiet), HALTED, or RESYNC while a fresh snapshot is on its way. Nothing when live.

import { useClockOffset, useSymbolTime } from '../../hooks/useFreshness.ts';
import { useNow } from '../../hooks/useNow.ts';
import type { SymbolFreshness } from '../../market/store.ts';
import { formatAge } from '../format.ts';
import './FreshnessBadge.css';

const LABELS: Record<Exclude<SymbolFreshness, 'live'>, string> = {
  disconnected: 'Stale',
  stale: 'Stale',
  halted: 'Halted',
  resyncing: 'Resync',
};

const TITLES: Record<Exclude<SymbolFreshness, 'live'>, string> = {
  disconnected: 'The connection is down or stalled: this is the last price received.',
  stale: 'The source has sent nothing for a while: this is the last price received.',
  halted: 'Trading is halted: the book is frozen.',
  resyncing: 'The stream had a gap or a checksum mismatch: a fresh snapshot is on its way.',
};

export function FreshnessBadge({ symbol, freshness }: { symbol: string; freshness: SymbolFreshness }) {
  if (freshness === 'live') return null;
  const showAge = freshness === 'disconnected' || freshness === 'stale';
  return (
    <span
      className={`freshness-badge freshness-badge--${freshness}`}
      data-testid="freshness-badge"
      data-freshness={freshness}
      title={TITLES[freshness]}
    >
      {LABELS[freshness]}
      {showAge ? <DataAge symbol={symbol} /> : null}
    </span>
  );
}

// Only this span re-renders every second, and only while a badge with an age is on screen.
function DataAge({ symbol }: { symbol: string }) {
  const now = useNow();
  const offset = useClockOffset();
  const time = useSymbolTime(symbol);
  if (time === 0) return null;
  return <span className="freshness-badge__age num"> · {formatAge(now + offset - time)}</span>;
}
