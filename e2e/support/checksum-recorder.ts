// Our own client beside a page under test: it follows one symbol from a snapshot on and records the book checksum
// at every seq, so a test can check the page shows the server's book at whatever seq it happens to be at.

import {
  type ClientToServerEvents,
  type MarketUpdate,
  type ServerToClientEvents,
  StreamDecoder,
  type SubscribeAck,
  type WireBatch,
} from '@tickline/shared';
import { io, type Socket } from 'socket.io-client';

export interface ChecksumRecorder {
  /** seq -> book checksum, from the snapshot on; grows while the socket is open. */
  readonly checksums: Map<number, number>;
  /** Set if the stream skipped a seq (it cannot on a clean loopback connection); recording stops there. */
  gap?: string;
  close(): void;
}

/** Subscribes our own client to one symbol and records the book checksum at its snapshot and every update after. */
export async function recordChecksums(url: string, symbol: string): Promise<ChecksumRecorder> {
  const probe: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const recording: ChecksumRecorder = { checksums: new Map(), close: () => probe.disconnect() };
  let last: { seq: number; checksum: number } | undefined;
  const decoder = new StreamDecoder();
  // Batches that arrive before the subscribe ack's continuation runs (one socket read can carry both) wait here.
  const early: WireBatch[] = [];
  const record = (u: MarketUpdate): void => {
    if (!last || recording.gap || u.symbol !== symbol || u.seq <= last.seq) return;
    if (u.seq !== last.seq + 1) {
      recording.gap = `${last.seq} -> ${u.seq}`;
      return;
    }
    last = { seq: u.seq, checksum: u.checksum ?? last.checksum }; // an update without book: same checksum
    recording.checksums.set(last.seq, last.checksum);
  };
  probe.on('md', (batch) => {
    if (last) decoder.decode(batch).forEach(record);
    else early.push(batch);
  });
  const ack: SubscribeAck = await probe.timeout(5_000).emitWithAck('subscribe', { symbols: [symbol] });
  if (!ack.ok) throw new Error(`subscribe refused: ${ack.error.message}`);
  const snapshot = ack.snapshots[0]!;
  decoder.learn(snapshot);
  last = { seq: snapshot.seq, checksum: snapshot.checksum };
  recording.checksums.set(snapshot.seq, snapshot.checksum);
  for (const batch of early) decoder.decode(batch).forEach(record);
  return recording;
}
