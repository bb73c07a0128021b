import { ASK, BID, OrderBook, type Lots, type SideCode, type Ticks } from '@tickline/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createExecution, MatchingEngine, type OrderResult } from './matching-engine.ts';

type Op =
  | { kind: 'limit'; side: SideCode; price: number; size: number; ioc: boolean }
  | { kind: 'market'; side: SideCode; size: number }
  | { kind: 'cancel'; pick: number };

const side = fc.constantFrom<SideCode>(BID, ASK);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('limit' as const),
      side,
      price: fc.integer({ min: 90, max: 110 }),
      size: fc.integer({ min: 1, max: 20 }),
      ioc: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('market' as const), side, size: fc.integer({ min: 1, max: 60 }) }),
  },
  // `pick` beyond the ids issued so far names an unknown order.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat({ max: 400 }) }) },
);

interface Account {
  size: number;
  filled: number;
  cancelled: number;
}

/** Runs `ops`, checking the book after every one; returns the per-order accounts and fill totals. */
function run(ops: readonly Op[]) {
  const engine = new MatchingEngine();
  const replica = new OrderBook();
  const accounts = new Map<number, Account>();
  let traded = 0;
  let makerFilled = 0;
  let takerFilled = 0;
  for (const o of ops) {
    const out = createExecution();
    let result: OrderResult | undefined;
    if (o.kind === 'limit') {
      result = engine.limit(o.side, o.price as Ticks, o.size as Lots, out, o.ioc ? 'ioc' : 'gtc');
      accounts.set(result.id, { size: o.size, filled: 0, cancelled: result.cancelled });
    } else if (o.kind === 'market') {
      result = engine.market(o.side, o.size as Lots, out);
      accounts.set(result.id, { size: o.size, filled: 0, cancelled: result.cancelled });
    } else {
      const cancelled = engine.cancel(o.pick, out);
      const account = accounts.get(o.pick);
      if (account) account.cancelled += cancelled;
      else expect(cancelled).toBe(0);
    }
    for (const f of out.fills) {
      expect(f.size).toBeGreaterThan(0);
      traded += f.size;
      const maker = accounts.get(f.makerId);
      const taker = accounts.get(f.takerId);
      if (!maker || !taker) throw new Error('fill names an order that was never placed');
      maker.filled += f.size;
      makerFilled += f.size;
      taker.filled += f.size;
    }
    if (result) takerFilled += result.filled;
    replica.applyDelta(out.changes);
    checkBook(engine, replica);
  }
  return { engine, accounts, traded, makerFilled, takerFilled };
}

function checkBook(engine: MatchingEngine, replica: OrderBook): void {
  const bid = engine.bestBid();
  const ask = engine.bestAsk();
  if (bid !== undefined && ask !== undefined) expect(bid).toBeLessThan(ask);
  for (const s of [BID, ASK] as const) {
    const levels = engine.levels(s);
    for (const [price, total] of levels) {
      expect(total).toBeGreaterThan(0);
      const queue = engine.queue(s, price);
      let sum = 0;
      for (const order of queue) {
        expect(order.remaining).toBeGreaterThan(0);
        expect(order.price).toBe(price);
        sum += order.remaining;
      }
      expect(total).toBe(sum);
    }
  }
  // The L2 change stream alone rebuilds the engine's book, level for level.
  const view = replica.top(Infinity);
  expect(view.bids).toEqual(engine.levels(BID));
  expect(view.asks).toEqual(engine.levels(ASK));
}

describe('MatchingEngine invariants over random operation sequences', () => {
  it('keeps the book uncrossed, positive, consistent with its orders and with its change stream', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        run(ops);
      }),
      { numRuns: 300 },
    );
  });

  it('conserves quantity: every lot is filled, resting or cancelled, and both sides of every fill agree', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const { engine, accounts, traded, makerFilled, takerFilled } = run(ops);
        for (const [id, a] of accounts) {
          expect(a.filled + engine.remaining(id) + a.cancelled).toBe(a.size);
        }
        expect(makerFilled).toBe(traded);
        expect(takerFilled).toBe(traded);
      }),
      { numRuns: 300 },
    );
  });
});
