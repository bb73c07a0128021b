// Exchange decimals -> Tickline integers. Venues send prices and sizes as decimal strings; each becomes an exact
// tick or lot count of the symbol's spec, or a RangeError that the adapter counts as a malformed message.

import type { AssetClass, Instrument, Level, LevelUpdate, SideCode, StatsWindow, SymbolSpec } from '@tickline/shared';

/** "0.01000000" -> "0.01"; "1.00000000" -> "1"; the form SymbolSpec wants. */
export function trimDecimal(decimal: string): string {
  if (!decimal.includes('.')) return decimal;
  return decimal.replace(/0+$/, '').replace(/\.$/, '');
}

/** Digits after the point of a trimmed decimal. */
export function decimalPlaces(decimal: string): number {
  const trimmed = trimDecimal(decimal);
  const dot = trimmed.indexOf('.');
  return dot < 0 ? 0 : trimmed.length - dot - 1;
}

export interface VenueIncrements {
  symbol: string;
  name: string;
  assetClass: AssetClass;
  base: string;
  quote: string;
  /** The venue's price increment, e.g. "0.01000000". */
  tickSize: string;
  /** The venue's quantity increment, e.g. "0.00001000". */
  lotSize: string;
  /** What the venue's ticker statistics cover; absent means the session. */
  statsWindow?: StatsWindow;
}

/** A SymbolSpec whose precisions are exactly those of the venue's increments. */
export function specFromIncrements(v: VenueIncrements): SymbolSpec {
  const tickSize = trimDecimal(v.tickSize);
  const lotSize = trimDecimal(v.lotSize);
  return {
    symbol: v.symbol,
    name: v.name,
    assetClass: v.assetClass,
    base: v.base,
    quote: v.quote,
    tickSize,
    lotSize,
    pricePrecision: decimalPlaces(tickSize),
    sizePrecision: decimalPlaces(lotSize),
    ...(v.statsWindow ? { statsWindow: v.statsWindow } : {}),
  };
}

/** `[price, size]` decimal pairs as levels. */
export function parseLevels(instrument: Instrument, rows: readonly (readonly [string, string])[]): Level[] {
  return rows.map(([price, size]) => [instrument.parsePrice(price), instrument.parseSize(size)] as const);
}

/** `[price, size]` decimal pairs of one side as level updates (size "0" removes the level). */
export function parseLevelUpdates(
  instrument: Instrument,
  side: SideCode,
  rows: readonly (readonly [string, string])[],
  out: LevelUpdate[] = [],
): LevelUpdate[] {
  for (const [price, size] of rows) out.push([side, instrument.parsePrice(price), instrument.parseSize(size)]);
  return out;
}
