import { describe, expect, it } from 'vitest';
import { checkPacer, createSlowConsumerGuard, type QueuedPacket, tallyQueue } from './slow-consumers.ts';
import type { TicklineServer } from './socket-types.ts';

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

/** A server with hand-made connections: what the guard reads of Engine.IO, nothing else. */
function fakeServer() {
  const sockets = new Map<string, { id: string; conn: FakeConn }>();
  const add = (id: string, buffered = 0, packets: string[] = []) => {
    const conn: FakeConn = {
      writeBuffer: packets.map((p) => ({ data: p })),
      transport: {
        name: 'websocket',
        socket: { readyState: 1, bufferedAmount: buffered, terminate: () => void (conn.cut = true) },
      },
      close: () => void (conn.cut = true),
      cut: false,
    };
    sockets.set(id, { id, conn });
    return conn;
  };
  return { io: { sockets: { sockets } } as unknown as TicklineServer, add };
}
interface FakeConn {
  writeBuffer: QueuedPacket[];
  transport: { name: string; socket: { readyState: number; bufferedAmount: number; terminate(): void } };
  close(): void;
  cut: boolean;
}

describe('checkPacer', () => {
  it('runs the check at once, then again once the interval has passed since it last ran', () => {
    let now = 1000;
    let runs = 0;
    const pacer = checkPacer(
      50,
      1_000_000,
      () => now,
      () => ++runs,
    );
    const at = (t: number) => {
      now = t;
      return pacer.afterFlush();
    };
    expect([at(1000), at(1004), at(1049), at(1050), at(1060), at(1099), at(1100)]).toEqual([1, 0, 0, 2, 0, 0, 3]);
  });

  it('runs it sooner once enough bytes were written since the last run', () => {
    let runs = 0;
    const pacer = checkPacer(
      50,
      1000,
      () => 0,
      () => ++runs,
    );
    expect(pacer.afterFlush()).toBe(1);
    pacer.wrote(600);
    expect(pacer.afterFlush()).toBe(0);
    pacer.wrote(400);
    expect(pacer.afterFlush()).toBe(2);
    pacer.wrote(999);
    expect(pacer.afterFlush()).toBe(0);
  });
});

describe('createSlowConsumerGuard', () => {
  it('leaves a connection at exactly the cap alone and cuts one a byte over, wherever the bytes sit', () => {
    const { io, add } = fakeServer();
    const atCap = add('a', 900, ['x'.repeat(100)]);
    const overInTransport = add('b', 1001);
    const overInQueue = add('c', 0, ['x'.repeat(1001)]);
    const drops: string[] = [];
    const guard = createSlowConsumerGuard(
      io,
      { capBytes: 1000, stallMs: Infinity },
      () => 0,
      (id, _q, why) => drops.push(`${id}:${why}`),
    );
    expect(guard.check()).toBe(2);
    expect([atCap.cut, overInTransport.cut, overInQueue.cut]).toEqual([false, true, true]);
    expect(drops).toEqual(['b:cap', 'c:cap']);
    expect(guard.dropped).toBe(2);
  });

  it('cuts a connection whose queue was never empty at a check for longer than stallMs', () => {
    const { io, add } = fakeServer();
    let now = 0;
    const stuck = add('stuck', 10);
    const draining = add('draining', 10);
    const guard = createSlowConsumerGuard(io, { capBytes: Infinity, stallMs: 1000 }, () => now);
    for (now = 0; now <= 1000; now += 50) {
      guard.check();
      draining.transport.socket.bufferedAmount = draining.transport.socket.bufferedAmount ? 0 : 10; // empties every other check
    }
    expect(stuck.cut).toBe(false); // exactly stallMs: not yet
    now = 1001;
    guard.check();
    expect(stuck.cut).toBe(true);
    expect(draining.cut).toBe(false);
  });

  it('reports what it queued for one connection, transport and queue together', () => {
    const { io, add } = fakeServer();
    add('a', 7, ['abc', 'de']);
    const guard = createSlowConsumerGuard(io, { capBytes: 1000, stallMs: Infinity }, () => 0);
    const socket = [...(io.sockets.sockets.values() as Iterable<{ conn: unknown }>)][0]!;
    expect(guard.queuedBytes(socket)).toBe(12);
  });

  it('says when a connection lacks the internals it reads', () => {
    const { io, add } = fakeServer();
    const guard = createSlowConsumerGuard(io, { capBytes: 1000, stallMs: 1000 }, () => 0);
    add('ok');
    const [ok] = io.sockets.sockets.values() as Iterable<{ conn: unknown }>;
    expect(guard.inspect(ok!)).toBeUndefined();
    expect(guard.inspect({ conn: {} })).toMatch(/writeBuffer/);
    expect(guard.inspect({ conn: { writeBuffer: [], transport: { name: 'websocket', socket: {} } } })).toMatch(
      /bufferedAmount/,
    );
  });

  it('counts a heartbeat timeout as a stall cut, and drops the connection at once', () => {
    const { io, add } = fakeServer();
    const conn = add('a', 500);
    const drops: string[] = [];
    const guard = createSlowConsumerGuard(
      io,
      { capBytes: 1000, stallMs: 1000 },
      () => 0,
      (id, q, why) => drops.push(`${id}:${q}:${why}`),
    );
    guard.disconnected({ id: 'a', conn }, 'ping timeout');
    expect(drops).toEqual(['a:500:stall']);
    expect(guard.dropped).toBe(1);
    expect(conn.cut).toBe(true);
    guard.disconnected({ id: 'a', conn }, 'transport close'); // any other close is the client's own doing: not counted
    expect(guard.dropped).toBe(1);
  });

  it('never cuts with an infinite cap and stall time', () => {
    const { io, add } = fakeServer();
    const conn = add('a', Number.MAX_SAFE_INTEGER);
    expect(createSlowConsumerGuard(io, { capBytes: Infinity, stallMs: Infinity }, () => 1e12).check()).toBe(0);
    expect(conn.cut).toBe(false);
  });
});
