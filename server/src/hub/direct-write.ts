// The hot path's last hop. An `md` batch sent with `socket.emit` crosses four layers before the kernel: Socket.IO's
// socket and encoder, Engine.IO's write queue and its websocket transport, then `ws`; each adds its events and a
// write callback, and under load they were a sixth of the server's busy time (docs/BENCHMARKS.md). The bytes are
// known once the batch is encoded, so when nothing waits in Engine.IO's queue the same frame goes to the WebSocket
// directly. `ws` writes its frames in the order it is given them, so the client receives exactly what `emit` would
// have sent, in the same place among the acks and events; with anything queued (a write still in flight when an
// earlier packet was sent the usual way), on polling, or while a transport upgrade is under way, the batch takes
// the usual way and so stays behind what is queued.
//
// Engine.IO keeps these members private in its typings (slow-consumers.ts reads the same ones, and checks each new
// connection has them); a connection without them simply gets `emit`.

import type { WireUpdate } from '@tickline/shared';
import { encodeBatchPacket } from './batch-encoder.ts';
import type { TicklineSocket } from './socket-types.ts';

interface ConnectionView {
  readonly readyState?: string;
  readonly upgrading?: boolean;
  readonly writeBuffer?: readonly unknown[];
  readonly transport?: { readonly name?: string; readonly socket?: WebSocketView };
}
interface WebSocketView {
  readonly readyState?: number;
  send(data: string): void;
}
const WS_OPEN = 1;
/** Engine.IO's packet type for a message, written before the Socket.IO packet it carries. */
const ENGINE_MESSAGE = '4';

/** The WebSocket a batch may be written to directly now, if any. */
function directTarget(socket: TicklineSocket): WebSocketView | undefined {
  if (!socket.connected) return undefined;
  const conn = socket.conn as unknown as ConnectionView;
  const transport = conn.transport;
  if (
    conn.readyState !== 'open' ||
    conn.upgrading === true ||
    conn.writeBuffer?.length !== 0 ||
    transport?.name !== 'websocket'
  ) {
    return undefined;
  }
  const ws = transport.socket;
  return ws?.readyState === WS_OPEN && typeof ws.send === 'function' ? ws : undefined;
}

/**
 * Sends `socket` one `md` batch: straight to its WebSocket when it can, else with `emit`. `sent` is told the packet's
 * size when it went directly (Engine.IO counts the others where it creates them).
 */
export function writeBatch(
  socket: TicklineSocket,
  time: number,
  updates: readonly WireUpdate[],
  sent: (bytes: number) => void,
): void {
  const ws = directTarget(socket);
  if (ws === undefined) {
    socket.emit('md', [time, ...updates]);
    return;
  }
  const packet = encodeBatchPacket(time, updates);
  ws.send(ENGINE_MESSAGE + packet);
  sent(packet.length);
}
