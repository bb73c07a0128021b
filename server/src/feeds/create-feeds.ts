// Config -> the feed adapters to run. The one place that knows every feed by name.

import type { Config, FeedId } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createBinanceFeed } from './binance/binance-feed.ts';
import { createCoinbaseFeed } from './coinbase/coinbase-feed.ts';
import type { FeedAdapter } from './feed.ts';
import { createReplayFeed } from './replay/replay-feed.ts';
import { createSimFeed } from './sim/sim-feed.ts';
import { DEFAULT_BACKFILL } from './sim/sim-session.ts';
import { routeSymbols } from './symbol-routing.ts';

/** Builds every configured feed; throws an Error with a one-line message on an unusable setting. */
export async function createFeeds(config: Config, logger: Logger): Promise<FeedAdapter[]> {
  const routing = routeSymbols(config.feeds, config.symbols);
  const feeds: FeedAdapter[] = [];
  for (const [id, symbols] of routing) feeds.push(await createFeed(id, symbols, config, logger));
  return feeds;
}

async function createFeed(
  id: FeedId,
  symbols: string[] | undefined,
  config: Config,
  logger: Logger,
): Promise<FeedAdapter> {
  switch (id) {
    case 'sim':
      return createSimFeed({
        seed: config.seed,
        symbols,
        rate: config.simRate,
        historyMs: config.historyMs,
        backfill: DEFAULT_BACKFILL,
      });
    case 'replay':
      if (symbols) throw new Error('the replay feed plays every recorded symbol; do not name replay symbols');
      return createReplayFeed({
        file: config.replayFile!,
        speed: config.replaySpeed,
        loop: config.replayLoop,
        onMalformed: (count, first) =>
          logger.warn(`${config.replayFile}: skipped ${count} malformed line(s), first ${first}`),
      });
    case 'binance':
      return createBinanceFeed({
        symbols: symbols ?? ['BTCUSDT', 'ETHUSDT'],
        wsUrl: config.binanceWsUrl,
        restUrl: config.binanceRestUrl,
        logger,
      });
    case 'coinbase':
      return createCoinbaseFeed({
        symbols: symbols ?? ['BTC-USD', 'ETH-USD'],
        wsUrl: config.coinbaseWsUrl,
        restUrl: config.coinbaseRestUrl,
        logger,
      });
  }
}
