// Baseline 1, the naive Socket.IO server: one room per symbol and one emit per update, a JSON object each,
// no batching. What a first version of a realtime dashboard usually is. A trade is a `tick`; a book level change
// (book traffic) a `level`, the same object with side `bid` or `ask`.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { startFixedSchedule, symbolName } from '../fixed-schedule.ts';
import { toJsonUpdate } from '../json-update.ts';
import { readServerArgs, serveControl } from './server-control.ts';

const args = readServerArgs();
const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
io.on('connection', (socket) => {
  socket.on('subscribe', (symbols: unknown, ack: unknown) => {
    if (Array.isArray(symbols)) socket.join(symbols.filter((s): s is string => typeof s === 'string'));
    if (typeof ack === 'function') ack({ ok: true });
  });
});
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));

const names = Array.from({ length: args.symbols }, (_, i) => symbolName(i));
const schedule = startFixedSchedule(
  args.symbols,
  args.rate,
  (u) => {
    const symbol = names[u.symbol]!;
    io.to(symbol).emit(u.type === 'trade' ? 'tick' : 'level', toJsonUpdate(u, symbol));
  },
  args.traffic,
);

serveControl({
  port: (httpServer.address() as AddressInfo).port,
  schedule: () => schedule,
  clients: () => io.engine.clientsCount,
  dropped: () => 0,
  close: async () => {
    schedule.stop();
    await io.close();
  },
});
