// The raw `ws` baseline's client: one JSON text frame per update. No reconnection (the baseline has none).

import type { Socket as NetSocket } from 'node:net';
import WebSocket from 'ws';
import { benchNow } from '../bench-clock.ts';
import { type BenchClient, type DeliveryRecorder, newCounters } from './delivery-recorder.ts';

export function createWsClient(url: string, symbols: readonly string[], recorder: DeliveryRecorder): BenchClient {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const counters = newCounters();
  let markReady: () => void = () => {};
  let subscribed = false;
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
    const msg = JSON.parse(String(data)) as { time?: number };
    if (msg.time !== undefined) recorder.trade(msg.time, now);
    else if (!subscribed) {
      subscribed = true;
      counters.lastSyncedAt = now;
      markReady();
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
