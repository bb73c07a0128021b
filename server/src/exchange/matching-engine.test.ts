import { ASK, BID, BUY, SELL, type Lots, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { createExecution, MatchingEngine } from './matching-engine.ts';

const p = (n: number) => n as Ticks;
const q = (n: number) => n as Lots;

describe('MatchingEngine', () => {
  it('of two orders at one price the earlier fills first', () => {
    const engine = new MatchingEngine();
    const first = engine.limit(ASK, p(101), q(5), createExecution());
    const second = engine.limit(ASK, p(101), q(5), createExecution());
    const out = createExecution();
    engine.market(BID, q(3), out);
    expect(out.fills).toEqual([{ makerId: first.id, takerId: 3, price: 101, size: 3, aggressor: BUY }]);
    expect(engine.remaining(first.id)).toBe(2);
    expect(engine.remaining(second.id)).toBe(5);
  });

  it('a better price fills before an earlier worse one', () => {
    const engine = new MatchingEngine();
    const worse = engine.limit(BID, p(99), q(5), createExecution());
    const better = engine.limit(BID, p(100), q(5), createExecution());
    const out = createExecution();
    engine.market(ASK, q(5), out);
    expect(out.fills.map((f) => [f.makerId, f.price, f.aggressor])).toEqual([[better.id, 100, SELL]]);
    expect(engine.remaining(worse.id)).toBe(5);
    expect(out.changes).toEqual([[BID, 100, 0]]);
  });

  it('trades at the resting price, not the taker limit', () => {
    const engine = new MatchingEngine();
    engine.limit(ASK, p(101), q(2), createExecution());
    const out = createExecution();
    const taker = engine.limit(BID, p(105), q(2), out);
    expect(out.fills[0]?.price).toBe(101);
    expect(taker).toMatchObject({ filled: 2, resting: 0, cancelled: 0 });
  });

  it('a partially filled maker keeps its time priority', () => {
    const engine = new MatchingEngine();
    const a = engine.limit(ASK, p(101), q(5), createExecution());
    const b = engine.limit(ASK, p(101), q(5), createExecution());
    engine.market(BID, q(2), createExecution());
    expect(engine.queue(ASK, p(101)).map((o) => [o.id, o.remaining])).toEqual([
      [a.id, 3],
      [b.id, 5],
    ]);
    const out = createExecution();
    engine.market(BID, q(4), out);
    expect(out.fills.map((f) => [f.makerId, f.size])).toEqual([
      [a.id, 3],
      [b.id, 1],
    ]);
  });

  it('a partially filled taker rests its remainder at its limit', () => {
    const engine = new MatchingEngine();
    engine.limit(ASK, p(101), q(2), createExecution());
    const out = createExecution();
    const taker = engine.limit(BID, p(102), q(5), out);
    expect(taker).toMatchObject({ filled: 2, resting: 3, cancelled: 0 });
    expect(out.changes).toEqual([
      [ASK, 101, 0],
      [BID, 102, 3],
    ]);
    expect(engine.bestBid()).toBe(102);
    expect(engine.bestAsk()).toBeUndefined();
  });

  it('an IOC limit drops what it cannot fill', () => {
    const engine = new MatchingEngine();
    engine.limit(ASK, p(101), q(2), createExecution());
    engine.limit(ASK, p(103), q(2), createExecution());
    const out = createExecution();
    const taker = engine.limit(BID, p(102), q(5), out, 'ioc');
    expect(taker).toMatchObject({ filled: 2, resting: 0, cancelled: 3 });
    expect(engine.depth(BID)).toBe(0);
    expect(engine.bestAsk()).toBe(103);
  });

  it('a market order sweeps levels until filled', () => {
    const engine = new MatchingEngine();
    engine.limit(ASK, p(101), q(2), createExecution());
    engine.limit(ASK, p(102), q(3), createExecution());
    engine.limit(ASK, p(104), q(4), createExecution());
    const out = createExecution();
    const taker = engine.market(BID, q(7), out);
    expect(out.fills.map((f) => [f.price, f.size])).toEqual([
      [101, 2],
      [102, 3],
      [104, 2],
    ]);
    expect(out.changes).toEqual([
      [ASK, 101, 0],
      [ASK, 102, 0],
      [ASK, 104, 2],
    ]);
    expect(taker).toMatchObject({ filled: 7, resting: 0, cancelled: 0 });
  });

  it('a market order on a thin side fills what it can and does not rest', () => {
    const engine = new MatchingEngine();
    engine.limit(BID, p(99), q(2), createExecution());
    const out = createExecution();
    const taker = engine.market(ASK, q(5), out);
    expect(taker).toMatchObject({ filled: 2, resting: 0, cancelled: 3 });
    expect(engine.depth(ASK)).toBe(0);
    expect(engine.depth(BID)).toBe(0);
    expect(engine.orderCount).toBe(0);
  });

  it('a market order on an empty side changes nothing', () => {
    const engine = new MatchingEngine();
    const out = createExecution();
    expect(engine.market(BID, q(5), out)).toMatchObject({ filled: 0, resting: 0, cancelled: 5 });
    expect(out).toEqual({ fills: [], changes: [] });
  });

  it('cancel removes the order and updates its level', () => {
    const engine = new MatchingEngine();
    const a = engine.limit(BID, p(100), q(4), createExecution());
    const b = engine.limit(BID, p(100), q(6), createExecution());
    const out = createExecution();
    expect(engine.cancel(a.id, out)).toBe(4);
    expect(out.changes).toEqual([[BID, 100, 6]]);
    expect(engine.levelSize(BID, p(100))).toBe(6);
    expect(engine.cancel(b.id, out)).toBe(6);
    expect(out.changes[1]).toEqual([BID, 100, 0]);
    expect(engine.depth(BID)).toBe(0);
  });

  it('cancel of an unknown or finished order is a no-op', () => {
    const engine = new MatchingEngine();
    const a = engine.limit(BID, p(100), q(4), createExecution());
    engine.market(ASK, q(4), createExecution());
    const out = createExecution();
    expect(engine.cancel(a.id, out)).toBe(0);
    expect(engine.cancel(12345, out)).toBe(0);
    expect(out.changes).toEqual([]);
  });

  it('rejects sizes and prices that are not positive integers', () => {
    const engine = new MatchingEngine();
    const out = createExecution();
    expect(() => engine.limit(BID, p(100), q(0), out)).toThrow(RangeError);
    expect(() => engine.limit(BID, p(100), q(1.5), out)).toThrow(RangeError);
    expect(() => engine.limit(BID, p(0), q(1), out)).toThrow(RangeError);
    expect(() => engine.limit(BID, p(-3), q(1), out)).toThrow(RangeError);
    expect(() => engine.market(ASK, q(-1), out)).toThrow(RangeError);
    expect(() => engine.market(ASK, q(Number.NaN), out)).toThrow(RangeError);
    expect(engine.orderCount).toBe(0);
  });
});
