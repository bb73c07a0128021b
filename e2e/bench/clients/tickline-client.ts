// A lean Tickline client for the load generator: the real protocol (subscribe -> snapshot in the ack -> `md`
// batches of consecutive updates, resync on a gap, resync everything after a reconnect) over the lean Socket.IO
// client (lean-socketio.ts). It skips what a dashboard does with the data (decoding into objects, book replica,
// checksum) and reads trade times and the count of book changes straight off the wire arrays, so the generator
// spends its CPU on receiving the same JSON the batched raw-ws client parses, and not on socket.io-client's own
// per-message layers: those are the real client's (tickline-real-client.ts), measured in real mode.

import {
  type ClientToServerEvents,
  forEachTradeTime,
  type ResyncAck,
  type ServerToClientEvents,
  type SubscribeAck,
  type SymbolSnapshot,
  type WireBatch,
} from '@tickline/shared';
import { benchNow } from '../bench-clock.ts';
import { type BenchClient, type DeliveryRecorder, newCounters } from './delivery-recorder.ts';
import { connectLeanSocketIo } from './lean-socketio.ts';
import type { UpdateSampler } from './update-sampler.ts';
import { levelChangesIn } from './wire-levels.ts';

export function createTicklineClient(
  url: string,
  symbols: readonly string[],
  recorder: DeliveryRecorder,
  sampler: UpdateSampler | undefined,
): BenchClient {
  const socket = connectLeanSocketIo<ServerToClientEvents, ClientToServerEvents>(url, {
    reconnectionDelay: 500,
    reconnectionDelayMax: 2000,
  });
  const counters = newCounters();
  // Indexed by stream id, as the batched raw-ws client indexes them; both learned from snapshots.
  const seqs: (number | undefined)[] = [];
  const names: string[] = [];
  const sids = new Map<string, number>();
  let connectedBefore = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const load = (snapshots: SymbolSnapshot[]) => {
    for (const s of snapshots) {
      seqs[s.sid] = s.seq;
      names[s.sid] = s.symbol;
      sids.set(s.symbol, s.sid);
    }
    counters.lastSyncedAt = benchNow();
    markReady();
  };
  const resync = (list: string[], reason: 'gap' | 'reconnect' | 'timeout') => {
    for (const s of list) {
      const sid = sids.get(s);
      if (sid !== undefined) seqs[sid] = undefined;
    }
    counters.resyncs++;
    socket.emit(
      'resync',
      { symbols: list, reason },
      (err: Error | null, ack: ResyncAck) => {
        if (err) return resync(list, 'timeout');
        if (ack.ok) load(ack.snapshots);
      },
      5000,
    );
  };

  socket.onConnect = () => {
    counters.connects++;
    if (connectedBefore) return resync([...symbols], 'reconnect');
    connectedBefore = true;
    socket.emit(
      'subscribe',
      { symbols: [...symbols] },
      (err: Error | null, ack: SubscribeAck) => {
        if (err) return resync([...symbols], 'timeout');
        if (ack.ok) load(ack.snapshots);
      },
      10_000,
    );
  };
  socket.onDisconnect = () => {
    counters.disconnects++;
    counters.lastDisconnectAt = benchNow();
    seqs.length = 0;
  };
  socket.on('md', (batch: WireBatch) => {
    const now = benchNow();
    recorder.message();
    const time = batch[0];
    for (let i = 1; i < batch.length; i++) {
      const u = batch[i] as unknown as number[];
      const sid = u[0]!;
      const seq = seqs[sid];
      const next = u[1]!;
      if (seq === undefined || next <= seq) continue; // not synced yet, or a duplicate
      if (next !== seq + 1) {
        counters.gaps++;
        resync([names[sid]!], 'gap');
        continue;
      }
      seqs[sid] = next;
      forEachTradeTime(time, u, (t) => recorder.trade(t, now));
      recorder.levels(levelChangesIn(u));
    }
    sampler?.offer(batch);
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
