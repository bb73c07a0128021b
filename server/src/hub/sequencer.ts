// The sequencing half of a server: the feeds write into the hub, and the flush loop turns what changed into
// sequenced, encoded updates for a sink. A single process wires the sink to its fan-out; a feed node to the bus.

import type { Epoch } from '@tickline/shared';
import type { FeedAdapter, MarketEvent } from '../feeds/feed.ts';
import type { Logger } from '../logger.ts';
import { type FlushLoop, type FlushObserver, type FlushSink, startFlushLoop } from './flush-loop.ts';
import { MarketHub } from './market-hub.ts';

/** What a sequencing role is built from: its feeds and how it keeps and publishes their state. */
export interface SequencingOptions {
  feeds: FeedAdapter[];
  /** The batching interval: the longest a change waits to go out. */
  flushIntervalMs: number;
  /**
   * Also flush soon after changes when the last flush was cheap (flush-loop.ts): low latency when idle, batches as
   * large as the interval under load. Off by default here; `npm start` turns it on (`--flush-mode`).
   */
  adaptiveFlush?: boolean | undefined;
  bookDepth: number;
  tradeHistory: number;
  candleIntervalMs: number;
  candleHistory: number;
  maxTradesPerUpdate: number;
  /** A symbol whose feed is silent this long is published as stale. */
  staleAfterMs: number;
  /** Ms since the Unix epoch; Date.now by default. */
  clock?: (() => number) | undefined;
  logger: Logger;
  /** Sees every feed event before the hub does (recording). */
  tap?: ((event: MarketEvent) => void) | undefined;
  /** Told each flush's duration and any flush that threw (metrics); none by default. */
  flushObserver?: FlushObserver | undefined;
}

export interface SequencerOptions extends SequencingOptions {
  clock: () => number;
  /** This run's epoch; by default the hub's creation time. */
  epoch?: Epoch | undefined;
}

export interface Sequencer {
  hub: MarketHub;
  flushLoop: FlushLoop;
  /** Starts every feed, writing into the hub. */
  startFeeds(): Promise<void>;
  /** Stops the flush loop and every feed. */
  stop(): Promise<void>;
}

export function createSequencer(options: SequencerOptions, publish: FlushSink): Sequencer {
  const log = options.logger;
  const hub = new MarketHub(
    {
      depth: options.bookDepth,
      tradeHistory: options.tradeHistory,
      candleIntervalMs: options.candleIntervalMs,
      candleHistory: options.candleHistory,
      maxTradesPerUpdate: options.maxTradesPerUpdate,
      staleAfterMs: options.staleAfterMs,
    },
    options.clock,
    (event, reason) => log.warn(`dropped ${event.type} event for ${event.symbol}: ${reason}`),
    options.epoch,
  );
  for (const feed of options.feeds) hub.addSymbols(feed.symbols);
  const flushLoop = startFlushLoop(
    hub,
    { intervalMs: options.flushIntervalMs, adaptive: options.adaptiveFlush },
    options.clock,
    publish,
    options.flushObserver,
  );
  return {
    hub,
    flushLoop,
    async startFeeds() {
      const tap = options.tap;
      const sink = (event: MarketEvent) => {
        tap?.(event);
        hub.ingest(event);
        flushLoop.changed();
      };
      for (const feed of options.feeds) await feed.start(sink);
    },
    async stop() {
      flushLoop.stop();
      await Promise.all(options.feeds.map((f) => f.stop()));
    },
  };
}
