// Baseline 4, the transport ceiling: raw `ws` carrying Tickline's own messages. Each flush, each symbol's trades
// become one update encoded once with the shared wire encoder (`encodeUpdate`, as Tickline's hub does), and each
// client gets ONE text frame `[time,...its updates]` built by joining the already-serialized updates (as Tickline's
// batch encoder does). The bytes are Tickline's `md` payload without Socket.IO's `42["md",...]` envelope: what
// Tickline would cost with no Socket.IO at all.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeUpdate, type Lots, type MarketUpdate, type Ticks, type Trade, tradeId } from '@tickline/shared';
import { type WebSocket, WebSocketServer } from 'ws';
import { startFixedSchedule, symbolName } from '../fixed-schedule.ts';
import { readServerArgs, serveControl } from './server-control.ts';
import { benchServerClock } from './standard-options.ts';

const args = readServerArgs();
const names = Array.from({ length: args.symbols }, (_, i) => symbolName(i));
const index = new Map(names.map((n, i) => [n, i]));
const subscribers = names.map(() => new Set<WebSocket>());
// Per symbol: its stream id is its index; its sequence counts the updates sent, as Tickline's does.
const seqs = names.map(() => 0);

const httpServer = createServer();
const wss = new WebSocketServer({ server: httpServer, maxPayload: 64 * 1024 });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    try {
      const msg = JSON.parse(String(data)) as { subscribe?: unknown };
      if (!Array.isArray(msg.subscribe)) return;
      // The ack plays the snapshot's part: each symbol's stream id and current sequence.
      const streams: [sid: number, symbol: string, seq: number][] = [];
      for (const s of msg.subscribe) {
        const i = typeof s === 'string' ? index.get(s) : undefined;
        if (i === undefined) continue;
        subscribers[i]!.add(ws);
        streams.push([i, names[i]!, seqs[i]!]);
      }
      ws.send(JSON.stringify({ ok: true, streams }));
    } catch {
      // a bench client never sends garbage; ignore it if one does
    }
  });
  ws.on('close', () => {
    for (const set of subscribers) set.delete(ws);
  });
});
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));

interface PendingTrade {
  price: number;
  size: number;
  side: 0 | 1;
  time: number;
}
let pending: PendingTrade[][] = names.map(() => []);
const schedule = startFixedSchedule(args.symbols, args.rate, (t) => {
  pending[t.symbol]!.push({ price: t.price, size: t.size, side: t.side, time: t.time });
});

const flush = setInterval(() => {
  const batches = pending;
  pending = names.map(() => []);
  const time = benchServerClock();
  const out = new Map<WebSocket, string[]>();
  batches.forEach((trades, i) => {
    if (trades.length === 0) return;
    const seq = ++seqs[i]!;
    const update: MarketUpdate = {
      symbol: names[i]!,
      seq,
      time,
      trades: trades.map((t, n): Trade => [
        tradeId(seq, n),
        t.price as Ticks,
        t.size as Lots,
        t.side,
        Math.floor(t.time),
      ]),
    };
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
