// The money of one paper account: cash, what open orders hold, and per symbol the lots held, their cost and the
// P&L realized by selling. Pure arithmetic on exact integers (bigint money, integer lots), so the identity
//   cash + Σ cost = starting cash + realized P&L − fees
// holds exactly after any sequence of fills, and equity = cash + Σ lots × mark is what the account is worth.
//
// A spot account: buys spend cash, sells deliver lots held. An open buy holds its cash (at its limit, fee included)
// and an open sell holds its lots, so no later order can spend them twice.

import { type Instrument, type Lots, type Money, feeOn, share, type Ticks, tradeValue } from '@tickline/shared';

export interface Holding {
  /** Lots held. */
  lots: number;
  /** Lots that open sell orders hold. */
  heldBySells: number;
  /** What the lots held cost (fees not included). */
  cost: Money;
  /** P&L of sales of this symbol: proceeds less the cost of the lots sold. */
  realized: Money;
}

export class PaperLedger {
  cash: Money;
  /** Cash that open buy orders hold. */
  heldByBuys: Money = 0n;
  fees: Money = 0n;
  realized: Money = 0n;
  readonly holdings = new Map<string, Holding>();

  constructor(
    readonly startingCash: Money,
    /** Fee in basis points of each fill's value (maker and taker alike); 0 for none. */
    readonly feeBps: number,
  ) {
    this.cash = startingCash;
  }

  /** Cash a new buy may spend. */
  get available(): Money {
    return this.cash - this.heldByBuys;
  }

  /** Lots of `symbol` a new sell may deliver. */
  availableLots(symbol: string): number {
    const h = this.holdings.get(symbol);
    return h ? h.lots - h.heldBySells : 0;
  }

  /** What buying `value` costs with its fee. */
  withFee(value: Money): Money {
    return value + feeOn(value, this.feeBps);
  }

  holdCash(amount: Money): void {
    if (amount < 0n || amount > this.available) throw new RangeError(`cannot hold ${amount}: ${this.available} free`);
    this.heldByBuys += amount;
  }

  releaseCash(amount: Money): void {
    if (amount < 0n || amount > this.heldByBuys) throw new RangeError(`cannot release ${amount} of ${this.heldByBuys}`);
    this.heldByBuys -= amount;
  }

  holdLots(symbol: string, lots: number): void {
    const h = this.holdings.get(symbol);
    if (!h || lots < 0 || lots > h.lots - h.heldBySells)
      throw new RangeError(`cannot hold ${lots} lots of ${symbol}: ${this.availableLots(symbol)} free`);
    h.heldBySells += lots;
  }

  releaseLots(symbol: string, lots: number): void {
    const h = this.holdings.get(symbol);
    if (!h || lots < 0 || lots > h.heldBySells) throw new RangeError(`cannot release ${lots} lots of ${symbol}`);
    h.heldBySells -= lots;
  }

  /**
   * A buy of `size` lots at `price` traded: the cash and lots change hands, the fee is paid. The caller first
   * releases whatever the order held for these lots. Returns the fee.
   */
  bought(instrument: Instrument, price: Ticks, size: Lots): Money {
    const value = tradeValue(instrument, price, size);
    const fee = feeOn(value, this.feeBps);
    if (value + fee > this.available)
      throw new RangeError(`a buy of ${value + fee} exceeds the free ${this.available}`);
    this.cash -= value + fee;
    this.fees += fee;
    const symbol = instrument.spec.symbol;
    const h = this.holdings.get(symbol) ?? { lots: 0, heldBySells: 0, cost: 0n, realized: 0n };
    h.lots += size;
    h.cost += value;
    this.holdings.set(symbol, h);
    return fee;
  }

  /**
   * A sell of `size` lots at `price` traded: the lots leave at their share of the cost, the difference is realized.
   * The caller first releases the lots the order held. Returns the fee.
   */
  sold(instrument: Instrument, price: Ticks, size: Lots): Money {
    const symbol = instrument.spec.symbol;
    const h = this.holdings.get(symbol);
    if (!h || size > h.lots - h.heldBySells) throw new RangeError(`a sell of ${size} lots exceeds the ${symbol} held`);
    const value = tradeValue(instrument, price, size);
    const fee = feeOn(value, this.feeBps);
    const costOut = share(h.cost, size, h.lots);
    h.lots -= size;
    h.cost -= costOut;
    h.realized += value - costOut;
    this.realized += value - costOut;
    this.cash += value - fee;
    this.fees += fee;
    // A symbol sold out keeps its realized P&L on show until the account is reset.
    return fee;
  }
}
