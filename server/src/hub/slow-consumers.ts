// Slow consumers: a client that stops reading must not make the server hold an ever-growing backlog for it.
// After each flush we look at what every connection has queued but the kernel has not taken yet (Engine.IO's write
// buffer plus the WebSocket's own buffer); a connection over the cap is cut, and the client's reconnect-and-resync
// brings it back when it reads again. The cost is two property reads per healthy connection per flush, and for a
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
export function tallyQueue(previous: QueueTally | undefined, packets: readonly QueuedPacket[], limit: number): QueueTally {
  const same = previous !== undefined && previous.packets === packets && previous.counted <= packets.length;
  let counted = same ? previous.counted : 0;
  let bytes = same ? previous.bytes : 0;
  for (; counted < packets.length && bytes <= limit; counted++) bytes += payloadBytes(packets[counted]?.data);
  return { packets, counted, bytes };
}

/** Whether a connection with this much queued should be cut. A cap of Infinity never cuts. */
export function isOverCap(transportBuffered: number, queued: QueueTally, cap: number): boolean {
  return transportBuffered + queued.bytes > cap;
}

function payloadBytes(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return data.byteLength;
  return 0;
}

// Engine.IO keeps these members private in its typings; this is the part of them we read.
interface ConnectionView {
  readonly writeBuffer?: readonly QueuedPacket[];
  readonly transport?: { readonly socket?: WebSocketView };
  close(discard?: boolean): void;
}
interface WebSocketView {
  readonly readyState?: number;
  readonly bufferedAmount?: number;
  terminate?(): void;
}
const WS_OPEN = 1;

export interface SlowConsumerGuard {
  /** Checks every connection once; returns how many it cut. */
  check(): number;
  /** Connections cut since start. */
  readonly dropped: number;
}

export function createSlowConsumerGuard(
  io: TicklineServer,
  capBytes: number,
  onDrop: (socketId: string, queued: number) => void = () => {},
): SlowConsumerGuard {
  let dropped = 0;
  const tallies = new WeakMap<object, QueueTally>();
  const check = (): number => {
    if (capBytes === Infinity) return 0;
    let cut = 0;
    for (const socket of io.sockets.sockets.values()) {
      const conn = socket.conn as unknown as ConnectionView;
      const ws = conn.transport?.socket;
      const buffered = ws?.bufferedAmount ?? 0;
      const packets = conn.writeBuffer ?? [];
      // The common case, a connection that keeps up, costs two reads.
      if (packets.length === 0 && buffered <= capBytes) continue;
      if (ws?.readyState !== undefined && ws.readyState !== WS_OPEN) continue; // already closing
      const tally = tallyQueue(tallies.get(conn), packets, capBytes);
      tallies.set(conn, tally);
      if (!isOverCap(buffered, tally, capBytes)) continue;
      // terminate() drops the socket and its buffers now; a polite close would wait behind the very backlog we
      // want to free (Engine.IO waits for a drain that never comes, ws for 30 s).
      if (ws?.terminate) ws.terminate();
      else conn.close(true);
      cut++;
      onDrop(socket.id, buffered + tally.bytes);
    }
    dropped += cut;
    return cut;
  };
  return {
    check,
    get dropped() {
      return dropped;
    },
  };
}
