import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('Rng', () => {
  it('replays the same sequence for the same seed', () => {
    expect(draw(new Rng(42), 100)).toEqual(draw(new Rng(42), 100));
  });

  it('gives different sequences for different seeds, including seeds 0 and 1', () => {
    expect(draw(new Rng(0), 10)).not.toEqual(draw(new Rng(1), 10));
    expect(draw(new Rng(7), 10)).not.toEqual(draw(new Rng(8), 10));
  });

  it('derives child streams by label, unaffected by the parent having drawn', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    draw(b, 37);
    expect(draw(a.child('BTC-USD'), 20)).toEqual(draw(b.child('BTC-USD'), 20));
    expect(draw(a.child('BTC-USD'), 20)).not.toEqual(draw(a.child('ETH-USD'), 20));
    expect(draw(a.child(1), 20)).not.toEqual(draw(a.child('1'), 20));
    expect(draw(a.child('x').child('y'), 5)).not.toEqual(draw(a.child('y').child('x'), 5));
  });

  it('draws uniforms in [0, 1) and integers over the whole inclusive range', () => {
    const rng = new Rng(3);
    const xs = draw(rng, 10_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 1);
    const ints = new Set(Array.from({ length: 1000 }, () => rng.int(-2, 2)));
    expect([...ints].sort()).toEqual([-1, -2, 0, 1, 2]);
    expect(() => rng.int(3, 1)).toThrow(RangeError);
  });

  it('draws normals, exponentials and Poisson counts with the right means', () => {
    const rng = new Rng(11);
    const normals = Array.from({ length: 20_000 }, () => rng.normal(2, 3));
    const m = mean(normals);
    const sd = Math.sqrt(mean(normals.map((x) => (x - m) ** 2)));
    expect(m).toBeGreaterThan(1.9);
    expect(m).toBeLessThan(2.1);
    expect(sd).toBeGreaterThan(2.9);
    expect(sd).toBeLessThan(3.1);
    expect(mean(Array.from({ length: 20_000 }, () => rng.exponential(4)))).toBeCloseTo(0.25, 1);
    expect(mean(Array.from({ length: 20_000 }, () => rng.poisson(0.3)))).toBeCloseTo(0.3, 1);
    expect(mean(Array.from({ length: 5_000 }, () => rng.poisson(50)))).toBeCloseTo(50, 0);
    expect(rng.poisson(0)).toBe(0);
  });

  it('draws Pareto sizes of at least 1 with a heavy tail', () => {
    const rng = new Rng(13);
    const xs = Array.from({ length: 10_000 }, () => rng.pareto(1.5));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...xs)).toBeGreaterThan(50);
  });

  it('answers chance(0) with false and chance(1) with true', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 100; i++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
    }
  });

  it('rejects a seed that is not a safe integer', () => {
    expect(() => new Rng(1.5)).toThrow(RangeError);
    expect(() => new Rng(Number.NaN)).toThrow(RangeError);
  });
});
