// The options every real-exchange adapter takes, so adapters read alike and tests can point any of them anywhere.

import type { BackoffPolicy } from '@tickline/shared';
import type { Logger } from '../../logger.ts';

export interface VenueFeedOptions<FetchFn> {
  /** The venue's own symbol names (`BTCUSDT`, `BTC-USD`). */
  symbols: readonly string[];
  /** Endpoints; default to the venue's public ones. */
  wsUrl?: string;
  restUrl?: string;
  /** Served symbols are `${namespace}:${venueSymbol}`; defaults to the feed's id. */
  namespace?: string;
  clock?: () => number;
  logger?: Logger;
  /** Silence on the socket for this long means the connection is dead; each venue picks its default. */
  idleTimeoutMs?: number;
  /** Spacing of reconnects and refetches. */
  backoff?: BackoffPolicy;
  /** Injected for tests; default the global fetch. */
  fetch?: FetchFn;
}
