// Money for paper accounts: exact integers (bigint) of 10^-8 of the account's currency, so that cash, cost and P&L
// add up to the cent after any number of trades. The value of a trade, price × size, is exact at the symbol's own
// precision (pricePrecision + sizePrecision digits) and rounded half away from zero to 8 digits only when it has
// more (no symbol in the simulator's catalogue does).

import type { Instrument, Lots, Ticks } from '../market/instrument.ts';

/** A sum of money in units of 10^-MONEY_SCALE. */
export type Money = bigint;

export const MONEY_SCALE = 8;
const MONEY_ONE = 10n ** BigInt(MONEY_SCALE);

/** a / b rounded half away from zero; b > 0. */
export function divRound(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice < b) return q;
  return a < 0n ? q - 1n : q + 1n;
}

/** a / b rounded up (towards +∞); b > 0. */
function divCeil(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b > 0n ? q + 1n : q;
}

/** What `size` lots cost at `price` ticks, in money. */
export function tradeValue(instrument: Instrument, price: Ticks, size: Lots): Money {
  const { pricePrecision, sizePrecision } = instrument.spec;
  const units = BigInt(price) * BigInt(instrument.unitsPerTick) * BigInt(size) * BigInt(instrument.unitsPerLot);
  const digits = pricePrecision + sizePrecision;
  if (digits <= MONEY_SCALE) return units * 10n ** BigInt(MONEY_SCALE - digits);
  return divRound(units, 10n ** BigInt(digits - MONEY_SCALE));
}

/** A fee of `bps` basis points on `value`, rounded up (a venue never undercharges). */
export function feeOn(value: Money, bps: number): Money {
  if (bps <= 0) return 0n;
  // Basis points to a hundredth: a fee of 7.5 bps is 750 / 1,000,000.
  return divCeil(value * BigInt(Math.round(bps * 100)), 1_000_000n);
}

/** A part of `whole` in proportion `part / of` (rounded): the cost of the lots sold out of a position. */
export function share(whole: Money, part: number, of: number): Money {
  if (part === of) return whole;
  return divRound(whole * BigInt(part), BigInt(of));
}

/** Money as a decimal string: at least 2 digits after the point, up to 8 when they are needed (`"-12.5"` → `"-12.50"`). */
export function formatMoney(money: Money): string {
  const negative = money < 0n;
  const abs = negative ? -money : money;
  const int = abs / MONEY_ONE;
  let frac = (abs % MONEY_ONE).toString().padStart(MONEY_SCALE, '0').replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  return `${negative && abs !== 0n ? '-' : ''}${int}.${frac}`;
}

/** Exact money of a decimal string (`"100000"`, `"-0.5"`); undefined when it has more than 8 decimals or is not one. */
export function parseMoney(decimal: string): Money | undefined {
  const m = /^(-?)(\d{1,15})(?:\.(\d{1,8}))?$/.exec(decimal.trim());
  if (!m) return undefined;
  const [, sign, int = '0', frac = ''] = m;
  const units = BigInt(int) * MONEY_ONE + BigInt(frac.padEnd(MONEY_SCALE, '0'));
  return sign === '-' ? -units : units;
}

/** The price, in ticks of the symbol (rounded), at which `size` lots cost `value`: an average price. */
export function averagePrice(instrument: Instrument, value: Money, size: Lots): Ticks {
  const { pricePrecision, sizePrecision } = instrument.spec;
  // value / (size × lot) in money per base unit, then in ticks: value·10^(sp) / (sizeUnits · 10^8) / tick.
  const numerator = value * 10n ** BigInt(sizePrecision + pricePrecision);
  const denominator = BigInt(size) * BigInt(instrument.unitsPerLot) * MONEY_ONE * BigInt(instrument.unitsPerTick);
  return Number(divRound(numerator, denominator)) as Ticks;
}
