// The client's market logic without React or the DOM: the store, the connection and the socket, so that other
// workspaces (e2e fault tests, headless clients) run exactly what the dashboard runs, in Node.

export { connectMarket, type ConnectionOptions, type MarketConnection } from './connection.ts';
export {
  createMarketSocket,
  type MarketSocket,
  type MarketSocketOptions,
  type MarketSocketPort,
  type TimedAck,
  type TimedEmitter,
} from './market-socket.ts';
export {
  MarketStore,
  type ConnectionStatus,
  type FeedView,
  type MarketStoreOptions,
  type PriceMove,
  type SymbolFreshness,
  type SymbolVersions,
} from './store.ts';
export type { ConnectionHealth } from './connection-health.ts';
export type {
  ConnectionDiagnostics,
  MarketDiagnostics,
  ResyncCounts,
  SymbolCounters,
  SymbolDiagnostics,
} from './diagnostics.ts';
export { ClockSync, pingSample, type PingSample } from './clock-sync.ts';
export { backoffDelay, RESYNC_REASONS, type BackoffPolicy } from '@tickline/shared';
export { DEFAULT_BACKOFF } from './connection.ts';
export { manualScheduler, nextAnimationFrame, type FrameScheduler, type ManualScheduler } from './frame-scheduler.ts';
