// Baseline 4, the transport ceiling: raw `ws` carrying Tickline's own messages. Each symbol's stream is built as
// Tickline's hub builds it (symbol-stream.ts: the real book with its published view, changes and checksum, the
// flush's trades); each flush, each symbol that changed becomes one update encoded once with the shared wire encoder
// (`encodeUpdate`, as Tickline's hub does), and each client gets ONE text frame `[time,...its updates]` built by
// joining the already-serialized updates (as Tickline's batch encoder does). The bytes are Tickline's `md` payload
// without Socket.IO's `42["md",...]` envelope: what Tickline would cost with no Socket.IO at all.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AggressorCode,
  type BookLevels,
  encodeUpdate,
  type Lots,
  makeInstrument,
  type Ticks,
} from '@tickline/shared';
import { type WebSocket, WebSocketServer } from 'ws';
import { startFixedSchedule, symbolName } from '../fixed-schedule.ts';
import { flatBook, seedBook } from '../synthetic-book.ts';
import { syntheticSpec } from '../synthetic-feed.ts';
import { readServerArgs, serveControl } from './server-control.ts';
import { benchServerClock, STANDARD_HUB_OPTIONS } from './standard-options.ts';
import { SymbolStream } from './symbol-stream.ts';

/** A subscribe ack's entry per symbol, playing the snapshot's part: stream id, name, seq, published book, checksum. */
export type StreamState = [sid: number, symbol: string, seq: number, book: BookLevels, checksum: number];

const args = readServerArgs();
const names = Array.from({ length: args.symbols }, (_, i) => symbolName(i));
const index = new Map(names.map((n, i) => [n, i]));
const subscribers = names.map(() => new Set<WebSocket>());
// Per symbol: its stream id is its index; it starts from the book the synthetic feed gives Tickline's hub.
const seed = args.traffic === 'book' ? seedBook() : flatBook();
const streams = names.map((name) => {
  const stream = new SymbolStream(name, makeInstrument(syntheticSpec(name)), STANDARD_HUB_OPTIONS.bookDepth);
  stream.snapshot(seed);
  return stream;
});

const httpServer = createServer();
const wss = new WebSocketServer({ server: httpServer, maxPayload: 64 * 1024 });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    try {
      const msg = JSON.parse(String(data)) as { subscribe?: unknown };
      if (!Array.isArray(msg.subscribe)) return;
      const states: StreamState[] = [];
      for (const s of msg.subscribe) {
        const i = typeof s === 'string' ? index.get(s) : undefined;
        if (i === undefined) continue;
        subscribers[i]!.add(ws);
        const { seq, book, checksum } = streams[i]!.state();
        states.push([i, names[i]!, seq, book, checksum]);
      }
      ws.send(JSON.stringify({ ok: true, streams: states }));
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
    const stream = streams[u.symbol]!;
    if (u.type === 'trade') stream.trade(u.price as Ticks, u.size as Lots, u.side as AggressorCode, u.time);
    else stream.level(u.side, u.price as Ticks, u.size as Lots);
  },
  args.traffic,
);

const flush = setInterval(() => {
  const time = benchServerClock();
  const out = new Map<WebSocket, string[]>();
  streams.forEach((stream, i) => {
    const update = stream.flush(time);
    if (!update) return;
    // Serialized once, whatever number of clients follow the symbol.
    const json = JSON.stringify(encodeUpdate(update, i));
    for (const ws of subscribers[i]!) {
      const mine = out.get(ws);
      if (mine) mine.push(json);
      else out.set(ws, [json]);
    }
  });
  for (const [ws, mine] of out) ws.send(`[${time},${mine.join(',')}]`);
}, args.flushMs);

serveControl({
  port: (httpServer.address() as AddressInfo).port,
  schedule: () => schedule,
  clients: () => wss.clients.size,
  dropped: () => 0,
  close: async () => {
    schedule.stop();
    clearInterval(flush);
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => httpServer.close(() => resolve())));
  },
});
