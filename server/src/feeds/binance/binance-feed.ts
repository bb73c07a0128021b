// The Binance spot feed: one combined public stream for every symbol, a REST depth snapshot per symbol to start
// each book from, and the local-order-book procedure (binance-book-sync) between them. This file is the shell:
// sockets, fetches, timers and status; the decisions are made in the pure modules beside it.

import type { VenueFeedOptions } from '../kit/venue-feed-options.ts';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Instrument, makeInstrument, type SymbolSpec } from '@tickline/shared';
import { silentLogger } from '../../logger.ts';
import type { FeedAdapter, FeedStatus, MarketEvent, MarketEventSink } from '../feed.ts';
import { backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF } from '../kit/backoff.ts';
import { HealthTracker } from '../kit/feed-health.ts';
import { ReconnectingSocket, type SocketState } from '../kit/reconnecting-socket.ts';
import { parseLevels } from '../kit/venue-numbers.ts';
import { BinanceBookSync, type BookSyncOutput, type DepthSnapshot } from './binance-book-sync.ts';
import { candlesFromKlines, KLINE_PAGES } from './binance-klines.ts';
import { describeChange, FilterGuard, type FilterVerdict } from './binance-filter-guard.ts';
import { type BinanceRest, BinanceRestError, createBinanceRest, type Fetch, restEndpoint } from './binance-rest.ts';
import { combinedStreamUrl, decodeStreamMessage, streamEndpoint } from './binance-stream.ts';
import { fetchSymbolSpecs, filtersOf, normalizeVenueSymbols } from './binance-symbols.ts';
import { MalformedLog } from '../kit/malformed-log.ts';
import { explainUnreachable } from '../kit/unreachable.ts';

export const BINANCE_WS_URL = 'wss://stream.binance.com:9443';
export const BINANCE_REST_URL = 'https://api.binance.com';
/** Levels per side of a REST snapshot: request weight 50, where 5000 levels would cost 250 of 6000 a minute. */
export const DEPTH_SNAPSHOT_LIMIT = 1000;
/**
 * Each symbol's ticker stream pushes every second and Binance pings every 20 s (3 min in older docs), so a minute
 * without any frame means the connection is dead.
 */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
/** A connection lost for longer than this left a hole in the minute candles: they are fetched again. */
export const BACKFILL_AFTER_GAP_MS = 60_000;

/** Symbols are venue names such as 'BTCUSDT' (case does not matter); namespace defaults to 'binance'. */
export interface BinanceFeedOptions extends VenueFeedOptions<Fetch> {
  /** Spacing of a symbol's filter checks (exchangeInfo) while its values come off the served grid. */
  filterCheckBackoff?: BackoffPolicy;
}

interface Channel {
  venue: string;
  instrument: Instrument;
  sync: BinanceBookSync;
  status: FeedStatus | undefined;
  /** Snapshot fetches since the book was last live; spaces refetches out with backoff. */
  attempts: number;
  /** Whether the venue's filters still fit the served spec; while not 'ok' the symbol is paused. */
  guard: FilterGuard;
}

/** Asks Binance for the symbols' specs first (FeedAdapter.symbols is known before start); rejects on unknown ones. */
export async function createBinanceFeed(options: BinanceFeedOptions): Promise<FeedAdapter> {
  const venues = normalizeVenueSymbols(options.symbols);
  const restUrl = options.restUrl ?? BINANCE_REST_URL;
  const rest = createBinanceRest(restUrl, options.fetch ?? globalThis.fetch);
  let specs: SymbolSpec[];
  try {
    specs = await fetchSymbolSpecs(rest, venues, options.namespace ?? 'binance');
  } catch (err) {
    // This ends the server's start with one line: make it the one that says what to check.
    const unreachable = explainUnreachable(restEndpoint(restUrl), err);
    throw unreachable ? new Error(unreachable, { cause: err }) : err;
  }
  return binanceFeed(options, venues, specs, rest);
}

function binanceFeed(
  options: BinanceFeedOptions,
  venues: string[],
  specs: SymbolSpec[],
  rest: BinanceRest,
): FeedAdapter {
  const clock = options.clock ?? Date.now;
  const restUrl = options.restUrl ?? BINANCE_REST_URL;
  const log = options.logger ?? silentLogger;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const health = new HealthTracker(clock);
  const malformed = new MalformedLog('binance', log, health, clock);
  const stopping = new AbortController();
  setMaxListeners(0, stopping.signal); // one listener per symbol's fetch or wait: many symbols are not a leak
  let sink: MarketEventSink | undefined;
  let running = false;
  let connected = false;
  /** When the connection was lost, while it is; undefined before the first connection and while connected. */
  let lostAt: number | undefined;

  const emit = (event: MarketEvent) => {
    if (running) sink?.(event);
  };

  const channels = new Map<string, Channel>();
  specs.forEach((spec, i) => {
    const channel: Channel = {
      venue: venues[i] as string,
      instrument: makeInstrument(spec),
      status: undefined,
      attempts: 0,
      guard: new FilterGuard(spec, options.filterCheckBackoff),
      sync: new BinanceBookSync(spec.symbol, (output) => onSync(channel, output)),
    };
    channels.set(channel.venue, channel);
  });

  function overallStatus(): FeedStatus {
    if (!running) return 'halted';
    if (!connected) return 'reconnecting';
    for (const ch of channels.values()) if (ch.status !== 'live') return 'stale';
    return 'live';
  }

  function setStatus(ch: Channel, status: FeedStatus): void {
    if (ch.status !== status) {
      ch.status = status;
      emit({ type: 'status', symbol: ch.instrument.spec.symbol, time: clock(), status });
    }
    health.status(overallStatus());
  }

  function onSync(ch: Channel, output: BookSyncOutput): void {
    switch (output.type) {
      case 'book:snapshot':
      case 'book:delta':
        emit(output);
        return;
      case 'fetch-snapshot':
        void fetchSnapshot(ch, output.request);
        return;
      case 'synced':
        ch.attempts = 0;
        setStatus(ch, 'live');
        return;
      case 'resync':
        health.resynced();
        log.warn(`binance: ${ch.venue} book resync: ${output.reason}`);
        setStatus(ch, 'stale');
        return;
    }
  }

  // Keeps trying until the snapshot is delivered or no longer wanted (a newer request, a reconnect, stop).
  async function fetchSnapshot(ch: Channel, request: number): Promise<void> {
    let wait = ch.attempts === 0 ? 0 : backoffDelay(ch.attempts - 1, backoff);
    while (running && ch.sync.pendingRequest === request) {
      ch.attempts++;
      let snapshot: DepthSnapshot;
      try {
        if (wait > 0) await sleep(wait, undefined, { signal: stopping.signal });
        if (!running || ch.sync.pendingRequest !== request) return;
        const m = await rest.depth(ch.venue, DEPTH_SNAPSHOT_LIMIT, stopping.signal);
        const { instrument } = ch;
        const [bids, asks] = [parseLevels(instrument, m.bids), parseLevels(instrument, m.asks)];
        snapshot = { lastUpdateId: m.lastUpdateId, bids, asks };
      } catch (err) {
        if (!running) return;
        if (err instanceof RangeError) {
          malformed.report('snapshot', `${ch.venue}: ${err.message}`);
          if (offGrid(ch)) return; // paused for a filter check, which supersedes this request
        } else {
          const unreachable = explainUnreachable(restEndpoint(restUrl), err);
          health.error(unreachable ?? messageOf(err));
          const failed = `binance: ${ch.venue} depth snapshot failed: ${messageOf(err)}`;
          log.warn(unreachable ? `${unreachable} (${ch.venue} depth snapshot)` : failed);
        }
        const retryAfter = err instanceof BinanceRestError ? (err.retryAfterMs ?? 0) : 0;
        wait = Math.max(retryAfter, backoffDelay(ch.attempts - 1, backoff));
        continue;
      }
      try {
        if (running) ch.sync.snapshot(request, snapshot);
      } catch (err) {
        downstreamFailed(err);
      }
      return;
    }
  }

  // History is a courtesy: a failed page is logged and the chart fills from live trades instead, with no retry
  // that could compete with the depth snapshots for the venue's request weight.
  async function backfill(ch: Channel, pages: typeof KLINE_PAGES): Promise<void> {
    const symbol = ch.instrument.spec.symbol;
    for (const { interval, limit } of pages) {
      let rows: unknown[];
      try {
        rows = await rest.klines(ch.venue, interval, limit, stopping.signal);
      } catch (err) {
        if (!running) return;
        const unreachable = explainUnreachable(restEndpoint(restUrl), err);
        health.error(unreachable ?? messageOf(err));
        log.warn(`binance: ${ch.venue} ${interval} klines failed: ${unreachable ?? messageOf(err)}`);
        continue;
      }
      if (!running) return;
      const now = clock();
      const { candles, malformed: bad } = candlesFromKlines(ch.instrument, interval, rows, now);
      for (const detail of bad) malformed.report('kline', `${ch.venue} ${interval}: ${detail}`);
      if (candles.length === 0) continue;
      try {
        emit({ type: 'history', symbol, time: now, interval, candles });
      } catch (err) {
        downstreamFailed(err);
      }
    }
  }

  // A throw from downstream (the hub) must not escape into the socket's handlers and take the connection with it.
  function onMessage(text: string): void {
    if (!running) return;
    health.message();
    try {
      handle(text);
    } catch (err) {
      downstreamFailed(err);
    }
  }

  function downstreamFailed(err: unknown): void {
    health.error(messageOf(err));
    log.error('binance: handling an event failed', err);
  }

  function handle(text: string): void {
    const decoded = decodeStreamMessage(text, (venue) => channels.get(venue)?.instrument);
    const ch = 'venue' in decoded ? channels.get(decoded.venue) : undefined;
    // Paused for a filter check: the symbol's book starts over when it resumes, and its trades and tickers would
    // be read on a grid the venue may have left.
    if (ch && ch.guard.phase !== 'ok') return;
    switch (decoded.type) {
      case 'malformed':
        malformed.report(decoded.kind, decoded.detail);
        if (decoded.kind === 'number' && ch && !offGrid(ch) && decoded.depth) {
          // No check now (one was just made): the book lost a change, so it is rebuilt rather than shown short.
          ch.sync.invalidate('a depth update with a value off the grid');
        }
        return;
      case 'diff':
        ch?.sync.diff(decoded.diff);
        return;
      case 'event':
        emit(decoded.event);
        return;
    }
  }

  /** A value of `ch` off its grid. True when that paused the symbol for a check of its filters. */
  function offGrid(ch: Channel): boolean {
    if (!ch.guard.offGrid(clock())) return false;
    pause(ch);
    void checkFilters(ch);
    return true;
  }

  function pause(ch: Channel): void {
    health.resynced();
    ch.sync.reset(); // supersedes any snapshot on its way; the book is rebuilt on resume
    setStatus(ch, connected ? 'stale' : 'reconnecting');
  }

  // One loop per paused symbol, so the venue is asked at most once at a time per symbol, and with backoff.
  async function checkFilters(ch: Channel): Promise<void> {
    const { venue, guard } = ch;
    while (running && guard.phase !== 'ok') {
      let verdict: FilterVerdict;
      try {
        const wait = guard.dueAt - clock();
        if (wait > 0) await sleep(wait, undefined, { signal: stopping.signal });
        if (!running) return;
        const info = (await rest.exchangeInfo([venue], stopping.signal)).symbols.find((i) => i.symbol === venue);
        if (!info) throw new Error(`${venue} is not in exchangeInfo`);
        verdict = guard.checked(clock(), filtersOf(info));
      } catch (err) {
        if (!running) return;
        guard.failed(clock());
        const unreachable = explainUnreachable(restEndpoint(restUrl), err);
        health.error(unreachable ?? messageOf(err));
        log.warn(`binance: ${venue} filter check failed: ${unreachable ?? messageOf(err)}`);
        continue;
      }
      reportVerdict(ch, verdict);
    }
    // Resumed: the book starts over from the next diff and a fresh snapshot, like after a reconnect.
    if (running) ch.sync.reset();
  }

  // One line per change of the venue's filters (not per check), so a long suspension does not fill the log.
  function reportVerdict(ch: Channel, verdict: FilterVerdict): void {
    const { tickSize, lotSize } = ch.instrument.spec;
    const served = `the spec served since start (tick ${tickSize}, lot ${lotSize})`;
    const change = verdict.changedFrom && describeChange(verdict.changedFrom, ch.guard.filters);
    if (!verdict.fits && change) {
      log.warn(
        `binance: ${ch.venue} filters changed (${change}): its values no longer fit ${served}, so ${ch.venue} ` +
          "is shown stale until the venue's filters fit again or the server restarts with the new increments",
      );
    } else if (verdict.fits && change) {
      log.info(`binance: ${ch.venue} filters changed (${change}): they fit ${served}; rebuilding its book`);
    } else if (verdict.fits) {
      log.info(
        `binance: ${ch.venue} filters unchanged, so the value off the grid was the venue's; rebuilding its book`,
      );
    }
  }

  function onState(state: SocketState, detail?: string, error?: Error): void {
    if (state === 'closed') return;
    if (state === 'open') {
      if (socket.openCount > 1) health.reconnected();
      connected = true;
      if (lostAt !== undefined && clock() - lostAt > BACKFILL_AFTER_GAP_MS) {
        for (const ch of channels.values()) void backfill(ch, KLINE_PAGES.slice(0, 1));
      }
      lostAt = undefined;
      log.info(`binance: connected, ${channels.size} symbols`);
      for (const ch of channels.values()) if (ch.guard.phase !== 'ok') setStatus(ch, 'stale');
      health.status(overallStatus());
      return;
    }
    if (detail) {
      const unreachable = error && explainUnreachable(streamEndpoint(streamUrl), error);
      health.error(unreachable ?? detail);
      log.warn(unreachable ?? `binance: ${state}: ${detail}`);
    }
    if (connected) lostAt = clock();
    connected = false;
    // The next connection's stream owes nothing to this one: every book starts over from a fresh snapshot, and
    // snapshot fetches for this connection stop (their requests are superseded).
    for (const ch of channels.values()) {
      ch.sync.reset();
      setStatus(ch, 'reconnecting');
    }
  }

  // Binance pings every 20 s and the ws package answers each with a pong by itself, so we send no pings of our own.
  // Binance also closes every connection after 24 h; that is just another close, and reconnecting covers it.
  const streamUrl = options.wsUrl ?? BINANCE_WS_URL;
  const socket = new ReconnectingSocket({
    url: combinedStreamUrl(streamUrl, venues),
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    backoff,
    onOpen: () => {}, // the streams are named in the URL: nothing to subscribe to
    onMessage,
    onState,
  });

  return {
    id: 'binance',
    symbols: specs,
    async start(eventSink: MarketEventSink): Promise<void> {
      if (running || stopping.signal.aborted) throw new Error('the binance feed starts once');
      sink = eventSink;
      running = true;
      socket.start();
      for (const ch of channels.values()) void backfill(ch, KLINE_PAGES);
    },
    async stop(): Promise<void> {
      running = false;
      stopping.abort();
      await socket.stop();
      health.status('halted');
    },
    health: () => health.snapshot(),
  };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
