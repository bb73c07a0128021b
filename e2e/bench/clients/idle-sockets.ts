// Connections that do nothing: a Socket.IO (or raw ws) client that connects and never subscribes, for what a server
// holds per open connection.

import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

export interface IdleSockets {
  count: number;
  close(): void;
}

/** Opens `count` idle connections to `url` in groups of 100; resolves once every one is open. */
export async function openIdleSockets(url: string, count: number, rawWs: boolean): Promise<IdleSockets> {
  const open: (Socket | WebSocket)[] = [];
  for (let i = 0; i < count; i += 100) {
    const group = Array.from({ length: Math.min(100, count - i) }, () => {
      if (rawWs) {
        const ws = new WebSocket(url);
        open.push(ws);
        return new Promise<void>((resolve, reject) => {
          ws.once('open', () => resolve());
          ws.once('error', reject);
        });
      }
      const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      open.push(socket);
      return new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
    });
    await Promise.all(group);
  }
  return {
    count: open.length,
    close() {
      for (const s of open) {
        if (s instanceof WebSocket) s.terminate();
        else s.disconnect();
      }
    },
  };
}
