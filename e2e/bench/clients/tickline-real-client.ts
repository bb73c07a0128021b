// A Tickline client doing a dashboard's work, for the load generator's real mode: the protocol of the lean client
// (tickline-client.ts), but every `md` batch decoded with the shared decoder and applied to the dashboard's own
// replica (shared SymbolReplica, as client/src/market builds it: trades, candles, ticker, and the book verified
// against the server's checksum after every change). A checksum that does not match is counted and answered as the
// dashboard answers it, with a resync of that symbol.

import {
  type ClientToServerEvents,
  makeInstrument,
  type ResyncAck,
  type ResyncReason,
  type ServerToClientEvents,
  StreamDecoder,
  type SubscribeAck,
  SymbolReplica,
  type SymbolSnapshot,
  type WireBatch,
} from '@tickline/shared';
import { io, type Socket } from 'socket.io-client';
import { benchNow } from '../bench-clock.ts';
import { syntheticSpec } from '../synthetic-feed.ts';
import { type BenchClient, type DeliveryRecorder, newCounters } from './delivery-recorder.ts';
import { wsOf } from './socket-internals.ts';
import type { UpdateSampler } from './update-sampler.ts';

type TicklineSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function createTicklineRealClient(
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
  const decoder = new StreamDecoder();
  const replicas = new Map(
    symbols.map((s) => [s, new SymbolReplica(s, { instrument: makeInstrument(syntheticSpec(s)) })] as const),
  );
  let connectedBefore = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const load = (snapshots: SymbolSnapshot[]) => {
    for (const s of snapshots) {
      decoder.learn(s);
      if (replicas.get(s.symbol)?.applySnapshot(s) === 'mismatch') {
        recorder.mismatches++;
        resync([s.symbol], 'checksum');
      }
    }
    counters.lastSyncedAt = benchNow();
    markReady();
  };
  const resync = (list: string[], reason: ResyncReason) => {
    for (const s of list) replicas.get(s)?.invalidate();
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
    // The next connection may be to a restarted server: its stream ids and sequences mean nothing to these replicas.
    decoder.forget();
    for (const r of replicas.values()) r.invalidate();
  });
  socket.on('md', (batch: WireBatch) => {
    const now = benchNow();
    recorder.message();
    for (const update of decoder.decode(batch)) {
      const replica = replicas.get(update.symbol);
      if (!replica) continue;
      const result = replica.applyUpdate(update);
      if (result === 'gap') {
        counters.gaps++;
        resync([update.symbol], 'gap');
        continue;
      }
      if (result !== 'applied' && result !== 'mismatch') continue;
      // A mismatched update is applied all the same (only its book is in doubt), as the dashboard does.
      if (update.trades) for (const t of update.trades) recorder.trade(t[4], now);
      if (update.book) recorder.levels(update.book.length);
      if (result === 'mismatch') {
        recorder.mismatches++;
        resync([update.symbol], 'checksum');
      }
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
