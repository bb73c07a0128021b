// Slow consumers: a client that stops reading must not make the server hold an ever-growing backlog for it.
// After each flush we look at what every connection has queued but the kernel has not taken yet (Engine.IO's write
// buffer plus the WebSocket's own buffer); a connection over the cap is cut, and so is one whose queue has not been
// empty at any check for `stallMs` (a client reading more slowly than we write never catches up; at normal rates it
// would take minutes to reach the cap). The client's reconnect-and-resync brings it back when it reads again. A
// client that stops reading altogether is also cut by the heartbeat: its pong waits behind the unread backlog, and
// Engine.IO's ping timeout is set from the same `stallMs` (stream-server.ts), which sees through the kernel's
// buffers where we cannot. The cost is two property reads per healthy connection per flush, and for a
// stalled one the packets queued since the last check; never work per update per socket.

import type { TicklineServer } from './socket-types.ts';

/**
 * The default cap. A healthy connection queues next to nothing here (the kernel's socket buffers, several MB, take
 * up any hiccup first); a client on every symbol of a busy server (~0.3 MB/s) reaches it some 15 s after those fill.
 */
export const DEFAULT_MAX_QUEUED_BYTES = 4 * 1024 * 1024;

/** What a queued Engine.IO packet looks like to us: its payload, a string or bytes. */
export interface QueuedPacket {
  readonly data?: unknown;
}

/**
 * A running count of the payload bytes in a connection's queue. Engine.IO only appends to its queue until it
 * replaces it with a fresh one on the next write, so a count is carried over for as long as the array is the same
 * and only the packets added since are read: a stalled connection costs the packets of one flush per check, not
 * its whole backlog.
 */
export interface QueueTally {
  readonly packets: readonly QueuedPacket[];
  /** Packets counted so far (a prefix of `packets`). */
  readonly counted: number;
  readonly bytes: number;
}

/**
 * Brings `previous` up to date with `packets`, counting at most until `limit` is passed (a string counts its
 * length: our JSON is ASCII, so that is its size on the wire).
 */
export function tallyQueue(
  previous: QueueTally | undefined,
  packets: readonly QueuedPacket[],
  limit: number,
): QueueTally {
  const same = previous !== undefined && previous.packets === packets && previous.counted <= packets.length;
  let counted = same ? previous.counted : 0;
  let bytes = same ? previous.bytes : 0;
  for (; counted < packets.length && bytes <= limit; counted++) bytes += payloadBytes(packets[counted]?.data);
  return { packets, counted, bytes };
}

/** A packet's payload size: our JSON is ASCII, so a string's length is its size on the wire. */
export function payloadBytes(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return data.byteLength;
  return 0;
}

// Engine.IO keeps these members private in its typings; this is the part of them we read. `inspect` checks each new
// connection has them, so an engine.io upgrade that moves them is reported loudly instead of leaving us unguarded.
interface ConnectionView {
  readonly writeBuffer?: readonly QueuedPacket[];
  readonly transport?: { readonly name?: string; readonly socket?: WebSocketView };
  close(discard?: boolean): void;
}
interface WebSocketView {
  readonly readyState?: number;
  readonly bufferedAmount?: number;
  /** ws's TCP socket. */
  readonly _socket?: { destroy(error?: Error): void };
  terminate?(): void;
}
const WS_OPEN = 1;

export type SlowConsumerReason = 'cap' | 'stall';

export interface SlowConsumerLimits {
  /** A connection with more than this many bytes queued is cut. Infinity never cuts. */
  capBytes: number;
  /** A connection whose queue has not been empty at any check for this long is cut. Infinity never cuts. */
  stallMs: number;
}

export interface SlowConsumerGuard {
  /** Checks every connection once; returns how many it cut. */
  check(): number;
  /** Bytes queued for this connection that the kernel has not taken yet (checked before answering a request). */
  queuedBytes(socket: { readonly conn: unknown }): number;
  /**
   * Closes a connection: politely (the client sees the server's disconnect) when nothing is queued for it, else at
   * once with its buffers dropped, since a polite close waits behind the backlog.
   */
  cut(socket: { readonly conn: unknown; disconnect(close: boolean): unknown }): void;
  /** Checks a new connection's internals: what is wrong, or undefined when it can watch it. */
  inspect(socket: { readonly conn: unknown }): string | undefined;
  /**
   * A socket disconnected, and why: after a heartbeat timeout its connection's buffers are dropped at once (a polite
   * close would keep them for 30 s more). Called from the server's one disconnect listener, so watching costs no
   * listener per connection.
   */
  disconnected(socket: { readonly conn: unknown; readonly id: string }, reason: string): void;
  /** Connections cut since start. */
  readonly dropped: number;
}

/**
 * The one error every write still pending on a cut connection fails with (see `terminate`). Made without stack
 * frames: destroying a socket reads its error's stack, and with source maps on (`npm start`) formatting a frame
 * parses the server's source map (~0.9 MB) the first time, ~20 ms in the middle of a hostile burst (CPU profile of
 * e2e/hostile.spec.ts). Where it was made says nothing anyway.
 */
const CUT = stacklessError('connection cut by the server');

function stacklessError(message: string): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new Error(message);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Drops a connection and everything queued for it, now. A cut connection may have thousands of small writes
 * pending, and each fails through a callback that reads its error's stack (Engine.IO's websocket transport): with a
 * fresh error per write, formatting those stacks held the event loop for hundreds of ms in the hostile run. So:
 * Engine.IO is closed first (no more sends are attempted; each would fail with a new error), then the TCP socket is
 * destroyed with one shared error, whose stack is formatted once.
 */
function terminate(conn: ConnectionView): void {
  const ws = conn.transport?.socket;
  conn.close(true);
  if (ws?._socket) ws._socket.destroy(CUT);
  else ws?.terminate?.();
}

/**
 * When the fan-out runs the check. It reads every connection, and at light load adaptive flushes come every few ms:
 * with 1,000 clients an idle server spent 12.8 % of its busy time checking (CPU profile, 100 updates/s). Looking
 * every 50 ms (the fixed flush interval) loses nothing for a 20 s stall rule, but the cap is about bytes: a burst
 * (hostile clients' snapshot requests) can queue megabytes in 50 ms, and a socket over its cap then holds more, and
 * takes longer to cut, the longer the check waits (e2e/hostile.spec.ts's well-behaved probe saw gaps of 200-420 ms
 * with a check every 50 ms alone). So the check also runs once the server has written CHECK_AFTER_BYTES since the
 * last one: a busy server checks every flush, as before, an idle one every 50 ms.
 */
export const CHECK_EVERY_MS = 50;
export const CHECK_AFTER_BYTES = 256 * 1024;

export interface CheckPacer {
  /** Bytes written to clients (every packet, any way it went). */
  wrote(bytes: number): void;
  /** After a flush: runs the check if it is due; returns what it cut (0 when skipped). */
  afterFlush(): number;
}

/** Paces `check`: due `ms` after it last ran (by `now`, a ms clock), or once `bytes` have been written since. */
export function checkPacer(ms: number, bytes: number, now: () => number, check: () => number): CheckPacer {
  let last = Number.NEGATIVE_INFINITY;
  let written = 0;
  return {
    wrote(n) {
      written += n;
    },
    afterFlush() {
      const t = now();
      if (t - last < ms && written < bytes) return 0;
      last = t;
      written = 0;
      return check();
    },
  };
}

export function createSlowConsumerGuard(
  io: TicklineServer,
  limits: SlowConsumerLimits,
  clock: () => number,
  onDrop: (socketId: string, queued: number, reason: SlowConsumerReason) => void = () => {},
): SlowConsumerGuard {
  const { capBytes, stallMs } = limits;
  let dropped = 0;
  const tallies = new WeakMap<object, QueueTally>();
  /** When each connection with a queue was first seen with one since it was last seen empty. */
  const backlogSince = new WeakMap<object, number>();

  const queued = (conn: ConnectionView, buffered: number): number => {
    const packets = conn.writeBuffer ?? [];
    if (packets.length === 0) return buffered;
    const tally = tallyQueue(tallies.get(conn), packets, capBytes);
    tallies.set(conn, tally);
    return buffered + tally.bytes;
  };

  const check = (): number => {
    if (capBytes === Infinity && stallMs === Infinity) return 0;
    let cut = 0;
    const now = clock();
    for (const socket of io.sockets.sockets.values()) {
      const conn = socket.conn as unknown as ConnectionView;
      const ws = conn.transport?.socket;
      const buffered = ws?.bufferedAmount ?? 0;
      // The common case, a connection that keeps up, costs two reads and a delete.
      if ((conn.writeBuffer?.length ?? 0) === 0 && buffered === 0) {
        backlogSince.delete(conn);
        continue;
      }
      if (ws?.readyState !== undefined && ws.readyState !== WS_OPEN) continue; // already closing
      const bytes = queued(conn, buffered);
      let since = backlogSince.get(conn);
      if (since === undefined) backlogSince.set(conn, (since = now));
      const reason: SlowConsumerReason | undefined =
        bytes > capBytes ? 'cap' : now - since > stallMs ? 'stall' : undefined;
      if (!reason) continue;
      // terminate() drops the socket and its buffers now; a polite close would wait behind the very backlog we
      // want to free (Engine.IO waits for a drain that never comes, ws for 30 s).
      terminate(conn);
      cut++;
      onDrop(socket.id, bytes, reason);
    }
    dropped += cut;
    return cut;
  };
  return {
    check,
    queuedBytes(socket) {
      const conn = socket.conn as ConnectionView;
      return queued(conn, conn.transport?.socket?.bufferedAmount ?? 0);
    },
    cut(socket) {
      const conn = socket.conn as ConnectionView;
      if (queued(conn, conn.transport?.socket?.bufferedAmount ?? 0) === 0) socket.disconnect(true);
      else terminate(conn);
    },
    inspect(socket) {
      const conn = socket.conn as ConnectionView | undefined;
      if (!Array.isArray(conn?.writeBuffer)) return 'Engine.IO connection has no writeBuffer array';
      if (conn.transport?.name === 'websocket' && typeof conn.transport.socket?.bufferedAmount !== 'number') {
        return "Engine.IO's websocket transport has no socket.bufferedAmount";
      }
      return undefined;
    },
    disconnected(socket, reason) {
      // A pong that did not come back within the heartbeat (set from stallMs) is a backlog that did not drain, seen
      // through the kernel's buffers: counted as a stall cut like ours.
      if (reason !== 'ping timeout') return;
      const conn = socket.conn as ConnectionView;
      const bytes = queued(conn, conn.transport?.socket?.bufferedAmount ?? 0);
      terminate(conn);
      dropped++;
      onDrop(socket.id, bytes, 'stall');
    },
    get dropped() {
      return dropped;
    },
  };
}
