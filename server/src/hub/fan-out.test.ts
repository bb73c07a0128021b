import { describe, expect, it } from 'vitest';
import type { WireUpdate } from '@tickline/shared';
import { createFanOut, type DeliveryCounts } from './fan-out.ts';
import type { TicklineSocket } from './socket-types.ts';
import { StreamStats } from './stream-stats.ts';
import { SubscriberRegistry } from './subscriber-registry.ts';

/** A socket that records its `md` messages, or throws on emit. */
function fakeSocket(throws = false) {
  const received: unknown[] = [];
  const socket = {
    emit(_event: string, batch: unknown) {
      if (throws) throw new Error('emit failed');
      received.push(batch);
      return true;
    },
  };
  return { socket: socket as unknown as TicklineSocket, received };
}

const wire = (sid: number): WireUpdate => [sid, 1] as unknown as WireUpdate;

describe('createFanOut', () => {
  it('sends each follower its share in one message, and counts messages and updates', () => {
    const subscribers = new SubscriberRegistry<TicklineSocket>();
    const alice = fakeSocket();
    const bob = fakeSocket();
    subscribers.add(alice.socket, ['A', 'B']);
    subscribers.add(bob.socket, ['B']);
    const counts: DeliveryCounts = { messages: 0, updates: 0 };
    const deliver = createFanOut(subscribers, new StreamStats(), { counts });
    deliver(1000, [
      ['A', wire(1)],
      ['B', wire(2)],
    ]);
    expect(alice.received).toEqual([[1000, wire(1), wire(2)]]);
    expect(bob.received).toEqual([[1000, wire(2)]]);
    expect(counts).toEqual({ messages: 2, updates: 3 });
  });

  it('a send that throws is reported; the other clients get theirs and the check after delivery runs', () => {
    const subscribers = new SubscriberRegistry<TicklineSocket>();
    const broken = fakeSocket(true);
    const fine = fakeSocket();
    subscribers.add(broken.socket, ['A']);
    subscribers.add(fine.socket, ['A']);
    const errors: unknown[] = [];
    let checks = 0;
    const deliver = createFanOut(subscribers, new StreamStats(), {
      onError: (err) => errors.push(err),
      afterDelivery: () => {
        checks++;
        throw new Error('check failed');
      },
    });
    expect(() => deliver(1000, [['A', wire(1)]])).not.toThrow();
    expect(fine.received).toHaveLength(1);
    expect(checks).toBe(1);
    expect(errors.map((e) => (e as Error).message)).toEqual(['emit failed', 'check failed']);
  });
});
