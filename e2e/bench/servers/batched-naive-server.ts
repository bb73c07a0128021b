// Baseline 3, batched Socket.IO: what a competent developer writes after the naive server falls over. The same
// rooms and JSON objects, but each flush (`flushMs`, Tickline's interval) every room gets its updates as one
// `ticks` event: one emit (one serialization, one packet per subscriber) per room per flush instead of per update.
// Under book traffic the level changes travel in the same array as the trades, in schedule order (json-update.ts).

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { startFixedSchedule, symbolName } from '../fixed-schedule.ts';
import { type JsonUpdate, toJsonUpdate } from '../json-update.ts';
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
let pending: JsonUpdate[][] = names.map(() => []);
const schedule = startFixedSchedule(
  args.symbols,
  args.rate,
  (u) => {
    pending[u.symbol]!.push(toJsonUpdate(u, names[u.symbol]!));
  },
  args.traffic,
);
const flush = setInterval(() => {
  const batches = pending;
  pending = names.map(() => []);
  batches.forEach((ticks, i) => {
    if (ticks.length > 0) io.to(names[i]!).emit('ticks', ticks);
  });
}, args.flushMs);

serveControl({
  port: (httpServer.address() as AddressInfo).port,
  schedule: () => schedule,
  clients: () => io.engine.clientsCount,
  dropped: () => 0,
  close: async () => {
    schedule.stop();
    clearInterval(flush);
    await io.close();
  },
});
