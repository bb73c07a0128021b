// Reading the bus counters of /api/health (pure): typed figures out, or an error naming what is missing.

import { describe, expect, it } from 'vitest';
import { counterDelta, edgeBusCounters, feedBusCounters } from './bus-counters.ts';

const feedHealth = {
  ok: true,
  role: 'feed',
  bus: { entries: 20, updates: 1000, bytes: 26_000, snapshots: 50, heartbeats: 1, dropped: 0, republished: 0 },
};
const edgeHealth = {
  ok: true,
  role: 'edge',
  clients: 1000,
  bus: {
    entries: 20,
    bytes: 26_000,
    updatesApplied: 1000,
    duplicates: 0,
    gaps: 0,
    mismatches: 0,
    badEntries: 0,
    badUpdates: 0,
    lagMs: 1.5,
    cursor: '1-0',
  },
};

describe('bus counters from /api/health', () => {
  it("takes the feed node's publishing counters and the edge's reading counters", () => {
    expect(feedBusCounters(feedHealth)).toEqual({
      entries: 20,
      updates: 1000,
      bytes: 26_000,
      snapshots: 50,
      heartbeats: 1,
      dropped: 0,
    });
    expect(edgeBusCounters(edgeHealth).updatesApplied).toBe(1000);
  });

  it('names a missing or non-numeric counter', () => {
    expect(() => feedBusCounters({ ok: true })).toThrow(/no bus counters/);
    expect(() => edgeBusCounters({ bus: { ...edgeHealth.bus, gaps: 'x' } })).toThrow(/bus\.gaps/);
  });

  it('subtracts counters over a window but keeps the lag as the latest reading', () => {
    const a = edgeBusCounters(edgeHealth);
    const b = { ...a, entries: 120, bytes: 156_000, updatesApplied: 6000, lagMs: 2.5 };
    expect(counterDelta(a, b)).toEqual({
      ...b,
      entries: 100,
      bytes: 130_000,
      updatesApplied: 5000,
      lagMs: 2.5,
      duplicates: 0,
    });
  });
});
