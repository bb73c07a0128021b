// Several load-generator processes must report what one process with all their clients would have: checked
// against that one process, built from the same samples.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency-histogram.ts';
import type { GroupStatus, WindowResult } from './load-generator.ts';
import { mergeFreshest, mergeWindows, shares } from './window-merge.ts';

const status = (clients: number): GroupStatus => ({
  clients,
  connects: clients,
  disconnects: 0,
  resyncs: 0,
  gaps: 0,
  syncedSince: clients,
  recovered: 0,
  worstRecoveryMs: 0,
});

/** A process's window from its own samples: latencies per part, wire bytes, data messages, CPU. */
function windowOf(parts: number[][], wire: number, messages: number, cpu: number, saturated: boolean): WindowResult {
  const histograms = parts.map((samples) => {
    const h = new LatencyHistogram();
    for (const s of samples) h.record(s);
    return h;
  });
  const whole = new LatencyHistogram();
  for (const h of histograms) whole.add(h);
  const delivered = whole.count;
  const expected = delivered + 3;
  return {
    durationMs: 3000,
    expected,
    delivered,
    deliveredRatio: delivered / expected,
    updatesPerSec: delivered / 3,
    latency: whole.summary(),
    bytesPerUpdate: delivered ? wire / delivered : 0,
    wireMbPerSec: wire / 1e6 / 3,
    messagesPerSec: messages / 3,
    loadGenerator: { cpuShare: cpu, loopDelayP99Ms: cpu * 10, loopDelayMaxMs: cpu * 20, rssMb: 100, saturated },
    breakdown: undefined,
    measured: status(500),
    checksumMismatches: 1,
    parts: histograms.map((h) => ({
      expected: Math.round(expected / parts.length),
      delivered: h.count,
      deliveredRatio: h.count / Math.round(expected / parts.length),
      updatesPerSec: h.count,
      latency: h.summary(),
      loadGeneratorCpu: cpu,
    })),
    raw: {
      wireBytes: wire,
      arrived: delivered,
      latency: whole.toSparse(),
      parts: histograms.map((h) => ({ delivered: h.count, latency: h.toSparse() })),
    },
  };
}

const samples = fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: 1, maxLength: 60 });
const process = fc.record({
  parts: fc.tuple(samples, samples, samples),
  wire: fc.integer({ min: 0, max: 1_000_000 }),
  messages: fc.integer({ min: 0, max: 100_000 }),
  cpu: fc.double({ min: 0, max: 1, noNaN: true }),
  saturated: fc.boolean(),
});

describe('mergeWindows', () => {
  it('reports over all processes exactly what one process holding every sample reports', () => {
    fc.assert(
      fc.property(fc.array(process, { minLength: 2, maxLength: 4 }), (processes) => {
        const merged = mergeWindows(processes.map((p) => windowOf(p.parts, p.wire, p.messages, p.cpu, p.saturated)));
        const one = windowOf(
          [0, 1, 2].map((i) => processes.flatMap((p) => p.parts[i]!)),
          processes.reduce((a, p) => a + p.wire, 0),
          processes.reduce((a, p) => a + p.messages, 0),
          0,
          false,
        );
        expect(merged.latency).toEqual({ ...one.latency, meanMs: expect.closeTo(one.latency.meanMs, 6) });
        expect(merged.delivered).toBe(one.delivered);
        expect(merged.bytesPerUpdate).toBeCloseTo(one.bytesPerUpdate, 9);
        expect(merged.messagesPerSec).toBeCloseTo(one.messagesPerSec, 6);
        merged.parts.forEach((part, i) => {
          expect(part.delivered).toBe(one.parts[i]!.delivered);
          expect(part.latency).toEqual({
            ...one.parts[i]!.latency,
            meanMs: expect.closeTo(one.parts[i]!.latency.meanMs, 6),
          });
        });
        // The generator's CPU is its processes' sum, and it is saturated when any one of them is.
        expect(merged.loadGenerator.cpuShare).toBeCloseTo(
          processes.reduce((a, p) => a + p.cpu, 0),
          9,
        );
        expect(merged.loadGenerator.saturated).toBe(processes.some((p) => p.saturated));
        expect(merged.measured.clients).toBe(500 * processes.length);
        expect(merged.checksumMismatches).toBe(processes.length);
        expect(merged.raw).toBeUndefined();
      }),
    );
  });
});

describe('shares', () => {
  it('splits a total into n whole shares that add up to it and differ by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 16 }), (total, n) => {
        const s = shares(total, n);
        expect(s).toHaveLength(n);
        expect(s.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('mergeFreshest', () => {
  it('is the process furthest behind, and unknown while any has received nothing', () => {
    expect(mergeFreshest([1_000, 250, 900])).toBe(250);
    expect(mergeFreshest([1_000])).toBe(1_000);
    expect(mergeFreshest([1_000, null])).toBeNull();
    expect(mergeFreshest([])).toBeNull();
  });
});
