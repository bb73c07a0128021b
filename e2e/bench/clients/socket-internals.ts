// The transport under a socket.io-client socket in Node: engine.io-client's `ws` WebSocket and its TCP socket.
// Private members, read only by the bench: bytes on the wire, and pausing reads to play a slow consumer.

import type { Socket as NetSocket } from 'node:net';
import type { Socket } from 'socket.io-client';

export interface WsView {
  pause?(): void;
  resume?(): void;
  _socket?: NetSocket;
}

export function wsOf(socket: Socket): WsView | undefined {
  const engine = socket.io.engine as unknown as { transport?: { ws?: WsView } } | undefined;
  return engine?.transport?.ws;
}
