// The socket to the Tickline server, wired into the store: subscribe on the first connect and resync everything on
// every later one and on every new epoch, apply snapshots and updates, repair gaps and checksum mismatches, keep the
// heartbeat, and keep the connection and feed status the status bar shows. Never relies on Socket.IO's connection
// state recovery.

import type { BackoffPolicy, HistoryAck, ResyncReason } from '@tickline/shared';
import { startHeartbeat } from './heartbeat.ts';
import { transportName, type MarketSocketPort } from './market-socket.ts';
import type { MarketStore } from './store.ts';
import { SyncRequests } from './sync-requests.ts';

/** Retry pacing for unanswered requests. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 15_000 };

/**
 * A client the server sent away reconnects within this long, at a random point of it: at once, but not all of a
 * server's clients in the same instant at whichever server the load balancer picks next.
 */
export const SENT_AWAY_JITTER_MS = 500;

export { createMarketSocket } from './market-socket.ts';
export type { MarketSocket, MarketSocketOptions, MarketSocketPort } from './market-socket.ts';

export interface MarketConnection {
  /** Asks the server for a fresh snapshot of one symbol ('manual' unless a reason is given). */
  resync(symbol: string, reason?: ResyncReason): void;
  /** Disconnects and stops writing to the store. */
  close(): void;
}

export interface ConnectionOptions {
  /** Where refused requests are reported; console.warn by default. */
  onError?: (message: string) => void;
  /** How long a subscribe or resync may go unanswered before it is retried (5 s). */
  ackTimeoutMs?: number;
  /** Heartbeat period (2 s). */
  pingIntervalMs?: number;
  /** How long a ping may go unanswered before the connection counts as stalled (4 s). */
  pingTimeoutMs?: number;
  /** Delays between retries of unanswered requests. */
  backoff?: BackoffPolicy;
  /** The client clock for pings (ms since epoch); Date.now by default. */
  now?: () => number;
  /** The jitter source for retries; Math.random by default. */
  random?: () => number;
}

export function connectMarket(
  store: MarketStore,
  socket: MarketSocketPort,
  options: ConnectionOptions = {},
): MarketConnection {
  const report = options.onError ?? ((message: string) => console.warn(message));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  let closed = false;
  // The server said it is shutting down: the disconnect that follows is a goodbye, not a fault.
  let sentAway = false;
  let rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  let connectedBefore = false;
  let stopHeartbeat: (() => void) | undefined;
  // The symbols whose first snapshot on this connection has not arrived: the page is not live until it is empty.
  let awaiting = new Set<string>();

  const requests = new SyncRequests(socket, store, {
    ackTimeoutMs: options.ackTimeoutMs ?? 5000,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    random,
    report,
    onAnswered(symbols) {
      if (awaiting.size === 0) return;
      for (const symbol of symbols) awaiting.delete(symbol);
      if (awaiting.size === 0) store.setStatus('live');
    },
  });

  // Every connect is a fresh server-side session with no rooms: the first subscribes to everything, each later one
  // resyncs everything (which rejoins the rooms); the snapshots replace whatever the replicas held.
  function onConnect(): void {
    if (closed) return;
    store.connection.connected(transportName(socket));
    awaiting = new Set(store.symbols);
    requests.begin(connectedBefore ? 'reconnect' : 'subscribe');
    connectedBefore = true;
    stopHeartbeat?.();
    stopHeartbeat = startHeartbeat(socket, {
      intervalMs: options.pingIntervalMs ?? 2000,
      timeoutMs: options.pingTimeoutMs ?? 4000,
      now,
      onSample(sample) {
        store.connection.ping(sample, transportName(socket));
        store.connection.setStalled(false);
      },
      onStall: () => store.connection.setStalled(true),
    });
  }

  function stop(): void {
    requests.end();
    stopHeartbeat?.();
    stopHeartbeat = undefined;
  }

  // Socket.IO does not reconnect after a server-side disconnect, and a socket that lost its transport first would
  // wait out its backoff: either way, start a fresh connection after the jitter (behind a load balancer it lands
  // on another server).
  function rejoin(): void {
    clearTimeout(rejoinTimer);
    rejoinTimer = setTimeout(() => {
      rejoinTimer = undefined;
      if (closed || socket.connected) return;
      if (socket.active) socket.disconnect(); // stops its own backoff
      socket.connect();
    }, random() * SENT_AWAY_JITTER_MS);
  }

  socket.on('connect', onConnect);
  socket.on('server:shutdown', () => {
    if (!closed) sentAway = true;
  });
  socket.on('disconnect', (reason) => {
    if (closed) return;
    stop();
    store.invalidateAll();
    store.connection.disconnected();
    const goodbye = sentAway || reason === 'io server disconnect';
    sentAway = false;
    if (goodbye) rejoin();
    store.setStatus(goodbye || socket.active ? 'reconnecting' : 'offline');
  });
  socket.on('connect_error', () => {
    if (closed) return;
    if (!socket.active) store.setStatus('offline');
    else store.setStatus(connectedBefore ? 'reconnecting' : 'connecting');
  });
  socket.on('md', (batch) => {
    if (!closed) store.applyBatch(batch);
  });
  // The server says this first on every connection and again on every change. Events of one connection arrive in
  // order and a new epoch is announced before any update of it, so voiding everything here is enough. On a fresh
  // connection the connect's own request for every symbol is still in flight, and `request` skips those symbols.
  socket.on('feed:status', (state) => {
    if (closed) return;
    const known = store.getFeed().epoch;
    store.setFeed(state);
    if (known === null || known === state.epoch) return;
    store.invalidateAll();
    for (const symbol of store.symbols) requests.request(symbol, 'epoch');
  });

  // History pages go out on the socket as they are asked for; Socket.IO holds them while it reconnects.
  const historyTimeoutMs = options.ackTimeoutMs ?? 5000;
  store.candleBook.attach(
    (request) =>
      new Promise<HistoryAck>((resolve, reject) => {
        socket.timeout(historyTimeoutMs).emit('history', request, (err, response) => {
          if (err) reject(err);
          else resolve(response);
        });
      }),
  );

  // Gaps and checksum mismatches found by the replicas come back here as resync requests for that symbol only.
  const stopResync = store.onResync((symbol, reason) => requests.request(symbol, reason));

  if (socket.connected) onConnect();

  return {
    resync(symbol, reason = 'manual') {
      if (!closed) requests.request(symbol, reason);
    },
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(rejoinTimer);
      stopResync();
      store.candleBook.attach(undefined);
      stop();
      socket.disconnect();
      store.setStatus('offline');
    },
  };
}
