// The simulator's default catalogue: what each symbol is (its SymbolSpec) and how its simulated market behaves.

import type { SymbolSpec } from '@tickline/shared';

/** A symbol the simulator can run: its public spec plus the parameters of its market. */
export interface SimSymbol {
  readonly spec: SymbolSpec;
  /** Price the fair value starts from (and drifts back toward, slowly). */
  readonly startPrice: number;
  /** Annualized volatility of the fair value's log returns in the normal regime (0.6 = 60%). */
  readonly volatility: number;
  /** A typical order size, in base units (0.05 BTC, 100 shares, 100 000 EUR). */
  readonly typicalSize: number;
}

const crypto = (symbol: string, name: string, base: string, lot: string, sizePrecision: number): SymbolSpec => ({
  symbol,
  name,
  assetClass: 'crypto',
  base,
  quote: 'USD',
  tickSize: '0.01',
  lotSize: lot,
  pricePrecision: 2,
  sizePrecision,
});

const equity = (symbol: string, name: string): SymbolSpec => ({
  symbol,
  name,
  assetClass: 'equity',
  base: symbol,
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  pricePrecision: 2,
  sizePrecision: 0,
});

/** FX trades in lots of 1 000 units of the base currency. */
const fx = (base: string, quote: string, name: string, tickSize: string, pricePrecision: number): SymbolSpec => ({
  symbol: `${base}/${quote}`,
  name,
  assetClass: 'fx',
  base,
  quote,
  tickSize,
  lotSize: '1000',
  pricePrecision,
  sizePrecision: 0,
});

export const SIM_SYMBOLS: readonly SimSymbol[] = [
  { spec: crypto('BTC-USD', 'Bitcoin', 'BTC', '0.0001', 4), startPrice: 64_000, volatility: 0.6, typicalSize: 0.05 },
  { spec: crypto('ETH-USD', 'Ether', 'ETH', '0.001', 3), startPrice: 3_200, volatility: 0.7, typicalSize: 0.8 },
  { spec: crypto('SOL-USD', 'Solana', 'SOL', '0.01', 2), startPrice: 150, volatility: 0.85, typicalSize: 12 },
  { spec: equity('AAPL', 'Apple Inc.'), startPrice: 230, volatility: 0.25, typicalSize: 100 },
  { spec: equity('MSFT', 'Microsoft Corporation'), startPrice: 420, volatility: 0.22, typicalSize: 60 },
  { spec: equity('NVDA', 'NVIDIA Corporation'), startPrice: 135, volatility: 0.5, typicalSize: 200 },
  {
    spec: fx('EUR', 'USD', 'Euro / US Dollar', '0.00001', 5),
    startPrice: 1.08,
    volatility: 0.07,
    typicalSize: 100_000,
  },
  {
    spec: fx('USD', 'JPY', 'US Dollar / Japanese Yen', '0.001', 3),
    startPrice: 150,
    volatility: 0.09,
    typicalSize: 100_000,
  },
];

/**
 * The catalogue entries for `names`, in the order given; all of them when `names` is undefined.
 * An unknown name is a configuration mistake, so the error lists what is available.
 */
export function selectSimSymbols(
  names?: readonly string[],
  catalogue: readonly SimSymbol[] = SIM_SYMBOLS,
): SimSymbol[] {
  if (names === undefined) return [...catalogue];
  const byName = new Map(catalogue.map((s) => [s.spec.symbol, s]));
  const chosen: SimSymbol[] = [];
  for (const name of names) {
    const entry = byName.get(name);
    if (entry === undefined) {
      const known = catalogue.map((s) => s.spec.symbol).join(', ');
      throw new Error(`unknown symbol "${name}" for the sim feed; known symbols: ${known}`);
    }
    if (!chosen.includes(entry)) chosen.push(entry);
  }
  return chosen;
}
