import { ASK, BID, OrderBook } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { Simulation } from './simulation.ts';
import { SIM_SYMBOLS, selectSimSymbols } from './symbols.ts';

const STEP = 25;

/** A compact, comparable record of everything a simulation did over `steps` steps. */
function transcript(sim: Simulation, steps: number): string[] {
  const lines: string[] = [];
  for (let i = 1; i <= steps; i++) {
    for (const m of sim.step(i * STEP)) {
      for (const f of m.last.fills) lines.push(`${i} ${m.spec.symbol} T ${f.price} ${f.size} ${f.aggressor}`);
      for (const [s, p, q] of m.last.changes) lines.push(`${i} ${m.spec.symbol} L ${s} ${p} ${q}`);
    }
  }
  return lines;
}

describe('Simulation', () => {
  it('replays the same market for the same seed', () => {
    const a = transcript(new Simulation({ seed: 7 }), 800);
    const b = transcript(new Simulation({ seed: 7 }), 800);
    expect(a.length).toBeGreaterThan(1000);
    expect(a).toEqual(b);
  });

  it('makes a different market for a different seed', () => {
    expect(transcript(new Simulation({ seed: 7 }), 200)).not.toEqual(transcript(new Simulation({ seed: 8 }), 200));
  });

  it('gives a symbol the same market whichever other symbols run beside it', () => {
    const alone = transcript(new Simulation({ seed: 3, symbols: selectSimSymbols(['NVDA']) }), 400);
    const together = transcript(new Simulation({ seed: 3 }), 400).filter((line) => line.includes(' NVDA '));
    expect(together).toEqual(alone);
  });

  it('has a populated, uncrossed book right after the warm-up', () => {
    const sim = new Simulation({ seed: 1 });
    for (const m of sim.markets) {
      expect(m.engine.depth(BID), m.spec.symbol).toBeGreaterThanOrEqual(10);
      expect(m.engine.depth(ASK), m.spec.symbol).toBeGreaterThanOrEqual(10);
      expect(m.engine.bestBid() as number).toBeLessThan(m.engine.bestAsk() as number);
    }
  });

  it('after minutes of virtual time every symbol has traded near fair value on a sane book', () => {
    const sim = new Simulation({ seed: 2024 });
    const replicas = sim.markets.map((m) => {
      const book = new OrderBook();
      book.applySnapshot({ bids: m.engine.levels(BID), asks: m.engine.levels(ASK) });
      return book;
    });
    const trades = sim.markets.map(() => 0);
    const last = sim.markets.map(() => 0);
    const gaps = sim.markets.map(() => [] as number[]);
    const steps = (3 * 60 * 1000) / STEP;
    for (let i = 1; i <= steps; i++) {
      sim.step(i * STEP).forEach((m, k) => {
        trades[k] = (trades[k] as number) + m.last.fills.length;
        const fill = m.last.fills[m.last.fills.length - 1];
        if (fill) last[k] = fill.price;
        replicas[k]?.applyDelta(m.last.changes);
        const bid = m.engine.bestBid();
        const ask = m.engine.bestAsk();
        if (bid !== undefined && ask !== undefined && bid >= ask)
          throw new Error(`${m.spec.symbol} crossed at step ${i}`);
        if (i % 40 === 0 && last[k]) gaps[k]?.push(Math.abs((last[k] as number) - m.fair.value) / m.fair.value);
      });
    }
    sim.markets.forEach((m, k) => {
      const name = m.spec.symbol;
      // Between 1 and 30 trades a second: alive, and not a firehose.
      expect(trades[k], name).toBeGreaterThan(180);
      expect(trades[k], name).toBeLessThan(180 * 30);
      for (const side of [BID, ASK] as const) {
        expect(m.engine.depth(side), name).toBeGreaterThanOrEqual(8);
        expect(m.engine.depth(side), name).toBeLessThanOrEqual(80);
      }
      // Every agent cleans up after itself: resting orders do not pile up.
      expect(m.engine.orderCount, name).toBeLessThan(300);
      // The published L2 stream describes the engine's book exactly.
      expect(replicas[k]?.top(Infinity), name).toEqual({ bids: m.engine.levels(BID), asks: m.engine.levels(ASK) });
      // Last price tracks fair value: typically within a few basis points, never off by more than 1%.
      const g = (gaps[k] as number[]).sort((a, b) => a - b);
      expect(g[Math.floor(g.length / 2)], name).toBeLessThan(0.001);
      expect(g[g.length - 1], name).toBeLessThan(0.01);
    });
    expect(sim.markets).toHaveLength(SIM_SYMBOLS.length);
  });

  it('scales activity with the rate option', () => {
    const count = (rate: number) => {
      const sim = new Simulation({ seed: 5, rate, symbols: selectSimSymbols(['AAPL']) });
      let fills = 0;
      for (let i = 1; i <= 2400; i++) fills += sim.step(i * STEP)[0]?.last.fills.length ?? 0;
      return fills;
    };
    expect(count(4)).toBeGreaterThan(count(1) * 2);
  });
});
