// A server going away tells its clients first: each gets `server:shutdown`, then its connection is closed, so it
// reconnects at once (to another edge behind the load balancer) instead of finding out from a dead socket and backing
// off. The connection is closed at the transport, not with a Socket.IO disconnect: after a server-side disconnect
// (`io server disconnect`) a Socket.IO client does not reconnect by itself, so a client that does not know the
// notice would stay offline; after `transport close` every Socket.IO client reconnects with its own backoff.

import type { ShutdownNotice } from '@tickline/shared';
import type { TicklineServer } from './socket-types.ts';

export const SHUTDOWN_NOTICE: ShutdownNotice = { reason: 'server shutting down' };

/** Minimal view of an Engine.IO connection: enough to close it and wait for it to close. */
interface Closable {
  readonly readyState: string;
  once(event: 'close', listener: () => void): unknown;
  /** Closes once what is queued (the notice) is written. */
  close(): unknown;
}

/** Tells one socket the server is going away and closes its connection after the notice. */
export function sendAway(socket: {
  emit(event: 'server:shutdown', notice: ShutdownNotice): unknown;
  conn: Closable;
}): void {
  socket.emit('server:shutdown', SHUTDOWN_NOTICE);
  socket.conn.close();
}

/**
 * Sends every client of this server the notice and closes its connection; resolves once their connections have written
 * what was queued and closed, or after `waitMs` (a client that stopped reading would otherwise hold us up: the
 * caller then closes the rest by force).
 */
export async function sendClientsAway(io: TicklineServer, waitMs: number): Promise<void> {
  const connections: Closable[] = [];
  // This server's own sockets only: in a cluster the other edges keep serving.
  for (const socket of io.of('/').sockets.values()) {
    connections.push(socket.conn);
    sendAway(socket);
  }
  const open = connections.filter((c) => c.readyState !== 'closed');
  if (open.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.all(open.map((conn) => new Promise<void>((resolve) => conn.once('close', resolve)))),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs))),
  ]);
  clearTimeout(timer);
}
