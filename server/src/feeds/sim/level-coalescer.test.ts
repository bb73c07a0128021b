import { ASK, BID, OrderBook, type LevelUpdate, type Lots, type SideCode, type Ticks } from '@tickline/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LevelCoalescer } from './level-coalescer.ts';

const u = (side: SideCode, price: number, size: number): LevelUpdate => [side, price as Ticks, size as Lots];

describe('LevelCoalescer', () => {
  it('keeps one entry per level, in first-seen order, with the last size', () => {
    const c = new LevelCoalescer();
    const out = c.coalesce([u(BID, 100, 5), u(ASK, 100, 3), u(BID, 101, 1), u(BID, 100, 0), u(ASK, 100, 7)]);
    expect(out).toEqual([u(BID, 100, 0), u(ASK, 100, 7), u(BID, 101, 1)]);
  });

  it('applied as one delta gives the same book as the changes applied one by one', () => {
    const change = fc.tuple(fc.constantFrom<SideCode>(BID, ASK), fc.integer({ min: 1, max: 20 }), fc.nat({ max: 5 }));
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), (raw) => {
        const changes = raw.map(([s, p, q]) => u(s, p, q));
        const one = new OrderBook();
        for (const c of changes) one.applyDelta([c]);
        const folded = new OrderBook();
        folded.applyDelta(new LevelCoalescer().coalesce(changes));
        expect(folded.top(Infinity)).toEqual(one.top(Infinity));
      }),
    );
  });
});
