// Which Binance symbols the feed serves and how: SymbolSpecs from exchangeInfo's filters, checked before anything
// connects, so a typo in --symbols stops the server with the symbol's name instead of an empty panel.

import type { SymbolSpec } from '@tickline/shared';
import { specFromIncrements } from '../kit/venue-numbers.ts';
import type { VenueFilters } from './binance-filter-guard.ts';
import type { SymbolInfo } from './binance-messages.ts';
import { type BinanceRest, BinanceRestError, INVALID_SYMBOL } from './binance-rest.ts';

/** Binance's own pattern for a symbol parameter. */
const SYMBOL = /^[A-Z0-9\-_.]{1,20}$/;

/** Venue names as Binance wants them: upper case, each once; throws on a name Binance would reject. */
export function normalizeVenueSymbols(symbols: readonly string[]): string[] {
  const names = [...new Set(symbols.map((s) => s.trim().toUpperCase()))];
  if (names.length === 0) throw new Error('binance: no symbols to serve');
  const bad = names.filter((s) => !SYMBOL.test(s));
  if (bad.length > 0) throw new Error(`binance: not a Binance symbol name: ${bad.join(', ')}`);
  return names;
}

/** The price and quantity increments of one exchangeInfo entry, as Binance states them. */
export function filtersOf(info: SymbolInfo): VenueFilters {
  const filter = (type: string) => info.filters.find((f) => f.filterType === type);
  return { tickSize: filter('PRICE_FILTER')?.tickSize, stepSize: filter('LOT_SIZE')?.stepSize };
}

/** The spec of one exchangeInfo entry, served as `${namespace}:${symbol}`. */
export function specFromSymbolInfo(info: SymbolInfo, namespace: string): SymbolSpec {
  const { tickSize, stepSize } = filtersOf(info);
  // Binance marks a disabled filter with a zero increment; without one there is no grid to count ticks on.
  if (tickSize === undefined || Number(tickSize) === 0) {
    throw new Error(`binance: ${info.symbol} has no price increment (PRICE_FILTER tickSize)`);
  }
  if (stepSize === undefined || Number(stepSize) === 0) {
    throw new Error(`binance: ${info.symbol} has no quantity increment (LOT_SIZE stepSize)`);
  }
  // The ticker stream carries Binance's rolling 24 h statistics, not the session's.
  return specFromIncrements({
    statsWindow: '24h',
    symbol: `${namespace}:${info.symbol}`,
    name: `${info.baseAsset}/${info.quoteAsset}`,
    assetClass: 'crypto',
    base: info.baseAsset,
    quote: info.quoteAsset,
    tickSize,
    lotSize: stepSize,
  });
}

/** Specs for `symbols` (normalized venue names), in their order; an unknown symbol is an Error that names it. */
export async function fetchSymbolSpecs(
  rest: BinanceRest,
  symbols: readonly string[],
  namespace: string,
): Promise<SymbolSpec[]> {
  let infos: SymbolInfo[];
  try {
    infos = (await rest.exchangeInfo(symbols)).symbols;
  } catch (err) {
    if (err instanceof BinanceRestError && err.code === INVALID_SYMBOL) {
      throw new Error(`binance: unknown symbol ${(await unknownAmong(rest, symbols)).join(', ')} (${err.message})`, {
        cause: err,
      });
    }
    throw err;
  }
  const byName = new Map(infos.map((i) => [i.symbol, i]));
  const missing = symbols.filter((s) => !byName.has(s));
  if (missing.length > 0) throw new Error(`binance: unknown symbol ${missing.join(', ')} (not in exchangeInfo)`);
  return symbols.map((s) => specFromSymbolInfo(byName.get(s) as SymbolInfo, namespace));
}

// Binance answers "Invalid symbol." for the whole list without saying which; asking one by one finds out.
// Only on this error path, so the extra requests cost nothing in normal starts.
async function unknownAmong(rest: BinanceRest, symbols: readonly string[]): Promise<string[]> {
  if (symbols.length === 1) return [...symbols];
  const unknown: string[] = [];
  for (const symbol of symbols) {
    try {
      await rest.exchangeInfo([symbol]);
    } catch (err) {
      if (err instanceof BinanceRestError && err.code === INVALID_SYMBOL) unknown.push(symbol);
      else throw err;
    }
  }
  return unknown.length > 0 ? unknown : [...symbols];
}
