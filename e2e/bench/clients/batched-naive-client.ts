// The batched Socket.IO baseline's client: one `ticks` event per room per flush, each object in it one update (a
// trade, or a book level change applied to a plain book in real mode). Over the lean Socket.IO client
// (lean-socketio.ts) in both modes, so the generator's CPU goes to receiving the server's JSON, as with the raw-ws
// clients, not to socket.io-client's own per-message layers (the real Tickline client keeps those).

import { benchNow } from '../bench-clock.ts';
import { isLevelChange, type JsonUpdate } from '../json-update.ts';
import { type BenchClient, type DeliveryRecorder, newCounters } from './delivery-recorder.ts';
import { connectLeanSocketIo } from './lean-socketio.ts';
import type { PlainBooks } from './plain-books.ts';

interface BatchedNaiveEvents {
  ticks: (updates: JsonUpdate[]) => void;
}

interface NaiveRequests {
  subscribe: (symbols: readonly string[], ack: (response: { ok: boolean }) => void) => void;
}

export function createBatchedNaiveClient(
  url: string,
  symbols: readonly string[],
  recorder: DeliveryRecorder,
  books?: PlainBooks,
): BenchClient {
  const socket = connectLeanSocketIo<BatchedNaiveEvents, NaiveRequests>(url, {
    reconnectionDelay: 500,
    reconnectionDelayMax: 2000,
  });
  const counters = newCounters();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  socket.onConnect = () => {
    counters.connects++;
    socket.emit('subscribe', symbols, (err) => {
      if (err) return; // the connection went: the next one subscribes again
      counters.lastSyncedAt = benchNow();
      markReady();
    });
  };
  socket.onDisconnect = () => {
    counters.disconnects++;
    counters.lastDisconnectAt = benchNow();
  };
  socket.on('ticks', (ticks: JsonUpdate[]) => {
    const now = benchNow();
    recorder.message();
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
      const tcp = socket.tcp;
      return { socket: tcp, bytes: tcp?.bytesRead ?? 0 };
    },
    pause: () => socket.ws?.pause(),
    resume: () => socket.ws?.resume(),
    close: () => socket.close(),
  };
}
