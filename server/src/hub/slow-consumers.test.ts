import { describe, expect, it } from 'vitest';
import { isOverCap, type QueuedPacket, tallyQueue } from './slow-consumers.ts';

const packet = (data: unknown): QueuedPacket => ({ data });
const text = (n: number) => packet('x'.repeat(n));

describe('tallyQueue', () => {
  it('adds the payloads of queued packets, strings by length and bytes by size', () => {
    const t = tallyQueue(undefined, [packet('abc'), packet(Buffer.alloc(10)), packet(new ArrayBuffer(5))], 1000);
    expect(t).toMatchObject({ counted: 3, bytes: 18 });
  });

  it('counts packets without a payload (pings) as nothing', () => {
    expect(tallyQueue(undefined, [packet(undefined), {}], 1000).bytes).toBe(0);
  });

  it('reads only the packets appended since the last tally of the same queue', () => {
    const read: number[] = [];
    const watched = (i: number, n: number): QueuedPacket => ({
      get data() {
        read.push(i);
        return 'x'.repeat(n);
      },
    });
    const queue = [watched(0, 10), watched(1, 10)];
    const first = tallyQueue(undefined, queue, 1000);
    queue.push(watched(2, 5));
    expect(tallyQueue(first, queue, 1000)).toMatchObject({ counted: 3, bytes: 25 });
    expect(read).toEqual([0, 1, 2]);
  });

  it('starts over when the queue was replaced (the connection wrote its backlog)', () => {
    const old = tallyQueue(undefined, [text(100), text(100)], 1000);
    expect(tallyQueue(old, [text(7)], 1000)).toMatchObject({ counted: 1, bytes: 7 });
  });

  it('stops counting once the limit is passed, so a huge backlog is cheap to check', () => {
    const backlog = Array.from({ length: 100_000 }, () => text(100));
    const t = tallyQueue(undefined, backlog, 1000);
    expect(t).toMatchObject({ counted: 11, bytes: 1100 });
  });
});

describe('isOverCap', () => {
  const queued = (bytes: number) => tallyQueue(undefined, bytes ? [text(bytes)] : [], Infinity);

  it('leaves a connection at exactly the cap alone', () => {
    expect(isOverCap(1000, queued(0), 1000)).toBe(false);
    expect(isOverCap(900, queued(100), 1000)).toBe(false);
  });

  it('cuts a connection one byte over the cap, whether the bytes sit in the transport or the queue', () => {
    expect(isOverCap(1001, queued(0), 1000)).toBe(true);
    expect(isOverCap(0, queued(1001), 1000)).toBe(true);
    expect(isOverCap(600, queued(401), 1000)).toBe(true);
  });

  it('never cuts with an infinite cap', () => {
    expect(isOverCap(Number.MAX_SAFE_INTEGER, queued(10), Infinity)).toBe(false);
  });
});
