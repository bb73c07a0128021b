// The batched Socket.IO baseline's client: one `ticks` event per room per flush, each object in it one update (a
// trade, or a book level change applied to a plain book in real mode).

import { io } from 'socket.io-client';
import { benchNow } from '../bench-clock.ts';
import { isLevelChange, type JsonUpdate } from '../json-update.ts';
import { type BenchClient, type DeliveryRecorder, newCounters } from './delivery-recorder.ts';
import type { PlainBooks } from './plain-books.ts';
import { wsOf } from './socket-internals.ts';

export function createBatchedNaiveClient(
  url: string,
  symbols: readonly string[],
  recorder: DeliveryRecorder,
  books?: PlainBooks,
): BenchClient {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 2000,
  });
  const counters = newCounters();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  socket.on('connect', () => {
    counters.connects++;
    socket.emit('subscribe', symbols, () => {
      counters.lastSyncedAt = benchNow();
      markReady();
    });
  });
  socket.on('disconnect', () => {
    counters.disconnects++;
    counters.lastDisconnectAt = benchNow();
  });
  socket.on('ticks', (ticks: JsonUpdate[]) => {
    const now = benchNow();
    for (const t of ticks) {
      if (!isLevelChange(t)) recorder.trade(t.time, now);
      else {
        books?.apply(t);
        recorder.levels(1);
      }
    }
  });
  return {
    symbols,
    ready,
    counters,
    bytesRead() {
      const tcp = wsOf(socket)?._socket;
      return { socket: tcp, bytes: tcp?.bytesRead ?? 0 };
    },
    pause: () => wsOf(socket)?.pause?.(),
    resume: () => wsOf(socket)?.resume?.(),
    close: () => socket.disconnect(),
  };
}
