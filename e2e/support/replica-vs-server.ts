// What a client's replica of one symbol must equal at the end of a run: the server's snapshot of it, field by field
// (book, checksum, sequence, status, the recent trades, the candles, the ticker), not only the book's hash.

import { isDeepStrictEqual } from 'node:util';
import {
  bookChecksum,
  CHECKSUM_LEVELS,
  type Instrument,
  type SymbolReplica,
  type SymbolSnapshot,
} from '@tickline/shared';

/** Equal as the wire would carry them: key order and undefined fields do not count. */
const same = (a: unknown, b: unknown): boolean =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a) ?? 'null'), JSON.parse(JSON.stringify(b) ?? 'null'));

/** Where two lists first differ, for a message a person can act on. */
function firstDifference(mine: readonly unknown[], theirs: readonly unknown[]): string {
  const found = theirs.findIndex((item, i) => !same(item, mine[i]));
  const at = found === -1 ? theirs.length : found;
  return `${mine.length} vs ${theirs.length} items, first differing at ${at}: ${JSON.stringify(mine[at])} vs ${JSON.stringify(theirs[at])}`;
}

/**
 * Every way `replica` differs from the server's `snapshot`, empty when they agree. A replica may keep more trades and
 * candles than the server publishes (the dashboard keeps 100 and 300), so those compare as the replica's newest
 * `snapshot.trades.length` and `snapshot.candles.length`.
 */
export function replicaDifferences(replica: SymbolReplica, snapshot: SymbolSnapshot, instrument: Instrument): string[] {
  const found: string[] = [];
  if (!replica.synced) found.push('not synced');
  if (replica.seq !== snapshot.seq) found.push(`seq ${replica.seq} vs ${snapshot.seq}`);
  if (replica.status !== snapshot.status) found.push(`status ${replica.status} vs ${snapshot.status}`);
  const book = replica.book.top(snapshot.depth);
  if (!same(book, snapshot.book)) found.push('book differs');
  // Recomputed from the replica's own book, so a book that drifted under a stale stored checksum still shows.
  const checksum = bookChecksum(replica.book.top(CHECKSUM_LEVELS), instrument);
  if (checksum !== snapshot.checksum) found.push(`checksum ${checksum} vs ${snapshot.checksum}`);
  const trades = replica.trades.toArray(snapshot.trades.length);
  if (!same(trades, snapshot.trades)) found.push(`trades: ${firstDifference(trades, snapshot.trades)}`);
  if (replica.candles.intervalMs !== snapshot.candleIntervalMs) {
    found.push(`candle interval ${replica.candles.intervalMs} vs ${snapshot.candleIntervalMs}`);
  }
  const candles = replica.candles.toArray(snapshot.candles.length);
  if (!same(candles, snapshot.candles)) found.push(`candles: ${firstDifference(candles, snapshot.candles)}`);
  if (!same(replica.ticker, snapshot.ticker)) {
    found.push(`ticker ${JSON.stringify(replica.ticker)} vs ${JSON.stringify(snapshot.ticker)}`);
  }
  return found;
}
