// Each feed's health as metrics, labelled by feed id: its status as a state set (1 on the current status) and its
// running counts, all read from FeedAdapter.health() at scrape time.

import type { Registry } from 'prom-client';
import type { FeedAdapter, FeedHealth, FeedStatus } from '../feeds/feed.ts';
import { collectedCounter, collectedGauge, type Sample } from './collected-metrics.ts';

const STATUSES: readonly FeedStatus[] = ['live', 'stale', 'reconnecting', 'halted'];

export function registerFeedMetrics(registry: Registry, feeds: readonly FeedAdapter[]): void {
  const each =
    <L extends string>(sample: (id: string, health: FeedHealth) => Sample<L>[]) =>
    () =>
      feeds.flatMap((feed) => sample(feed.id, feed.health()));
  collectedGauge(registry, {
    name: 'tickline_feed_status',
    help: "Each feed's connection status: 1 for the status it is in, 0 for the others",
    labelNames: ['feed', 'status'],
    read: each((feed, h) => STATUSES.map((status) => [{ feed, status }, h.status === status ? 1 : 0] as const)),
  });
  const counters = [
    ['tickline_feed_messages_total', "Messages received from the feed's source", 'messages'],
    ['tickline_feed_malformed_total', 'Messages from the source that could not be understood (skipped)', 'malformed'],
    ['tickline_feed_reconnects_total', "Times the feed's connection was re-established", 'reconnects'],
    ['tickline_feed_resyncs_total', "Times a symbol's book was rebuilt from a fresh venue snapshot", 'resyncs'],
  ] as const;
  for (const [name, help, field] of counters) {
    collectedCounter(registry, { name, help, labelNames: ['feed'], read: each((feed, h) => [[{ feed }, h[field]]]) });
  }
  collectedGauge(registry, {
    name: 'tickline_feed_last_message_age_seconds',
    help: "Seconds since the feed's last message (absent before the first)",
    labelNames: ['feed'],
    read: each((feed, h) =>
      h.lastMessageAt === null ? [] : [[{ feed }, Math.max(0, Date.now() - h.lastMessageAt) / 1000]],
    ),
  });
}
