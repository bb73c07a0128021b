// Whether a server should get traffic (GET /readyz): the reasons it should not, none when ready. Pure: the roles
// pass what they see (feeds' health, the market view, the bus consumer's state).

import type { FeedAdapter } from '../feeds/feed.ts';
import type { MarketView } from '../hub/market-view.ts';

/** A single process or a feed node: every feed connected and every symbol with a book and live. */
export function sequencerReadiness(
  feeds: readonly Pick<FeedAdapter, 'id' | 'health'>[],
  view: Pick<MarketView, 'specs' | 'ready' | 'describe'>,
  now: number,
): string[] {
  const reasons: string[] = [];
  for (const feed of feeds) {
    const { status } = feed.health();
    if (status !== 'live') reasons.push(`feed ${feed.id} is ${status}`);
  }
  reasons.push(...symbolReasons(view, now));
  return reasons;
}

/** An edge: the shard loaded from the bus, every replica synced and live, and the feed node heard recently. */
export function edgeReadiness(
  state: { loaded: boolean; feedHeard: boolean },
  view: Pick<MarketView, 'specs' | 'ready' | 'describe'>,
  now: number,
): string[] {
  if (!state.loaded) return ['the market is not loaded from the bus yet'];
  const reasons = state.feedHeard ? [] : ['the feed node is not heard on the bus'];
  // Stale symbols follow from a silent feed node: one reason says it.
  reasons.push(...symbolReasons(view, now).filter((r) => state.feedHeard || !r.endsWith(' is stale')));
  return reasons;
}

function symbolReasons(view: Pick<MarketView, 'specs' | 'ready' | 'describe'>, now: number): string[] {
  const reasons: string[] = [];
  for (const { symbol } of view.specs()) {
    const described = view.ready([symbol]) ? view.describe(symbol, now) : undefined;
    // Sequence 0: nothing published yet (the hub keeps a state per symbol from the start, empty until its feed speaks).
    if (!described || described.seq === 0) reasons.push(`${symbol} has no data yet`);
    else if (described.status !== 'live') reasons.push(`${symbol} is ${described.status}`);
  }
  return reasons;
}
