// Baseline 2, raw `ws`: one JSON text frame per update (a trade or a book level change, json-update.ts),
// stringified (and turned into bytes) once, sent to each subscriber. No Socket.IO framing, no batching: the cost
// floor of one message per update.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { startFixedSchedule, symbolName } from '../fixed-schedule.ts';
import { toJsonUpdate } from '../json-update.ts';
import { readServerArgs, serveControl } from './server-control.ts';

const args = readServerArgs();
const names = Array.from({ length: args.symbols }, (_, i) => symbolName(i));
const index = new Map(names.map((n, i) => [n, i]));
const subscribers = names.map(() => new Set<WebSocket>());

const httpServer = createServer();
const wss = new WebSocketServer({ server: httpServer, maxPayload: 64 * 1024 });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    try {
      const msg = JSON.parse(String(data)) as { subscribe?: unknown };
      if (!Array.isArray(msg.subscribe)) return;
      for (const s of msg.subscribe) {
        const i = typeof s === 'string' ? index.get(s) : undefined;
        if (i !== undefined) subscribers[i]!.add(ws);
      }
      ws.send('{"ok":true}');
    } catch {
      // a bench client never sends garbage; ignore it if one does
    }
  });
  ws.on('close', () => {
    for (const set of subscribers) set.delete(ws);
  });
});
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));

const schedule = startFixedSchedule(
  args.symbols,
  args.rate,
  (u) => {
    const frame = Buffer.from(JSON.stringify(toJsonUpdate(u, names[u.symbol]!)));
    for (const ws of subscribers[u.symbol]!) ws.send(frame, { binary: false });
  },
  args.traffic,
);

serveControl({
  port: (httpServer.address() as AddressInfo).port,
  schedule: () => schedule,
  clients: () => wss.clients.size,
  dropped: () => 0,
  close: async () => {
    schedule.stop();
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => httpServer.close(() => resolve())));
  },
});
