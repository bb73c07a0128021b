import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeInstrument, type Lots, type Ticks, tradeValue } from '@tickline/shared';
import { SIM_SYMBOLS } from '../exchange/symbols.ts';
import { PaperLedger } from './paper-ledger.ts';

const instruments = SIM_SYMBOLS.slice(0, 3).map((s) => makeInstrument(s.spec));

/** A trade the account tries: a buy or sell of some lots of one symbol at a price. */
const tradeArb = fc.record({
  symbol: fc.integer({ min: 0, max: instruments.length - 1 }),
  buy: fc.boolean(),
  price: fc.integer({ min: 1, max: 10_000_000 }),
  lots: fc.integer({ min: 1, max: 5_000 }),
});

/** Applies what the account can afford (a spot account: cash for buys, lots held for sells), like the desk does. */
function run(ledger: PaperLedger, trades: { symbol: number; buy: boolean; price: number; lots: number }[]) {
  const flows = new Map<string, { bought: bigint; sold: bigint }>();
  for (const t of trades) {
    const instrument = instruments[t.symbol]!;
    const symbol = instrument.spec.symbol;
    const value = tradeValue(instrument, t.price as Ticks, t.lots as Lots);
    const flow = flows.get(symbol) ?? { bought: 0n, sold: 0n };
    flows.set(symbol, flow);
    if (t.buy) {
      if (ledger.withFee(value) > ledger.available) continue;
      ledger.bought(instrument, t.price as Ticks, t.lots as Lots);
      flow.bought += value;
    } else {
      const lots = Math.min(t.lots, ledger.availableLots(symbol));
      if (lots === 0) continue;
      ledger.sold(instrument, t.price as Ticks, lots as Lots);
      flow.sold += tradeValue(instrument, t.price as Ticks, lots as Lots);
    }
  }
  return flows;
}

describe('PaperLedger (properties)', () => {
  it('cash + cost of what is held = starting cash + realized − fees, exactly, after any trades', () => {
    fc.assert(
      fc.property(fc.array(tradeArb, { maxLength: 60 }), fc.constantFrom(0, 1, 7.5, 25), (trades, feeBps) => {
        const ledger = new PaperLedger(10_000_000_000_000n, feeBps);
        run(ledger, trades);
        let cost = 0n;
        for (const h of ledger.holdings.values()) {
          expect(h.lots).toBeGreaterThanOrEqual(0);
          expect(h.cost).toBeGreaterThanOrEqual(0n);
          cost += h.cost;
        }
        expect(ledger.cash).toBeGreaterThanOrEqual(0n);
        expect(ledger.cash + cost).toBe(ledger.startingCash + ledger.realized - ledger.fees);
      }),
    );
  });

  it('equity marked at any prices = starting cash + realized + unrealized − fees', () => {
    fc.assert(
      fc.property(
        fc.array(tradeArb, { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 3, maxLength: 3 }),
        (trades, marks) => {
          const ledger = new PaperLedger(10_000_000_000_000n, 10);
          run(ledger, trades);
          let equity = ledger.cash;
          let unrealized = 0n;
          instruments.forEach((instrument, i) => {
            const h = ledger.holdings.get(instrument.spec.symbol);
            if (!h) return;
            const value = tradeValue(instrument, marks[i] as Ticks, h.lots as Lots);
            equity += value;
            unrealized += value - h.cost;
          });
          expect(equity).toBe(ledger.startingCash + ledger.realized + unrealized - ledger.fees);
        },
      ),
    );
  });

  it('once a symbol is sold out, its realized P&L is what the sales brought less what the buys cost, to the unit', () => {
    fc.assert(
      fc.property(fc.array(tradeArb, { maxLength: 60 }), (trades) => {
        const ledger = new PaperLedger(10_000_000_000_000n, 0);
        const flows = run(ledger, trades);
        // Close everything at a price of 1 tick, then compare with the cash flows, which know nothing of costs.
        for (const instrument of instruments) {
          const symbol = instrument.spec.symbol;
          const lots = ledger.availableLots(symbol);
          if (lots === 0) continue;
          ledger.sold(instrument, 1 as Ticks, lots as Lots);
          flows.get(symbol)!.sold += tradeValue(instrument, 1 as Ticks, lots as Lots);
        }
        for (const [symbol, flow] of flows) {
          const h = ledger.holdings.get(symbol);
          if (!h) continue;
          expect(h.cost).toBe(0n);
          expect(h.realized).toBe(flow.sold - flow.bought);
        }
        expect(ledger.cash - ledger.startingCash).toBe(ledger.realized);
      }),
    );
  });
});

describe('PaperLedger', () => {
  const btc = instruments[0]!;

  it('holds cash for buys and lots for sells, so nothing is spent twice', () => {
    const ledger = new PaperLedger(100_000_000_000n, 0); // 1,000.00
    ledger.holdCash(60_000_000_000n);
    expect(ledger.available).toBe(40_000_000_000n);
    expect(() => ledger.holdCash(50_000_000_000n)).toThrow(RangeError);
    ledger.releaseCash(60_000_000_000n);
    ledger.bought(btc, 1_000_00 as Ticks, 50 as Lots); // 0.005 BTC at 1000.00 = 5.00
    expect(ledger.availableLots('BTC-USD')).toBe(50);
    ledger.holdLots('BTC-USD', 30);
    expect(() => ledger.sold(btc, 1_100_00 as Ticks, 30 as Lots)).toThrow(RangeError);
    ledger.releaseLots('BTC-USD', 30);
    ledger.sold(btc, 1_100_00 as Ticks, 30 as Lots); // 3.30 for 3.00 of cost
    expect(ledger.realized).toBe(30_000_000n);
    expect(ledger.holdings.get('BTC-USD')).toMatchObject({ lots: 20, cost: 200_000_000n });
  });
});
