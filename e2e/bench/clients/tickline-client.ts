// A lean Tickline client for the load generator: the real protocol (subscribe -> snapshot in the ack -> `md`
// batches of consecutive updates, resync on a gap, resync everything after a reconnect) over socket.io-client with
// the websocket transport. It skips what a dashboard does with the data (decoding into objects, book replica,
// checksum; tickline-real-client.ts does it) and reads trade times and the count of book changes straight off the
// wire arrays, so the load generator spends its core on receiving, which is what is being measured.

import {
  type ClientToServerEvents,
  forEachTradeTime,
  type ResyncAck,
  type ServerToClientEvents,
  type SubscribeAck,
  type SymbolSnapshot,
  type WireBatch,
} from '@tickline/shared';
import { io, type Socket } from 'socket.io-client';
import { benchNow } from '../bench-clock.ts';
import { type BenchClient, type DeliveryRecorder, newCounters } from './delivery-recorder.ts';
import { wsOf } from './socket-internals.ts';
import type { UpdateSampler } from './update-sampler.ts';
import { levelChangesIn } from './wire-levels.ts';

type TicklineSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function createTicklineClient(
  url: string,
  symbols: readonly string[],
  recorder: DeliveryRecorder,
  sampler: UpdateSampler | undefined,
): BenchClient {
  const socket: TicklineSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 2000,
  });
  const counters = newCounters();
  const seqs = new Map<string, number>();
  // Stream id -> symbol, learned from snapshots.
  const names = new Map<number, string>();
  let connectedBefore = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const load = (snapshots: SymbolSnapshot[]) => {
    for (const s of snapshots) {
      seqs.set(s.symbol, s.seq);
      names.set(s.sid, s.symbol);
    }
    counters.lastSyncedAt = benchNow();
    markReady();
  };
  const resync = (list: string[], reason: 'gap' | 'reconnect' | 'timeout') => {
    for (const s of list) seqs.delete(s);
    counters.resyncs++;
    socket.timeout(5000).emit('resync', { symbols: list, reason }, (err: Error | null, ack: ResyncAck) => {
      if (err) return resync(list, 'timeout');
      if (ack.ok) load(ack.snapshots);
    });
  };

  socket.on('connect', () => {
    counters.connects++;
    if (connectedBefore) return resync([...symbols], 'reconnect');
    connectedBefore = true;
    socket.timeout(10_000).emit('subscribe', { symbols: [...symbols] }, (err: Error | null, ack: SubscribeAck) => {
      if (err) return resync([...symbols], 'timeout');
      if (ack.ok) load(ack.snapshots);
    });
  });
  socket.on('disconnect', () => {
    counters.disconnects++;
    counters.lastDisconnectAt = benchNow();
    seqs.clear();
  });
  socket.on('md', (batch: WireBatch) => {
    const now = benchNow();
    const time = batch[0];
    for (let i = 1; i < batch.length; i++) {
      const u = batch[i] as unknown as number[];
      const symbol = names.get(u[0]!);
      if (symbol === undefined) continue;
      const seq = seqs.get(symbol);
      const next = u[1]!;
      if (seq === undefined || next <= seq) continue; // not synced yet, or a duplicate
      if (next !== seq + 1) {
        counters.gaps++;
        resync([symbol], 'gap');
        continue;
      }
      seqs.set(symbol, next);
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
      const tcp = wsOf(socket)?._socket;
      return { socket: tcp, bytes: tcp?.bytesRead ?? 0 };
    },
    pause: () => wsOf(socket)?.pause?.(),
    resume: () => wsOf(socket)?.resume?.(),
    close: () => socket.disconnect(),
  };
}
