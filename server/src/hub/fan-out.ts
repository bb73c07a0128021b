// The hot path out: each flush's updates, already encoded once, go to every client that follows any of them as one
// `md` message with its share. The per-client work is one write whose encoding joins already-serialized updates
// (batch-encoder.ts), straight to the WebSocket when nothing is queued before it (direct-write.ts): never a
// serialization per client.

import type { WireUpdate } from '@tickline/shared';
import { writeBatch } from './direct-write.ts';
import type { TicklineSocket } from './socket-types.ts';
import type { StreamStats } from './stream-stats.ts';
import type { SubscriberRegistry } from './subscriber-registry.ts';

/** One symbol's update of a flush, in its wire form. */
export type PublishedUpdate = readonly [symbol: string, wire: WireUpdate];

export type Deliver = (time: number, updates: readonly PublishedUpdate[]) => void;

/** Running totals of what the fan-out wrote, read by /metrics. */
export interface DeliveryCounts {
  /** `md` messages written, one per client per flush. */
  messages: number;
  /** Updates in them: an update to a thousand clients counts a thousand times. */
  updates: number;
}

export interface FanOutOptions {
  /** Runs after each flush's messages are written (the slow-consumer check). */
  afterDelivery?: () => void;
  counts?: DeliveryCounts;
  /** A send that threw: the other clients still get theirs, and the next flush runs. */
  onError?: (err: unknown) => void;
  /** Bytes of each batch written straight to a WebSocket (Engine.IO counts the others where it creates them). */
  sent?: (bytes: number) => void;
}

export function createFanOut(
  subscribers: SubscriberRegistry<TicklineSocket>,
  stats: StreamStats,
  options: FanOutOptions = {},
): Deliver {
  const {
    afterDelivery = () => {},
    counts = { messages: 0, updates: 0 },
    onError = () => {},
    sent = () => {},
  } = options;
  return (time, updates) => {
    if (updates.length > 0) {
      for (const [symbol] of updates) stats.updateSent(symbol);
      for (const [socket, mine] of subscribers.group(updates)) {
        try {
          writeBatch(socket, time, mine, sent);
          counts.messages++;
          counts.updates += mine.length;
        } catch (err) {
          onError(err);
        }
      }
    }
    try {
      afterDelivery();
    } catch (err) {
      onError(err);
    }
  };
}
