// The server's public surface for tests, benchmarks and embedding.

export { createApplication, type Application, type ApplicationOptions } from './create-application.ts';
export { parseConfig, ConfigError, type Config } from './config.ts';
export type { FeedAdapter, FeedStatus, MarketEvent, MarketEventSink } from './feeds/feed.ts';
export { MarketHub } from './hub/market-hub.ts';
export { silentLogger, consoleLogger, type Logger } from './logger.ts';
export { createSimFeed, type SimFeedOptions } from './feeds/sim/sim-feed.ts';
export { SIM_SYMBOLS } from './exchange/symbols.ts';
