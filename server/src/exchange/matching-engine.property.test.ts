import { ASK, BID, OrderBook, type Lots, type SideCode, type Ticks } from '@tickline/shared';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createExecution, MatchingEngine, type Execution, type OrderResult } from './matching-engine.ts';
import { ReferenceBook, type ReferenceResult } from './reference-book.ts';

// The engine and a plain reference model (reference-book.ts) are driven with the same random operations, and
// after every one the engine must agree with the model on everything observable: each fill (maker, taker, price,
// size, aggressor, in order), how the order ended up, every level and every order queued within it.

const MID = 100;

type Op =
  /** `offset` ticks away from the mid on the order's own side: negative crosses the mid, positive is passive. */
  | { kind: 'limit'; side: SideCode; offset: number; size: number; ioc: boolean }
  | { kind: 'market'; side: SideCode; size: number }
  /** `pick` chooses among resting orders, among every id issued so far (most are done), or beyond them. */
  | { kind: 'cancel'; target: 'resting' | 'issued' | 'unknown'; pick: number };

const side = fc.constantFrom<SideCode>(BID, ASK);
// Seven prices a side and small sizes, so levels queue several orders and a crossing order sweeps several levels.
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 7,
    arbitrary: fc.record({
      kind: fc.constant('limit' as const),
      side,
      offset: fc.integer({ min: -2, max: 4 }),
      size: fc.integer({ min: 1, max: 8 }),
      ioc: fc.boolean(),
    }),
  },
  // Up to 30 lots: often more than the whole other side holds.
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('market' as const), side, size: fc.integer({ min: 1, max: 30 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('cancel' as const),
      target: fc.constantFrom('resting' as const, 'issued' as const, 'unknown' as const),
      pick: fc.nat({ max: 30 }),
    }),
  },
);
const ops = fc.array(op, { maxLength: 150, size: 'medium' });

interface Account {
  size: number;
  filled: number;
  cancelled: number;
}

/** The engine and the model side by side, with what the test has seen of every order. */
class Harness {
  readonly engine = new MatchingEngine();
  readonly model = new ReferenceBook();
  /** The L2 book rebuilt from the engine's change stream alone. */
  readonly replica = new OrderBook();
  readonly accounts = new Map<number, Account>();

  apply(o: Op): void {
    const out = createExecution();
    if (o.kind === 'cancel') {
      const id = this.cancelTarget(o);
      const cancelled = this.engine.cancel(id, out);
      same(cancelled, this.model.cancel(id), `cancel(${id})`);
      same(out.fills, [], 'fills of a cancel');
      const account = this.accounts.get(id);
      if (account) account.cancelled += cancelled;
    } else if (o.kind === 'limit') {
      const price = o.side === BID ? MID - o.offset : MID + o.offset;
      const result = this.engine.limit(o.side, price as Ticks, o.size as Lots, out, o.ioc ? 'ioc' : 'gtc');
      this.expectSameOrder(result, out, this.model.limit(result.id, o.side, price, o.size, o.ioc), o.size);
    } else {
      const result = this.engine.market(o.side, o.size as Lots, out);
      this.expectSameOrder(result, out, this.model.market(result.id, o.side, o.size), o.size);
    }
    this.expectChangesRebuildTheBook(out);
    this.expectSameBook();
    const bid = this.engine.bestBid();
    const ask = this.engine.bestAsk();
    if (bid !== undefined && ask !== undefined && !(bid < ask)) expect(bid, 'crossed book').toBeLessThan(ask);
  }

  private cancelTarget(o: Extract<Op, { kind: 'cancel' }>): number {
    const issued = [...this.accounts.keys()];
    const resting = [...this.model.orders(BID), ...this.model.orders(ASK)].map((r) => r.id);
    if (o.target === 'resting' && resting.length > 0) return resting[o.pick % resting.length] as number;
    if (o.target === 'issued' && issued.length > 0) return issued[o.pick % issued.length] as number;
    // Never issued yet (though it may be later: the cancel must not linger until then).
    return Math.max(0, ...issued) + 1 + o.pick;
  }

  private expectSameOrder(result: OrderResult, out: Execution, model: ReferenceResult, size: number): void {
    same(this.accounts.has(result.id), false, `id ${result.id} issued twice`);
    same(out.fills, model.fills, 'fills');
    same(result, { id: result.id, filled: model.filled, resting: model.resting, cancelled: model.cancelled }, 'result');
    this.accounts.set(result.id, { size, filled: 0, cancelled: result.cancelled });
    for (const f of out.fills) {
      (this.accounts.get(f.makerId) as Account).filled += f.size;
      (this.accounts.get(f.takerId) as Account).filled += f.size;
    }
  }

  /** Each touched level is reported once, with its final size, so replaying the changes rebuilds the book. */
  private expectChangesRebuildTheBook(out: Execution): void {
    const touched = out.changes.map(([s, price]) => `${s}@${price}`);
    same(new Set(touched).size, touched.length, `one change per level: ${JSON.stringify(out.changes)}`);
    this.replica.applyDelta(out.changes);
    const view = this.replica.top(Infinity);
    same([view.bids, view.asks], [this.model.levels(BID), this.model.levels(ASK)], 'book replayed from changes');
  }

  /** Everything the engine says about its book, next to what the model says it should be. */
  private expectSameBook(): void {
    const { engine, model } = this;
    const ids = [...this.accounts.keys()];
    const actual = {
      levels: [engine.levels(BID), engine.levels(ASK)],
      depth: [engine.depth(BID), engine.depth(ASK)],
      best: [engine.bestBid(), engine.bestAsk()],
      // Every order in priority order: the levels best first, then each level's queue, oldest first.
      orders: [BID, ASK].map((s) => engine.levels(s).flatMap(([price]) => engine.queue(s, price).map(plain))),
      levelSizes: [BID, ASK].map((s) => model.levels(s).map(([price]) => engine.levelSize(s, price as Ticks))),
      orderCount: engine.orderCount,
      remaining: ids.map((id) => engine.remaining(id)),
      byId: ids.map((id) => engine.order(id)?.remaining ?? 0),
    };
    const levels = [model.levels(BID), model.levels(ASK)];
    const remaining = ids.map((id) => model.remaining(id));
    same(
      actual,
      {
        levels,
        depth: levels.map((l) => l.length),
        best: levels.map((l) => l[0]?.[0]),
        orders: [BID, ASK].map((s) => model.orders(s).map(plain)),
        levelSizes: levels.map((l) => l.map(([, total]) => total)),
        orderCount: model.orders(BID).length + model.orders(ASK).length,
        remaining,
        byId: remaining,
      },
      'book',
    );
  }
}

/** toEqual, paid for only when it fails: vitest's diffing equality was most of this test's time. */
function same(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, what).toEqual(expected);
}

function plain(o: { id: number; side: SideCode; price: number; remaining: number }) {
  return { id: o.id, side: o.side, price: o.price, remaining: o.remaining };
}

describe('MatchingEngine against a reference model over random operation sequences', () => {
  it('fills, order results, levels and queues match the model after every operation; the book never crosses', () => {
    fc.assert(
      fc.property(ops, (sequence) => {
        const harness = new Harness();
        for (const o of sequence) harness.apply(o);
      }),
      { numRuns: 200 },
    );
  });

  it('conserves quantity: every lot of every order is filled, resting or cancelled', () => {
    fc.assert(
      fc.property(ops, (sequence) => {
        const harness = new Harness();
        for (const o of sequence) harness.apply(o);
        for (const [id, a] of harness.accounts) {
          expect(a.filled + harness.engine.remaining(id) + a.cancelled, `order ${id}`).toBe(a.size);
        }
      }),
      { numRuns: 100 },
    );
  });
});
