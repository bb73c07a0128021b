import { BUY, type MarketUpdate, type Ticks, type Trade } from '@tickline/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlertEngine, type StreamContext } from './alert-engine.ts';
import type { Alert, AlertCondition } from './alert-model.ts';

const SYMBOL = 'BTC-USD';
const LIVE: StreamContext = { live: true, epoch: 1 };

function alert(condition: AlertCondition, id = 'a'): Alert {
  return { id, symbol: SYMBOL, condition, armedAt: 0 };
}
const above = (level: number) => alert({ kind: 'above', level: level as Ticks });
const below = (level: number) => alert({ kind: 'below', level: level as Ticks });
const move = (basisPoints: number, windowMs: number, direction: 'up' | 'down' | 'either' = 'either') =>
  alert({ kind: 'move', basisPoints, windowMs, direction });

/** Trades at `prices`, one millisecond apart from `time` unless given as [price, time]. */
function update(seq: number, prices: (number | [number, number])[], time = seq * 1000): MarketUpdate {
  const trades: Trade[] = prices.map((p, i) => {
    const [price, t] = typeof p === 'number' ? [p, time + i] : p;
    return [seq * 1000 + i, price as Ticks, 1 as never, BUY, t];
  });
  return { symbol: SYMBOL, seq, time, trades };
}

function engineWith(...alerts: Alert[]): AlertEngine {
  const engine = new AlertEngine();
  engine.watch(alerts);
  return engine;
}

const fired = (engine: AlertEngine, u: MarketUpdate, stream = LIVE) =>
  engine.applied(u, stream).map((f) => [f.alert.id, f.price, f.direction]);

describe('AlertEngine: crosses', () => {
  it('a cross above fires on the trade that reaches the level, even when the price falls back in the same update', () => {
    const engine = engineWith(above(100));
    expect(fired(engine, update(1, [98, 99]))).toEqual([]);
    expect(fired(engine, update(2, [100, 97]))).toEqual([['a', 100, 'up']]);
  });

  it('fires once: a later cross of the same alert does not fire again', () => {
    const a = above(100);
    const engine = engineWith(a);
    expect(fired(engine, update(1, [99, 101, 99, 102]))).toEqual([['a', 101, 'up']]);
    expect(fired(engine, update(2, [99, 103]))).toEqual([]);
  });

  it('a price that starts at or above the level has not crossed it; it must go below first', () => {
    const engine = engineWith(above(100));
    expect(fired(engine, update(1, [100, 101, 100]))).toEqual([]);
    expect(fired(engine, update(2, [99, 100]))).toEqual([['a', 100, 'up']]);
  });

  it('a cross below fires on the trade at or under the level', () => {
    const engine = engineWith(below(100));
    expect(fired(engine, update(1, [101, 100]))).toEqual([['a', 100, 'down']]);
  });

  it('a cross between the last trade of one update and the first of the next fires', () => {
    const engine = engineWith(above(100));
    fired(engine, update(1, [99]));
    expect(fired(engine, update(2, [100]))).toEqual([['a', 100, 'up']]);
  });

  it('a jump across the level over a hole in the stream (a resync snapshot) does not fire; a cross after it does', () => {
    const engine = engineWith(above(100));
    fired(engine, update(1, [99]));
    expect(fired(engine, update(5, [101]))).toEqual([]);
    expect(fired(engine, update(6, [99, 100]))).toEqual([['a', 100, 'up']]);
  });

  it('a new epoch is a hole even when its seq happens to follow', () => {
    const engine = engineWith(above(100));
    fired(engine, update(1, [99]));
    expect(fired(engine, update(2, [101]), { live: true, epoch: 2 })).toEqual([]);
  });

  it('never fires while the symbol is not live, nor on the jump from the last price before', () => {
    const engine = engineWith(above(100));
    fired(engine, update(1, [99]));
    expect(fired(engine, update(2, [99, 101]), { live: false, epoch: 1 })).toEqual([]);
    fired(engine, update(3, [99]), { live: false, epoch: 1 });
    expect(fired(engine, update(4, [101]))).toEqual([]);
    expect(fired(engine, update(5, [99, 100]))).toEqual([['a', 100, 'up']]);
  });

  it('a chart mark (a replay starting again) re-bases instead of counting as a move', () => {
    const engine = engineWith(above(100));
    fired(engine, update(1, [99]));
    expect(fired(engine, { ...update(2, [101]), marks: [{ time: 2000, label: 'replay restarted' }] })).toEqual([]);
  });

  it('a new alert can start from the live last price, so the very next trade may cross', () => {
    const engine = new AlertEngine();
    fired(engine, update(1, [99]));
    engine.watch([above(100)], () => ({ price: 99, time: 1500, epoch: 1, seq: 1 }));
    expect(fired(engine, update(2, [100]))).toEqual([['a', 100, 'up']]);
    // A start from elsewhere in the stream (a snapshot the engine has not seen an update after) is not taken.
    engine.watch([above(200)], () => ({ price: 199, time: 2500, epoch: 1, seq: 7 }));
    expect(fired(engine, update(3, [200]))).toEqual([]);
  });

  it('alerts of other symbols, and triggered alerts, are not watched', () => {
    const triggered: Alert = { ...above(100), triggered: { time: 1, price: 100 as Ticks } };
    const other: Alert = { ...above(100), id: 'b', symbol: 'ETH-USD' };
    const engine = engineWith(triggered, other);
    fired(engine, update(1, [99]));
    expect(fired(engine, update(2, [101]))).toEqual([]);
  });

  it('watching the same alert objects again keeps what they have seen; a new object starts afresh', () => {
    const a = above(100);
    const engine = engineWith(a);
    fired(engine, update(1, [99]));
    engine.watch([a]);
    expect(fired(engine, update(2, [101]))).toEqual([['a', 101, 'up']]);

    const b = above(200);
    engine.watch([b]);
    fired(engine, update(3, [199]));
    engine.watch([{ ...b }]);
    expect(fired(engine, update(4, [201]))).toEqual([]);
  });
});

describe('AlertEngine: % moves', () => {
  it('an up move fires when a trade is P % above the lowest trade within the window', () => {
    const engine = engineWith(move(500, 60_000, 'up'));
    expect(
      fired(
        engine,
        update(1, [
          [1000, 0],
          [1040, 10_000],
          [1030, 20_000],
        ]),
      ),
    ).toEqual([]);
    expect(fired(engine, update(2, [[1050, 30_000]]))).toEqual([['a', 1050, 'up']]);
  });

  it('a low that left the window no longer counts', () => {
    const engine = engineWith(move(500, 60_000, 'up'));
    fired(
      engine,
      update(1, [
        [1000, 0],
        [1020, 30_000],
      ]),
    );
    expect(fired(engine, update(2, [[1050, 60_001]]))).toEqual([]);
    expect(fired(engine, update(3, [[1071, 61_000]]))).toEqual([['a', 1071, 'up']]);
  });

  it('a down move fires P % under the highest trade within the window; an up-only alert ignores falls', () => {
    const down = move(1000, 300_000, 'down');
    const up = { ...move(1000, 300_000, 'up'), id: 'b' };
    const engine = engineWith(down, up);
    expect(
      fired(
        engine,
        update(1, [
          [2000, 0],
          [1801, 1000],
          [1800, 2000],
        ]),
      ),
    ).toEqual([['a', 1800, 'down']]);
  });

  it('either direction reports which way it went', () => {
    const engine = engineWith(move(100, 60_000));
    expect(
      fired(
        engine,
        update(1, [
          [1000, 0],
          [990, 1],
        ]),
      ),
    ).toEqual([['a', 990, 'down']]);
  });

  it('a move across a hole in the stream does not fire: the window starts again after it', () => {
    const engine = engineWith(move(500, 60_000, 'up'));
    fired(engine, update(1, [[1000, 0]]));
    expect(fired(engine, update(3, [[1100, 1000]]))).toEqual([]);
    expect(fired(engine, update(4, [[1154, 2000]]))).toEqual([]);
    expect(fired(engine, update(5, [[1155, 3000]]))).toEqual([['a', 1155, 'up']]);
  });
});

describe('AlertEngine properties', () => {
  const prices = fc.array(fc.integer({ min: 90, max: 110 }), { minLength: 1, maxLength: 60 });
  // Cuts a price sequence into updates of 1..4 trades.
  const cuts = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 60, maxLength: 60 });

  function run(engine: AlertEngine, all: number[], sizes: number[], holeAt = new Set<number>()) {
    const out: { index: number; price: number }[] = [];
    let seq = 0;
    let i = 0;
    for (const size of sizes) {
      if (i >= all.length) break;
      const chunk = all.slice(i, i + size);
      seq += holeAt.has(seq) ? 2 : 1;
      const firings = engine.applied(
        update(
          seq,
          chunk.map((p, k) => [p, (i + k) * 1000]),
        ),
        LIVE,
      );
      for (const f of firings) out.push({ index: f.time / 1000, price: f.price });
      i += chunk.length;
    }
    return out;
  }

  it('a cross above fires exactly at the first trade that reaches the level from below, and only once', () => {
    fc.assert(
      fc.property(prices, cuts, fc.integer({ min: 90, max: 110 }), (all, sizes, level) => {
        const out = run(engineWith(above(level)), all, sizes);
        const first = all.findIndex((p, i) => i > 0 && (all[i - 1] as number) < level && p >= level);
        expect(out.length).toBe(first < 0 ? 0 : 1);
        if (first >= 0) expect(out[0]?.index).toBe(first);
      }),
    );
  });

  it('a cross never fires on a trade whose predecessor came before a hole in the stream', () => {
    fc.assert(
      fc.property(
        prices,
        cuts,
        fc.integer({ min: 90, max: 110 }),
        fc.uniqueArray(fc.nat(60)),
        (all, sizes, level, holes) => {
          const engine = engineWith(below(level));
          const firings: number[] = [];
          let seq = 0;
          let i = 0;
          for (const size of sizes) {
            if (i >= all.length) break;
            const hole = holes.includes(seq);
            seq += hole ? 2 : 1;
            const chunk = all.slice(i, i + size);
            for (const f of engine.applied(update(seq, chunk), LIVE)) {
              const at = f.time - seq * 1000; // the trade's place in its update
              // The first trade after a hole has no predecessor the engine may compare it with.
              if (hole) expect(at).toBeGreaterThan(0);
              firings.push(f.price);
            }
            i += chunk.length;
          }
          expect(firings.length).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('an up move fires at the first trade P % above a lower trade within the window, and only once', () => {
    fc.assert(
      fc.property(
        prices,
        cuts,
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 10 }),
        (all, sizes, bp, w) => {
          const windowMs = w * 1000;
          const out = run(engineWith(move(bp, windowMs, 'up')), all, sizes);
          const first = all.findIndex((p, i) =>
            all.some((q, j) => j <= i && j * 1000 >= i * 1000 - windowMs && (p - q) * 10_000 >= bp * q),
          );
          expect(out.length).toBe(first < 0 ? 0 : 1);
          if (first >= 0) expect(out[0]?.index).toBe(first);
        },
      ),
    );
  });
});
