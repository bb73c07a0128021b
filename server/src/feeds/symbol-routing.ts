// Which feed serves which symbol: `--symbols BTCUSDT,coinbase:BTC-USD` with `--feed binance,coinbase` gives
// BTCUSDT to binance (bare names belong to the first feed) and BTC-USD to coinbase.

import type { FeedId } from '../config.ts';

/** Venue symbols requested per feed; undefined = that feed's defaults. */
export type SymbolRouting = Map<FeedId, string[] | undefined>;

export function routeSymbols(feeds: readonly FeedId[], symbols: readonly string[] | undefined): SymbolRouting {
  const routing: SymbolRouting = new Map(feeds.map((f) => [f, undefined]));
  for (const name of symbols ?? []) {
    const colon = name.indexOf(':');
    const prefix = colon > 0 ? name.slice(0, colon) : undefined;
    const feed = prefix !== undefined && (feeds as readonly string[]).includes(prefix) ? (prefix as FeedId) : undefined;
    if (prefix !== undefined && feed === undefined && isFeedName(prefix)) {
      throw new Error(`symbol ${name} names feed ${prefix}, which is not running; add it to --feed`);
    }
    const target = feed ?? feeds[0]!;
    const venueSymbol = feed ? name.slice(colon + 1) : name;
    if (venueSymbol === '') throw new Error(`symbol ${name} has no name after its feed prefix`);
    routing.set(target, [...(routing.get(target) ?? []), venueSymbol]);
  }
  return routing;
}

function isFeedName(s: string): boolean {
  return s === 'sim' || s === 'binance' || s === 'coinbase' || s === 'replay';
}
