import { describe, expect, it } from 'vitest';
import { createRequestScheduler } from './request-scheduler.ts';

/** A loop we turn by hand: `defer` queues callbacks and `turn()` runs those queued so far (one check phase). */
function manualLoop() {
  let pending: Array<() => void> = [];
  return {
    defer: (run: () => void) => void pending.push(run),
    turn() {
      const now = pending;
      pending = [];
      now.forEach((run) => run());
    },
  };
}

describe('createRequestScheduler', () => {
  it('runs requests at once while the turn has budget', () => {
    const loop = manualLoop();
    const scheduler = createRequestScheduler({ perTurn: 3, turnMs: 1e9, perOwner: 10 }, () => 0, loop.defer);
    const ran: number[] = [];
    for (let i = 0; i < 3; i++) scheduler.submit({}, () => ran.push(i));
    expect(ran).toEqual([0, 1, 2]);
    expect(scheduler.queued).toBe(0);
  });

  it('queues past the budget and drains a budget per turn', () => {
    const loop = manualLoop();
    const scheduler = createRequestScheduler({ perTurn: 2, turnMs: 1e9, perOwner: 100 }, () => 0, loop.defer);
    const owner = {};
    const ran: number[] = [];
    for (let i = 0; i < 7; i++) scheduler.submit(owner, () => ran.push(i));
    expect(ran).toEqual([0, 1]);
    loop.turn();
    expect(ran).toEqual([0, 1, 2, 3]);
    loop.turn();
    loop.turn();
    expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(scheduler.queued).toBe(0);
  });

  it('serves owners round-robin, so one pile does not delay another owner by more than a round', () => {
    const loop = manualLoop();
    const scheduler = createRequestScheduler({ perTurn: 4, turnMs: 1e9, perOwner: 100 }, () => 0, loop.defer);
    const hostile = {};
    const polite = {};
    const ran: string[] = [];
    for (let i = 0; i < 50; i++) scheduler.submit(hostile, () => ran.push('h'));
    scheduler.submit(polite, () => ran.push('p'));
    loop.turn();
    expect(ran.slice(4)).toContain('p'); // answered within the first drained turn
    expect(ran.indexOf('p')).toBeLessThan(7);
  });

  it('keeps each owner first-in first-out', () => {
    const loop = manualLoop();
    const scheduler = createRequestScheduler({ perTurn: 1, turnMs: 1e9, perOwner: 100 }, () => 0, loop.defer);
    const a = {};
    const b = {};
    const ran: string[] = [];
    for (let i = 0; i < 3; i++) {
      scheduler.submit(a, () => ran.push(`a${i}`));
      scheduler.submit(b, () => ran.push(`b${i}`));
    }
    for (let i = 0; i < 10; i++) loop.turn();
    expect(ran.filter((r) => r.startsWith('a'))).toEqual(['a0', 'a1', 'a2']);
    expect(ran.filter((r) => r.startsWith('b'))).toEqual(['b0', 'b1', 'b2']);
  });

  it('refuses past the per-owner queue and forgets a gone owner', () => {
    const loop = manualLoop();
    const scheduler = createRequestScheduler({ perTurn: 1, turnMs: 1e9, perOwner: 2 }, () => 0, loop.defer);
    const owner = {};
    const results = [0, 1, 2, 3].map(() => scheduler.submit(owner, () => {}));
    expect(results).toEqual([true, true, true, false]); // one ran, two queued, one refused
    scheduler.forget(owner);
    expect(scheduler.queued).toBe(0);
  });

  it('stops a turn when its time budget is spent', () => {
    const loop = manualLoop();
    let t = 0;
    const scheduler = createRequestScheduler({ perTurn: 100, turnMs: 10, perOwner: 100 }, () => t, loop.defer);
    const ran: number[] = [];
    for (let i = 0; i < 5; i++)
      scheduler.submit({}, () => {
        ran.push(i);
        t += 6;
      });
    expect(ran).toEqual([0, 1]);
  });

  it('reports a throwing job and goes on', () => {
    const loop = manualLoop();
    const errors: unknown[] = [];
    const scheduler = createRequestScheduler(
      { perTurn: 10, turnMs: 1e9, perOwner: 10 },
      () => 0,
      loop.defer,
      (e) => errors.push(e),
    );
    const ran: number[] = [];
    scheduler.submit({}, () => {
      throw new Error('boom');
    });
    scheduler.submit({}, () => ran.push(1));
    expect(errors).toHaveLength(1);
    expect(ran).toEqual([1]);
  });
});
