import { describe, expect, it } from 'vitest';
import { ClientBudget, type ClientLimits, DEFAULT_CLIENT_LIMITS } from './client-limits.ts';

const limits: ClientLimits = {
  ...DEFAULT_CLIENT_LIMITS,
  requestsPerSecond: 2,
  requestBurst: 3,
  snapshotBytesPerSecond: 1000,
  snapshotBurstBytes: 5000,
  inboundBytesPerSecond: 100,
  inboundBurstBytes: 1000,
  refusalsBeforeDisconnect: 3,
};

describe('ClientBudget', () => {
  it('lets a burst of requests through, then says how long to wait', () => {
    const budget = new ClientBudget(limits);
    expect([0, 0, 0].map(() => budget.takeRequest(0))).toEqual([0, 0, 0]);
    expect(budget.takeRequest(0)).toBe(500);
    expect(budget.takeRequest(500)).toBe(0);
  });

  it('meters snapshot bytes separately from requests', () => {
    const budget = new ClientBudget(limits);
    expect(budget.takeSnapshotBytes(4000, 0)).toBe(0);
    expect(budget.takeSnapshotBytes(2000, 0)).toBe(1000);
    expect(budget.takeRequest(0)).toBe(0);
  });

  it('flags a connection that sends more bytes than its inbound budget', () => {
    const budget = new ClientBudget(limits);
    expect(budget.received(1000, 0)).toBe(true);
    expect(budget.received(1, 0)).toBe(false);
    expect(new ClientBudget(limits).received(600, 0) && new ClientBudget(limits).received(600, 1000)).toBe(true);
  });

  it('starts each budget full, however long after the connection it is first drawn from', () => {
    const budget = new ClientBudget(limits);
    expect([0, 0, 0].map(() => budget.takeRequest(60_000))).toEqual([0, 0, 0]);
    expect(budget.takeRequest(60_000)).toBe(500);
    expect(budget.takeSnapshotBytes(5000, 90_000)).toBe(0);
    expect(budget.takeSnapshotBytes(1, 90_000)).toBe(1);
  });

  it('cuts a client that ignores refusals, and forgives one that comes back within budget', () => {
    const budget = new ClientBudget(limits);
    expect([budget.refused(), budget.refused()]).toEqual([false, false]);
    budget.accepted();
    expect([budget.refused(), budget.refused(), budget.refused()]).toEqual([false, false, true]);
  });
});
