// The latency histogram against the plain truth: percentiles of a sorted array of the same samples.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency-histogram.ts';

/** The sample at or below which a share `q` of the samples lie: the definition the histogram approximates. */
const oracle = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;

// Samples are recorded rounded to the µs into buckets at most 1/64 wide, and a quantile is capped at the largest
// sample: never more than half a µs below the true sample, and at most a bucket (plus that µs) above it.
const within = (got: number, truth: number) => {
  expect(got).toBeGreaterThanOrEqual(truth - 0.0005 - 1e-9);
  expect(got).toBeLessThanOrEqual(truth * (1 + 1 / 64) + 0.001);
};

const latencies = fc.array(fc.double({ min: 0, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 500 });

describe('LatencyHistogram', () => {
  it('reports every percentile within one bucket (1/64) of the sorted samples', () => {
    fc.assert(
      fc.property(latencies, fc.double({ min: 0.01, max: 1, noNaN: true }), (samples, q) => {
        const h = new LatencyHistogram();
        for (const s of samples) h.record(s);
        within(
          h.quantile(q),
          oracle(
            [...samples].sort((a, b) => a - b),
            q,
          ),
        );
      }),
    );
  });

  it('summarizes count, max and mean exactly, and p50 <= p90 <= p99 <= max', () => {
    fc.assert(
      fc.property(latencies, (samples) => {
        const h = new LatencyHistogram();
        for (const s of samples) h.record(s);
        const sum = h.summary();
        expect(sum.count).toBe(samples.length);
        expect(sum.maxMs).toBe(Math.max(...samples));
        expect(sum.meanMs).toBeCloseTo(samples.reduce((a, b) => a + b, 0) / samples.length, 6);
        expect(sum.p50Ms).toBeLessThanOrEqual(sum.p90Ms);
        expect(sum.p90Ms).toBeLessThanOrEqual(sum.p99Ms);
        expect(sum.p99Ms).toBeLessThanOrEqual(sum.maxMs);
      }),
    );
  });

  it('merges by adding: two histograms added equal one that saw all the samples', () => {
    fc.assert(
      fc.property(latencies, latencies, (a, b) => {
        const left = new LatencyHistogram();
        const right = new LatencyHistogram();
        const all = new LatencyHistogram();
        for (const s of a) left.record(s);
        for (const s of b) right.record(s);
        for (const s of [...a, ...b]) all.record(s);
        left.add(right);
        expect(left.summary()).toEqual({ ...all.summary(), meanMs: expect.closeTo(all.summary().meanMs, 6) });
      }),
    );
  });

  it('crosses a process boundary whole: sparse, through JSON, and added, it equals the histogram it came from', () => {
    fc.assert(
      fc.property(latencies, latencies, (a, b) => {
        const left = new LatencyHistogram();
        const right = new LatencyHistogram();
        for (const s of a) left.record(s);
        for (const s of b) right.record(s);
        const merged = new LatencyHistogram();
        for (const h of [left, right]) merged.addSparse(JSON.parse(JSON.stringify(h.toSparse())));
        left.add(right);
        expect(merged.summary()).toEqual(left.summary());
        expect(merged.counts).toEqual(left.counts);
      }),
    );
  });

  it('is exact to the µs below 64 µs and counts negative latencies (clock skew) as zero', () => {
    const h = new LatencyHistogram();
    for (const ms of [0.005, 0.017, 0.063, -3]) h.record(ms);
    expect(h.quantile(0.25)).toBe(0);
    expect(h.quantile(0.5)).toBe(0.005);
    expect(h.quantile(0.75)).toBe(0.017);
    expect(h.quantile(1)).toBe(0.063);
  });

  it('forgets everything on reset and reports zeros when empty', () => {
    const h = new LatencyHistogram();
    h.record(12);
    h.reset();
    expect(h.summary()).toEqual({ count: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0 });
  });
});
