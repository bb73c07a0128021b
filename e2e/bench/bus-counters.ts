// The bus's own counters, as the feed node and the edge report them on /api/health: what went into the stream
// (entries, updates, bytes of entry fields) and what came out of it at the edge (applied, and anything refused).

export interface FeedBusCounters {
  entries: number;
  updates: number;
  /** Bytes of entry fields written (the payload of the XADDs, without Redis's framing). */
  bytes: number;
  snapshots: number;
  heartbeats: number;
  dropped: number;
}

export interface EdgeBusCounters {
  entries: number;
  /** Bytes of entry fields read. */
  bytes: number;
  updatesApplied: number;
  duplicates: number;
  gaps: number;
  mismatches: number;
  badEntries: number;
  /** Newest entry's flush time to its arrival at the edge, ms (the bench's processes share one clock). */
  lagMs: number;
}

const FEED_FIELDS = ['entries', 'updates', 'bytes', 'snapshots', 'heartbeats', 'dropped'] as const;
const EDGE_FIELDS = ['entries', 'bytes', 'updatesApplied', 'duplicates', 'gaps', 'mismatches', 'badEntries', 'lagMs'] as const;

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
