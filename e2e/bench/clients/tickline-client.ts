// A lean Tickline client for the load generator: the real protocol (subscribe -> snapshot in the ack ->
// consecutive `market:update`s, resync on a gap, resync everything after a reconnect) over socket.io-client with
// the websocket transport. It skips what a dashboard does with the data (book replica, checksum), so the load
// generator spends its core on receiving, which is what is being measured.

import type {
  ClientToServerEvents, MarketUpdate, ResyncAck, ServerToClientEvents, SubscribeAck, SymbolSnapshot,
} from '@tickline/shared';
import { io, type Socket } from 'socket.io-client';
import { benchNow } from '../bench-clock.ts';
import { type BenchClient, type DeliveryRecorder, newCounters } from './delivery-recorder.ts';
import { wsOf } from './socket-internals.ts';
import type { UpdateSampler } from './update-sampler.ts';

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
  let connectedBefore = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const load = (snapshots: SymbolSnapshot[]) => {
    for (const s of snapshots) seqs.set(s.symbol, s.seq);
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
  socket.on('market:update', (u: MarketUpdate) => {
    const now = benchNow();
    const seq = seqs.get(u.symbol);
    if (seq === undefined || u.seq <= seq) return; // not synced yet, or a duplicate
    if (u.seq !== seq + 1) {
      counters.gaps++;
      return resync([u.symbol], 'gap');
    }
    seqs.set(u.symbol, u.seq);
    const trades = u.trades;
    if (trades) for (let i = 0; i < trades.length; i++) recorder.trade(trades[i]![4], now);
    sampler?.offer(u);
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
