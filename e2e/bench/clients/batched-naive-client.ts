// The batched Socket.IO baseline's client: one `ticks` event per room per flush, each tick in it one update.

import { io } from 'socket.io-client';
import { benchNow } from '../bench-clock.ts';
import { type BenchClient, type DeliveryRecorder, newCounters } from './delivery-recorder.ts';
import { wsOf } from './socket-internals.ts';

export function createBatchedNaiveClient(
  url: string,
  symbols: readonly string[],
  recorder: DeliveryRecorder,
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
  socket.on('ticks', (ticks: { time: number }[]) => {
    const now = benchNow();
    for (const t of ticks) recorder.trade(t.time, now);
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
