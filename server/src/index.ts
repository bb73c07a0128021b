// The server's public surface for tests, benchmarks and embedding.

export { createApplication, type Application, type ApplicationOptions } from './roles/all.ts';
export { createFeedNode, type FeedNode, type FeedNodeOptions } from './roles/feed.ts';
export { createEdgeNode, type EdgeNode, type EdgeNodeOptions } from './roles/edge.ts';
export { busKeys, DEFAULT_SHARD, type BusKeys } from './bus/bus-keys.ts';
export type { PublisherStats } from './bus/bus-publisher.ts';
export type { ConsumerStats } from './bus/bus-consumer.ts';
export { parseConfig, ConfigError, type Config } from './config.ts';
export type { FeedAdapter, FeedStatus, MarketEvent, MarketEventSink } from './feeds/feed.ts';
export { MarketHub } from './hub/market-hub.ts';
export { silentLogger, consoleLogger, type Logger } from './logger.ts';
export { createSimFeed, type SimFeedOptions } from './feeds/sim/sim-feed.ts';
export { DEFAULT_BACKFILL, type BackfillLength } from './feeds/sim/sim-session.ts';
export { syntheticHistory, type SyntheticHistory, type SyntheticHistoryParams } from './feeds/sim/synthetic-history.ts';
export { Rng } from './exchange/rng.ts';
export { SIM_SYMBOLS } from './exchange/symbols.ts';
export { createBinanceFeed, type BinanceFeedOptions } from './feeds/binance/binance-feed.ts';
export { createCoinbaseFeed, type CoinbaseFeedOptions } from './feeds/coinbase/coinbase-feed.ts';
export { createReplayFeed, type ReplayFeedOptions } from './feeds/replay/replay-feed.ts';
export { createRecorder, type Recorder } from './feeds/record/recorder.ts';
export { HealthTracker } from './feeds/kit/feed-health.ts';
export { ReconnectingSocket } from './feeds/kit/reconnecting-socket.ts';
export { parseLevels, parseLevelUpdates, specFromIncrements } from './feeds/kit/venue-numbers.ts';
export type { FeedHealth } from './feeds/feed.ts';
export { freePort } from './free-port.ts';
