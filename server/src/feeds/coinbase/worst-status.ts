// One status for a feed of many products: the worst of theirs, since the feed is only as live as its worst book.

import type { FeedStatus } from '../feed.ts';

const RANK: Record<FeedStatus, number> = { live: 0, stale: 1, reconnecting: 2, halted: 3 };

/** The worst of `statuses`; a feed with no product left to serve is halted. */
export function worstStatus(statuses: readonly FeedStatus[]): FeedStatus {
  let worst: FeedStatus | undefined;
  for (const s of statuses) if (worst === undefined || RANK[s] > RANK[worst]) worst = s;
  return worst ?? 'halted';
}
