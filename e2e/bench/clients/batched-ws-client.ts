// The batched raw-ws baseline's client: Tickline's bench client without Socket.IO. It reads the same `md` payload
// (`[time, ...updates]`) the same way (sequence checked per symbol, trade times read straight off the wire arrays
// with the shared `forEachTradeTime`, book changes counted off the arrays), so the two differ only in the transport.
// No reconnection, no resync (a gap is counted, and cannot happen on one ordered connection that is never cut).

import type { Socket as NetSocket } from 'node:net';
import { forEachTradeTime } from '@tickline/shared';
import WebSocket from 'ws';
import { benchNow } from '../bench-clock.ts';
import { type BenchClient, type DeliveryRecorder, newCounters } from './delivery-recorder.ts';
import { levelChangesIn } from './wire-levels.ts';

export function createBatchedWsClient(
  url: string,
  symbols: readonly string[],
  recorder: DeliveryRecorder,
): BenchClient {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const counters = newCounters();
  // Indexed by stream id, learned from the subscribe ack.
  const seqs: (number | undefined)[] = [];
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  ws.on('open', () => {
    counters.connects++;
    ws.send(JSON.stringify({ subscribe: symbols }));
  });
  ws.on('close', () => {
    counters.disconnects++;
    counters.lastDisconnectAt = benchNow();
  });
  ws.on('error', () => {}); // counted by 'close'
  ws.on('message', (data) => {
    const now = benchNow();
    const msg: unknown = JSON.parse(String(data));
    if (!Array.isArray(msg)) {
      for (const [sid, , seq] of (msg as { streams: [number, string, number][] }).streams) seqs[sid] = seq;
      counters.lastSyncedAt = now;
      markReady();
      return;
    }
    recorder.message();
    const time = msg[0] as number;
    for (let i = 1; i < msg.length; i++) {
      const u = msg[i] as number[];
      const seq = seqs[u[0]!];
      const next = u[1]!;
      if (seq === undefined || next <= seq) continue;
      if (next !== seq + 1) counters.gaps++;
      seqs[u[0]!] = next;
      forEachTradeTime(time, u, (t) => recorder.trade(t, now));
      recorder.levels(levelChangesIn(u));
    }
  });
  const tcp = () => (ws as unknown as { _socket?: NetSocket })._socket;
  return {
    symbols,
    ready,
    counters,
    bytesRead: () => ({ socket: tcp(), bytes: tcp()?.bytesRead ?? 0 }),
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    close: () => ws.terminate(),
  };
}
