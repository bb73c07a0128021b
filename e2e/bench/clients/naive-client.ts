// The naive baseline's client: socket.io-client over websocket, one event per update: a `tick` per trade, a `level`
// per book level change, applied to a plain book in real mode.

import { io } from 'socket.io-client';
import { benchNow } from '../bench-clock.ts';
import type { JsonUpdate } from '../json-update.ts';
import { type BenchClient, type DeliveryRecorder, newCounters } from './delivery-recorder.ts';
import type { PlainBooks } from './plain-books.ts';
import { wsOf } from './socket-internals.ts';

export function createNaiveClient(
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
  socket.on('tick', (t: JsonUpdate) => recorder.trade(t.time, benchNow()));
  socket.on('level', (l: JsonUpdate) => {
    books?.apply(l);
    recorder.levels(1);
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
