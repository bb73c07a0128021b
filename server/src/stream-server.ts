// The client-facing half of a server: HTTP (the SPA and /api/*), Socket.IO, the requests, the fan-out of each flush
// and the slow-consumer guard. A single process feeds it from its hub; a cluster edge from its replicas of the bus.

import { createServer, type Server as HttpServer } from 'node:http';
import {
  type ClientToServerEvents,
  type FeedState,
  type InterServerEvents,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
  type SocketData,
} from '@tickline/shared';
import { Server, type ServerOptions } from 'socket.io';
import { createGate, type Gate } from './gate/gate.ts';
import type { GateOptions } from './gate/gate-options.ts';
import { SocketDataRegistry } from './gate/followed-symbols.ts';
import { createHttpApp } from './http/http-app.ts';
import { batchParser } from './hub/batch-encoder.ts';
import { sendAway, sendClientsAway } from './hub/client-shutdown.ts';
import { createFanOut, type Deliver, type DeliveryCounts } from './hub/fan-out.ts';
import { type HistorySource, historyHandlers } from './hub/history-requests.ts';
import { LastView, presenterHandlers, showLastView } from './hub/presenter-requests.ts';
import { paperSessions } from './hub/paper-requests.ts';
import type { PaperService } from './paper/paper-service.ts';
import type { ScenarioTarget } from './gate/admin-scenario.ts';
import type { ReplayTarget } from './gate/admin-replay.ts';
import type { FlushObserver } from './hub/flush-loop.ts';
import type { MarketView } from './hub/market-view.ts';
import { ClientBudget, type ClientLimits, DEFAULT_CLIENT_LIMITS } from './hub/client-limits.ts';
import { type ClientState, ClientStates, clientState } from './hub/client-state.ts';
import { createRequestGate, rateLimited } from './hub/request-gate.ts';
import { createRequestDispatch } from './hub/request-handler.ts';
import { createRequestScheduler } from './hub/request-scheduler.ts';
import {
  CHECK_AFTER_BYTES,
  CHECK_EVERY_MS,
  checkPacer,
  createSlowConsumerGuard,
  payloadBytes,
  type SlowConsumerGuard,
} from './hub/slow-consumers.ts';
import { SnapshotCache } from './hub/snapshot-cache.ts';
import type { TicklineServer, TicklineSocket } from './hub/socket-types.ts';
import { StreamStats } from './hub/stream-stats.ts';
import { SubscriberRegistry } from './hub/subscriber-registry.ts';
import { type AnswerCheck, subscriptionHandlers } from './hub/subscriptions.ts';
import type { Logger } from './logger.ts';
import { createMetrics, flushObserver, type Metrics } from './observability/metrics.ts';
import { registerStreamMetrics } from './observability/stream-metrics.ts';
import { ThrottledLog } from './observability/throttled-log.ts';
import { untrusted } from './observability/untrusted.ts';

/** The part of an Engine.IO connection whose events are counted here. */
interface EngineEvents {
  on(event: 'packetCreate' | 'packet', listener: (this: object, packet: { data?: unknown }) => void): void;
}

/** How long a shutdown waits for clients to take their last messages before closing what is left by force. */
const GOODBYE_WAIT_MS = 1000;

export interface StreamServerOptions {
  view: MarketView;
  /** Where `history` requests are answered from: the hub, or an edge's command path to its feed node. */
  history: HistorySource;
  /** Where scenario controls (POST /api/admin/scenario) are carried out: the feeds here, or the feed node. */
  scenario: ScenarioTarget;
  /** Where replay controls (/api/admin/replay) are carried out: the replay feed here, or the feed node's. */
  replay?: ReplayTarget | undefined;
  /** Where paper trading requests are answered: the desk here, or an edge's command path to the feed node's. */
  paper?: PaperService | undefined;
  /** Which role serves (shown in /api/health and /api/stats). */
  role: string;
  staticDir?: string | undefined;
  clock: () => number;
  logger: Logger;
  /** Role-specific counters for /api/health. */
  health: () => Record<string, unknown>;
  /** What one connection may cost (client-limits.ts); defaults for what is not given. */
  limits?: Partial<ClientLimits> | undefined;
  /** Shorthand for `limits.maxQueuedBytes` (Infinity never cuts; benchmarks use it). */
  maxQueuedBytesPerSocket?: number | undefined;
  /** How long a request may wait for a symbol not loaded yet (an edge). */
  readyTimeoutMs?: number | undefined;
  /** Socket.IO's adapter: the Redis one in a cluster, so `io.emit` reaches the clients of every edge. */
  adapter?: ServerOptions['adapter'] | undefined;
  /** Where /metrics reads from; a fresh registry by default (the role adds its feed or bus metrics to it). */
  metrics?: Metrics | undefined;
  /** Told of fan-outs that threw (the role shares one with its flush loop); one on `metrics` by default. */
  flushObserver?: FlushObserver | undefined;
  /** Why this server should not get traffic yet (GET /readyz); none, so always ready, by default. */
  readiness?: (() => string[]) | undefined;
  /** Origins, hosts, connection caps and tokens (server/src/gate); unset fields take the defaults of `npm start`. */
  gate?: Partial<GateOptions> | undefined;
}

export interface StreamServer {
  httpServer: HttpServer;
  /** The limits in force, defaults filled in. */
  limits: ClientLimits;
  /** The snapshots requests are answered from. */
  snapshots: SnapshotCache;
  io: TicklineServer;
  stats: StreamStats;
  subscribers: SubscriberRegistry<TicklineSocket>;
  slowConsumers: SlowConsumerGuard;
  metrics: Metrics;
  gate: Gate;
  /** Sends one flush to every client that follows any of its symbols. */
  deliver: Deliver;
  /** The feed state clients see; a change is sent to this server's clients at once. */
  feedState(): FeedState;
  setFeedState(epoch: number, status: FeedState['status']): void;
  /**
   * Stops accepting connections, sends every client `server:shutdown` and disconnects it, then closes Socket.IO and
   * the http server. Bounded: a client that does not read is cut after a second.
   */
  close(): Promise<void>;
}

export function createStreamServer(options: StreamServerOptions): StreamServer {
  const { view, clock, logger: log } = options;
  const limits: ClientLimits = {
    ...DEFAULT_CLIENT_LIMITS,
    ...options.limits,
    ...(options.maxQueuedBytesPerSocket === undefined ? {} : { maxQueuedBytes: options.maxQueuedBytesPerSocket }),
  };
  const stats = new StreamStats();
  const metrics = options.metrics ?? createMetrics();
  // Everything a client can make this server log goes through one throttle.
  const throttled = new ThrottledLog(log, clock);
  const flushes = options.flushObserver ?? flushObserver(metrics, throttled);
  const delivered: DeliveryCounts = { messages: 0, updates: 0 };
  let shuttingDown = false;
  /** Set when a connection lacks the Engine.IO internals the slow-consumer guard reads: loud in logs and /readyz. */
  let unguarded: string | undefined;
  const snapshots = new SnapshotCache(view);
  const scheduler = createRequestScheduler(undefined, undefined, undefined, (err) =>
    throttled.error('request', 'request failed', err),
  );
  // Mirrors each socket's symbols into its data, where the admin listing reads them on every node of a cluster.
  const subscribers: SubscriberRegistry<TicklineSocket> = new SocketDataRegistry();
  let feed: FeedState = { version: PROTOCOL_VERSION, epoch: view.epoch, status: 'live' };
  let io: TicklineServer | undefined;
  const gate = createGate(options.gate, {
    clock,
    staticDir: options.staticDir,
    // An operator whose own page is refused needs to see why; an attacker must not be able to forge or flood lines.
    onRefused: (reason, { host, origin, address }) =>
      throttled.warn(
        `handshake-${reason}`,
        reason === 'origin'
          ? `refused a handshake from origin ${untrusted(origin)} (${address}); if that page is yours, add it to --allowed-origins`
          : reason === 'host'
            ? `refused a handshake for host ${untrusted(host)} (${address}); if the server is reached by that name, add it to --allowed-hosts`
            : reason === 'connections'
              ? `refused a connection from ${address}: at its connection cap (--max-connections-per-address, --max-connections)`
              : `refused a connection from ${address}: no or wrong viewer token`,
      ),
  });

  const app = createHttpApp({
    gate: gate.http(() => io, {
      scenario: options.scenario,
      ...(options.replay ? { replay: options.replay } : {}),
    }),
    view,
    staticDir: options.staticDir,
    health: () => ({
      role: options.role,
      version: PROTOCOL_VERSION,
      epoch: feed.epoch,
      feed: feed.status,
      clients: io?.engine.clientsCount ?? 0,
      ...options.health(),
    }),
    stats: () => {
      const now = clock();
      return {
        time: now,
        role: options.role,
        epoch: feed.epoch,
        feed: feed.status,
        totals: stats.totals(),
        refusals: stats.refusals(),
        symbols: Object.fromEntries(
          view
            .specs()
            .map(({ symbol }) => [
              symbol,
              { ...view.describe(symbol, now), subscribers: subscribers.count(symbol), ...stats.get(symbol) },
            ]),
        ),
      };
    },
    metrics: () => metrics.scrape(),
    readiness: () => [
      ...(shuttingDown ? ['shutting down'] : (options.readiness?.() ?? [])),
      ...(unguarded ? [`the slow-consumer guard cannot watch connections: ${unguarded}`] : []),
    ],
  });
  const httpServer = createServer(app);
  io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, {
    serveClient: false,
    // Clients only send small requests (200 symbol names fit in 14 KB); anything bigger is refused by Engine.IO
    // before it is parsed.
    maxHttpBufferSize: 16 * 1024,
    // A client that stops reading never answers a ping queued behind its backlog, wherever the backlog sits (our
    // queue or the kernel's buffers, which we cannot see): it is cut within stallMs.
    ...(Number.isFinite(limits.stallMs)
      ? { pingInterval: Math.ceil(limits.stallMs / 2), pingTimeout: Math.ceil(limits.stallMs / 2) }
      : {}),
    // Market data batches are encoded from updates serialized once per flush; the wire format is the standard one.
    parser: batchParser,
    // Host, Origin and the connection caps, before a WebSocket is upgraded (server/src/gate/socket-gate.ts).
    allowRequest: gate.socket.allowRequest,
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });
  const server = io;
  // The presenter's broadcasts are checked by the same admin guard as the HTTP control surfaces.
  const admin = gate.admin;
  const lastView = new LastView(server, clock, options.adapter !== undefined);
  gate.socket.attach(server);
  const onError = (err: unknown): void => throttled.error('request', 'request handler failed', err);
  const slowConsumers = createSlowConsumerGuard(
    server,
    { capBytes: limits.maxQueuedBytes, stallMs: limits.stallMs },
    clock,
    (id, queued, reason) => {
      stats.refused(reason === 'cap' ? 'slow_consumer_cap' : 'slow_consumer_stall');
      throttled.warn(
        'slow-consumer',
        `disconnected slow consumer ${id}: ${queued} bytes queued${reason === 'stall' ? `, not drained for ${limits.stallMs} ms` : ''}`,
      );
    },
  );

  const clients = new ClientStates();
  const requestGate = createRequestGate({
    scheduler,
    stats,
    clock,
    cut: ({ socket }, reason) => {
      stats.refused('abuse');
      throttled.warn('abuse', `disconnected client ${socket.id}: ${reason}`);
      slowConsumers.cut(socket);
    },
  });
  // Checked before a snapshot or history answer is written: the queue cap first (a client not reading gets
  // nothing more), then the byte budget (a client reading everything still cannot have the server copy
  // snapshots all day).
  const checkAnswer: AnswerCheck = ({ socket, budget }, bytes) => {
    const queued = slowConsumers.queuedBytes(socket);
    if (queued + bytes > limits.maxQueuedBytes) {
      stats.refused('backlog');
      return rateLimited(`${queued} bytes are still queued for this connection, unread; read them first`, 1000);
    }
    const wait = budget.takeSnapshotBytes(bytes, clock());
    if (wait === 0) return undefined;
    stats.refused('rate_limited');
    return rateLimited(`snapshot bandwidth used up for now; retry in ${wait} ms`, wait);
  };
  const paper = options.paper ? paperSessions({ paper: options.paper, onError }) : undefined;
  const dispatch = createRequestDispatch<ClientState>(
    {
      ...subscriptionHandlers({
        view,
        snapshots,
        stats,
        subscribers,
        clock,
        readyTimeoutMs: options.readyTimeoutMs,
        maxSymbolsPerSocket: limits.maxSymbolsPerSocket,
        checkAnswer,
      }),
      ...historyHandlers({ source: options.history, checkAnswer }),
      ...presenterHandlers({ admin, io: server, view, clock, lastView }),
      ...paper?.handlers,
    },
    requestGate,
    onError,
  );

  // Every socket shares these two listeners (`this` is the socket): closures per socket per event were most of
  // what an idle connection cost (docs/BENCHMARKS.md). A catch-all listener is called for each event a client
  // sends, with its ack last; no `socket.use` middleware is installed, which such a listener would run ahead of.
  function onRequest(this: TicklineSocket, event: unknown, ...args: unknown[]): void {
    // Socket.IO drops an event that arrives after its socket disconnected before its listeners see it; so do we.
    if (!this.connected) return;
    const client = clients.ofSocket(this);
    if (client) dispatch(client, event, args);
  }
  function onDisconnect(this: TicklineSocket, reason: string): void {
    slowConsumers.disconnected(this, reason);
    subscribers.removeAll(this);
    scheduler.forget(this);
    clients.delete(this);
  }

  server.on('connection', (socket) => {
    socket.data.connectedAt = clock();
    if (shuttingDown) {
      // Came in on a connection accepted before the listener closed: sent away like the others.
      sendAway(socket);
      return;
    }
    const problem = slowConsumers.inspect(socket);
    if (problem && !unguarded) {
      unguarded = problem;
      log.error(
        `the slow-consumer guard cannot watch connections: ${problem}. An engine.io upgrade moved what it reads; clients that stop reading will not be cut until server/src/hub/slow-consumers.ts is updated`,
      );
    }
    // First thing on every connection: which epoch the snapshots to come belong to, and whether the feed is heard.
    socket.emit('feed:status', feed);
    const client = clientState(socket, new ClientBudget(limits));
    clients.add(client);
    socket.onAny(onRequest);
    socket.on('disconnect', onDisconnect);
    showLastView(socket, lastView);
    // Opened now, so the client's first `account` event (with a new account's token) comes at once.
    if (paper) paper.account(client).catch(onError);
  });

  const traffic = registerStreamMetrics(metrics.registry, {
    symbols: () => view.specs().map((s) => s.symbol),
    connections: () => server.engine.clientsCount,
    subscribers: (symbol) => subscribers.count(symbol),
    stats,
    delivered,
    slowConsumersCut: () => slowConsumers.dropped,
    handshakeRefusals: () => gate.socket.refusals,
  });
  // Every packet written to a client, whatever it carries, counted where Engine.IO creates it: one call per packet
  // (a flush's batch is one packet).
  // Real time, not `clock`: a test's frozen clock must not stop the checks.
  const checks = checkPacer(CHECK_EVERY_MS, CHECK_AFTER_BYTES, () => performance.now(), slowConsumers.check);
  const sent = (bytes: number): void => {
    traffic.sent(bytes);
    checks.wrote(bytes);
  };
  const countSent = (packet: { data?: unknown }): void => sent(payloadBytes(packet.data));
  // Bytes received, counted against the inbound budget as they arrive, before Socket.IO decodes them: a flood is
  // cut before it costs parsing. Packets before the socket connects, or after it left, are nobody's requests.
  function countReceived(this: object, packet: { data?: unknown }): void {
    const client = clients.ofConnection(this);
    if (client && typeof packet.data === 'string') requestGate.received(client, packet.data.length);
  }
  // Both shared by every connection: one listener each per connection, no closure.
  server.engine.on('connection', (conn: EngineEvents) => {
    conn.on('packetCreate', countSent);
    conn.on('packet', countReceived);
  });
  let closing: Promise<void> | undefined;

  return {
    httpServer,
    limits,
    snapshots,
    io: server,
    stats,
    subscribers,
    slowConsumers,
    gate,
    metrics,
    deliver: createFanOut(subscribers, stats, {
      afterDelivery: checks.afterFlush,
      counts: delivered,
      onError: flushes.failed,
      sent,
    }),
    feedState: () => feed,
    setFeedState(epoch, status) {
      if (epoch === feed.epoch && status === feed.status) return;
      feed = { version: PROTOCOL_VERSION, epoch, status };
      // This server's own clients only: another edge judges its own link to the feed (the Redis adapter would
      // otherwise carry a plain emit to every edge's clients).
      server.local.emit('feed:status', feed);
    },
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        httpServer.close(); // no new connections; the open ones are closed below
        await sendClientsAway(server, GOODBYE_WAIT_MS);
        await server.close(); // also closes the http server, and by force whatever is left
      })();
      return closing;
    },
  };
}
