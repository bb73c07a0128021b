// The batched raw-ws baseline's client in real mode: the same messages as Tickline's, so the same dashboard work as
// tickline-real-client.ts: every frame decoded with the shared decoder and applied to the shared SymbolReplica, the
// book verified against the server's checksum after every change. The subscribe ack plays the snapshot's part. No
// resync (the baseline has none): a gap or a mismatch is counted, and that symbol's replica stops there.

import {
  type BookLevels,
  decodeBatch,
  EMPTY_TICKER,
  makeInstrument,
  type SymbolSnapshot,
  SymbolReplica,
} from '@tickline/shared';
import type { Socket as NetSocket } from 'node:net';
import WebSocket from 'ws';
import { benchNow } from '../bench-clock.ts';
import { syntheticSpec } from '../synthetic-feed.ts';
import type { StreamState } from '../servers/batched-ws-server.ts';
import { STANDARD_HUB_OPTIONS } from '../servers/standard-options.ts';
import { type BenchClient, type DeliveryRecorder, newCounters } from './delivery-recorder.ts';

export function createBatchedWsRealClient(
  url: string,
  symbols: readonly string[],
  recorder: DeliveryRecorder,
): BenchClient {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const counters = newCounters();
  const replicas = new Map(
    symbols.map((s) => [s, new SymbolReplica(s, { instrument: makeInstrument(syntheticSpec(s)) })] as const),
  );
  // Indexed by stream id, learned from the subscribe ack.
  const names: (string | undefined)[] = [];
  let markReady: () => void = () => {};
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
    const msg: unknown = JSON.parse(String(data));
    if (!Array.isArray(msg)) {
      for (const [sid, symbol, seq, book, checksum] of (msg as { streams: StreamState[] }).streams) {
        names[sid] = symbol;
        if (replicas.get(symbol)?.applySnapshot(snapshotOf(symbol, sid, seq, book, checksum, now)) === 'mismatch')
          recorder.mismatches++;
      }
      counters.lastSyncedAt = now;
      markReady();
      return;
    }
    recorder.message();
    for (const update of decodeBatch(msg, (sid) => names[sid]).updates) {
      const result = replicas.get(update.symbol)?.applyUpdate(update);
      if (result === 'gap') counters.gaps++;
      if (result !== 'applied' && result !== 'mismatch') continue;
      if (update.trades) for (const t of update.trades) recorder.trade(t[4], now);
      if (update.book) recorder.levels(update.book.length);
      if (result === 'mismatch') recorder.mismatches++;
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

/** The ack's entry as the snapshot a Tickline server would send: no trade history, candles or ticker yet. */
function snapshotOf(
  symbol: string,
  sid: number,
  seq: number,
  book: BookLevels,
  checksum: number,
  time: number,
): SymbolSnapshot {
  return {
    symbol,
    epoch: 0,
    sid,
    seq,
    time,
    depth: STANDARD_HUB_OPTIONS.bookDepth,
    book,
    checksum,
    status: 'live',
    trades: [],
    candleIntervalMs: STANDARD_HUB_OPTIONS.candleIntervalMs,
    candles: [],
    ticker: EMPTY_TICKER,
  };
}
