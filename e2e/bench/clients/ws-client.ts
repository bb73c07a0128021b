// The raw `ws` baseline's client: one JSON text frame per update (a trade, or a book level change applied to a plain
// book in real mode). No reconnection (the baseline has none).

import type { Socket as NetSocket } from 'node:net';
import WebSocket from 'ws';
import { benchNow } from '../bench-clock.ts';
import { isLevelChange, type JsonUpdate } from '../json-update.ts';
import { type BenchClient, type DeliveryRecorder, newCounters } from './delivery-recorder.ts';
import type { PlainBooks } from './plain-books.ts';

export function createWsClient(
  url: string,
  symbols: readonly string[],
  recorder: DeliveryRecorder,
  books?: PlainBooks,
): BenchClient {
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
    const msg = JSON.parse(String(data)) as Partial<JsonUpdate>;
    if (msg.time !== undefined) {
      recorder.message();
      if (!isLevelChange(msg as JsonUpdate)) recorder.trade(msg.time, now);
      else {
        books?.apply(msg as JsonUpdate);
        recorder.levels(1);
      }
    } else if (!subscribed) {
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
