// The socket to the Tickline server, wired into the store: subscribe on every connect, apply snapshots and
// updates, repair gaps, and keep the connection status the status bar shows.

import {
  MAX_SYMBOLS_PER_REQUEST,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SubscribeAck,
} from '@tickline/shared';
import { io, type Socket } from 'socket.io-client';
import type { MarketStore } from './store.ts';

export type MarketSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The part of a Socket.IO client socket the connection uses. A real `MarketSocket` satisfies it (main.tsx passes
 * one, so the compiler checks that), and so does an in-memory fake in tests.
 */
export interface MarketSocketPort {
  readonly connected: boolean;
  /** False once the socket has given up for good (closed by either side); true while it (re)connects. */
  readonly active: boolean;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'connect_error', listener: (error: Error) => void): unknown;
  on(event: 'market:update', listener: ServerToClientEvents['market:update']): unknown;
  emit(event: 'subscribe', ...args: Parameters<ClientToServerEvents['subscribe']>): unknown;
  disconnect(): unknown;
}

/** A socket to `url` (the page's own origin by default), trying WebSocket first and falling back to polling. */
export function createMarketSocket(url?: string): MarketSocket {
  const options = { transports: ['websocket', 'polling'] };
  return url === undefined ? io(options) : io(url, options);
}

export interface MarketConnection {
  /** Asks the server for a fresh snapshot of one symbol (what a sequence gap triggers). */
  resync(symbol: string): void;
  /** Disconnects and stops writing to the store. */
  close(): void;
}

export interface ConnectionOptions {
  /** Where refused subscriptions are reported; console.warn by default. */
  onError?: (message: string) => void;
}

export function connectMarket(
  store: MarketStore,
  socket: MarketSocketPort,
  options: ConnectionOptions = {},
): MarketConnection {
  const report = options.onError ?? ((message: string) => console.warn(message));
  let closed = false;
  let wasLive = false;

  /** Sends one subscribe per chunk the server accepts; `done` runs when every chunk has been answered well. */
  function subscribe(symbols: readonly string[], done?: () => void): void {
    const chunks: string[][] = [];
    for (let i = 0; i < symbols.length; i += MAX_SYMBOLS_PER_REQUEST) {
      chunks.push(symbols.slice(i, i + MAX_SYMBOLS_PER_REQUEST));
    }
    let waiting = chunks.length;
    let failed = false;
    for (const chunk of chunks) {
      socket.emit('subscribe', { symbols: chunk }, (ack: SubscribeAck) => {
        if (closed) return;
        if (ack.ok) {
          for (const snapshot of ack.snapshots) store.applySnapshot(snapshot);
        } else {
          failed = true;
          report(`subscribe ${chunk.join(', ')} refused: ${ack.error.code}: ${ack.error.message}`);
        }
        if (--waiting === 0 && !failed) done?.();
      });
    }
  }

  // Every connect is a fresh server-side session with no rooms, so each one subscribes to everything again;
  // the snapshots replace whatever the replicas held, including state from before a disconnect.
  function onConnect(): void {
    if (closed) return;
    subscribe(store.symbols, () => {
      wasLive = true;
      store.setStatus('live');
    });
  }

  socket.on('connect', onConnect);
  socket.on('disconnect', () => {
    if (closed) return;
    store.setStatus(socket.active ? 'reconnecting' : 'offline');
  });
  socket.on('connect_error', () => {
    if (closed) return;
    if (!socket.active) store.setStatus('offline');
    else store.setStatus(wasLive ? 'reconnecting' : 'connecting');
  });
  socket.on('market:update', (update) => {
    if (!closed) store.applyUpdate(update);
  });

  // Updates are applied in sequence order only; a gap means that symbol's book is wrong, so we ask for a snapshot.
  const resync = (symbol: string): void => {
    if (!closed && socket.connected) subscribe([symbol]);
  };
  const stopResync = store.onResync(resync);

  if (socket.connected) onConnect();

  return {
    resync,
    close() {
      if (closed) return;
      stopResync();
      socket.disconnect();
      closed = true;
      store.setStatus('offline');
    },
  };
}
