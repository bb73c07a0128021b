// A symbol's description and exact conversions between decimal prices/sizes and integer ticks/lots.
//
// Prices and sizes travel and live as integers (multiples of the tick size and lot size) so that books and
// candles never accumulate float drift; decimals only appear at the edge, formatted at the symbol's precision.

declare const brand: unique symbol;
/** A number that cannot be passed where another kind of number is meant. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A price as an integer number of tick sizes. */
export type Ticks = Brand<number, 'Ticks'>;
/** A quantity as an integer number of lot sizes. */
export type Lots = Brand<number, 'Lots'>;

export type AssetClass = 'crypto' | 'equity' | 'fx';

/** What `GET /api/symbols` returns for each symbol; everything a client needs to display it. */
export interface SymbolSpec {
  /** Unique name, also the Socket.IO room: `BTC-USD`, `AAPL`, `EUR/USD`, `binance:BTCUSDT`. */
  symbol: string;
  /** Human name for the UI. */
  name: string;
  assetClass: AssetClass;
  base: string;
  quote: string;
  /** Smallest price increment, as a decimal string (`"0.01"`). Prices on the wire are integer multiples of it. */
  tickSize: string;
  /** Smallest quantity increment, as a decimal string (`"0.0001"`). Sizes on the wire are integer multiples of it. */
  lotSize: string;
  /** Digits after the decimal point when displaying a price. */
  pricePrecision: number;
  /** Digits after the decimal point when displaying a size. */
  sizePrecision: number;
  /**
   * What the ticker's open, high, low and volume cover: `24h`, a rolling day the venue reports, or `session`, since
   * the feed started (the default when absent).
   */
  statsWindow?: StatsWindow;
}

export type StatsWindow = '24h' | 'session';

/** Precomputed exact conversions for one symbol; build once per symbol, use on every tick. */
export interface Instrument {
  readonly spec: SymbolSpec;
  /** A tick in units of 10^-pricePrecision (an integer): `formatPrice` writes `price * unitsPerTick`. */
  readonly unitsPerTick: number;
  /** A lot in units of 10^-sizePrecision (an integer). */
  readonly unitsPerLot: number;
  /** Decimal string of a price, at the symbol's price precision (`"64250.50"`). */
  formatPrice(price: Ticks): string;
  /** Decimal string of a size, at the symbol's size precision. */
  formatSize(size: Lots): string;
  /** The price as a JS number, for charts and arithmetic that tolerates floats. */
  priceValue(price: Ticks): number;
  sizeValue(size: Lots): number;
  /** Nearest tick to a float price (the simulator's fair value, a chart axis). */
  toTicks(price: number): Ticks;
  /** Nearest lot to a float quantity. */
  toLots(size: number): Lots;
  /** Exact tick count of a decimal string such as `"64250.50"`; throws if it is not on the tick grid. */
  parsePrice(decimal: string): Ticks;
  /** Exact lot count of a decimal string; throws if it is not on the lot grid. */
  parseSize(decimal: string): Lots;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A decimal string as an integer count of 10^-scale units, exactly; undefined if it needs more digits. */
export function decimalToUnits(decimal: string, scale: number): number | undefined {
  const m = DECIMAL.exec(decimal.trim());
  if (!m) return undefined;
  const [, sign, int = '0', fracRaw = ''] = m;
  const frac = fracRaw.replace(/0+$/, '');
  if (frac.length > scale) return undefined;
  const units = Number(int + frac.padEnd(scale, '0'));
  if (!Number.isSafeInteger(units)) return undefined;
  return sign === '-' ? -units : units;
}

/** An integer count of 10^-scale units as a decimal string with exactly `scale` digits after the point. */
export function unitsToDecimal(units: number, scale: number): string {
  const negative = units < 0;
  const digits = String(Math.abs(units));
  if (scale === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(scale + 1, '0');
  const int = padded.slice(0, padded.length - scale);
  return `${negative ? '-' : ''}${int}.${padded.slice(padded.length - scale)}`;
}

/** Why a spec is unusable, or undefined when it is fine. */
export function specProblem(spec: SymbolSpec): string | undefined {
  for (const [field, value, scale] of [
    ['tickSize', spec.tickSize, spec.pricePrecision],
    ['lotSize', spec.lotSize, spec.sizePrecision],
  ] as const) {
    if (!Number.isInteger(scale) || scale < 0 || scale > 12)
      return `${spec.symbol}: precision for ${field} must be 0..12`;
    const units = decimalToUnits(value, scale);
    if (units === undefined || units <= 0) {
      return `${spec.symbol}: ${field} "${value}" must be a positive decimal with at most ${scale} decimals`;
    }
  }
  return undefined;
}

function gridParser(unitsPerStep: number, scale: number, what: string) {
  return (decimal: string): number => {
    const units = decimalToUnits(decimal, scale);
    if (units === undefined || units % unitsPerStep !== 0) {
      throw new RangeError(`${what} "${decimal}" is not a multiple of the ${what} step`);
    }
    return units / unitsPerStep;
  };
}

export function makeInstrument(spec: SymbolSpec): Instrument {
  const problem = specProblem(spec);
  if (problem) throw new RangeError(problem);
  const pp = spec.pricePrecision;
  const sp = spec.sizePrecision;
  const unitsPerTick = decimalToUnits(spec.tickSize, pp) as number;
  const unitsPerLot = decimalToUnits(spec.lotSize, sp) as number;
  const tick = unitsPerTick / 10 ** pp;
  const lot = unitsPerLot / 10 ** sp;
  const parsePrice = gridParser(unitsPerTick, pp, 'price');
  const parseSize = gridParser(unitsPerLot, sp, 'size');
  return {
    spec,
    unitsPerTick,
    unitsPerLot,
    formatPrice: (price) => unitsToDecimal(price * unitsPerTick, pp),
    formatSize: (size) => unitsToDecimal(size * unitsPerLot, sp),
    priceValue: (price) => (price * unitsPerTick) / 10 ** pp,
    sizeValue: (size) => (size * unitsPerLot) / 10 ** sp,
    toTicks: (price) => Math.round(price / tick) as Ticks,
    toLots: (size) => Math.round(size / lot) as Lots,
    parsePrice: (decimal) => parsePrice(decimal) as Ticks,
    parseSize: (decimal) => parseSize(decimal) as Lots,
  };
}
