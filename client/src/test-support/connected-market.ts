// A store wired to a FakeSocket through the real connectMarket, and shorthands for playing the server.

import type { SymbolSnapshot, SymbolSpec } from '@tickline/shared';
import { vi } from 'vitest';
import { connectMarket, type ConnectionOptions } from '../market/connection.ts';
import { FakeSocket, type SentResync, type SentSubscribe } from './fake-socket.ts';
import { EPOCH, okAck, snapshot, SPECS, testMarket, ticker } from './fixtures.ts';

/** Jitter pinned to the middle, so backoff delays are exact: 0.75 × nominal. */
export const MID_JITTER = () => 0.5;

export function connectedMarket(specs: readonly SymbolSpec[] = SPECS, options: ConnectionOptions = {}) {
  const market = testMarket(specs);
  const socket = new FakeSocket();
  const onError = vi.fn();
  const connection = connectMarket(market.store, socket, { onError, random: MID_JITTER, ...options });
  return { ...market, socket, connection, onError };
}

/**
 * Answers a subscribe or resync with a snapshot at `seq` (and `fields`) for each symbol it named, in the epoch
 * `fields` names (EPOCH by default).
 */
export function answer(request: SentSubscribe | SentResync, seq = 10, fields: Partial<SymbolSnapshot> = {}): void {
  const snapshots = request.symbols.map((s) => snapshot(s, { seq, ticker: ticker(100), ...fields }));
  request.ack(okAck(snapshots, fields.epoch ?? EPOCH));
}

/** Lets the requests made in this tick go out (the client coalesces them in a microtask). */
export async function settle(): Promise<void> {
  await Promise.resolve();
}
