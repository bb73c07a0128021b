// The bus's own counters, as the feed node and the edge report them on /api/health: what went into the stream
// (entries, updates, bytes of entry fields) and what came out of it at the edge (applied, and anything refused).

import type { ConsumerStats, PublisherStats } from '@tickline/server';

/** What the bench reads of the feed node's bus counters (`PublisherStats`, bus-publisher.ts). */
export type FeedBusCounters = Pick<PublisherStats, (typeof FEED_FIELDS)[number]>;

/** What the bench reads of the edge's (`ConsumerStats`, bus-consumer.ts); `lagMs` is a gauge, not a counter. */
export type EdgeBusCounters = Pick<ConsumerStats, (typeof EDGE_FIELDS)[number]>;

const FEED_FIELDS = ['entries', 'updates', 'bytes', 'snapshots', 'heartbeats', 'dropped'] as const;
const EDGE_FIELDS = [
  'entries',
  'bytes',
  'updatesApplied',
  'duplicates',
  'gaps',
  'mismatches',
  'badEntries',
  'lagMs',
] as const;

function pickNumbers<K extends string>(health: unknown, fields: readonly K[], who: string): Record<K, number> {
  const bus = typeof health === 'object' && health !== null ? (health as { bus?: unknown }).bus : undefined;
  if (typeof bus !== 'object' || bus === null) throw new Error(`${who}'s /api/health has no bus counters`);
  const out = {} as Record<K, number>;
  for (const field of fields) {
    const value = (bus as Record<string, unknown>)[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${who}'s bus.${field} is not a number`);
    out[field] = value;
  }
  return out;
}

export const feedBusCounters = (health: unknown): FeedBusCounters => pickNumbers(health, FEED_FIELDS, 'the feed node');
export const edgeBusCounters = (health: unknown): EdgeBusCounters => pickNumbers(health, EDGE_FIELDS, 'the edge');

/** Counter by counter, b - a (the gauge lagMs is b's). */
export function counterDelta<T extends Record<keyof T, number>>(a: T, b: T): T {
  const out = { ...b };
  for (const key of Object.keys(b) as (keyof T)[]) {
    if (key !== 'lagMs') out[key] = (b[key] - a[key]) as T[keyof T];
  }
  return out;
}
