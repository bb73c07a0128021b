import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter.ts';

function limiter(limit = 3, maxKeys?: number) {
  const time = { now: 1000 };
  const l = new AttemptLimiter({ limit, windowMs: 60_000, clock: () => time.now, ...(maxKeys ? { maxKeys } : {}) });
  return { l, time };
}

describe('AttemptLimiter', () => {
  it('allows `limit` attempts per window, then says how long to wait', () => {
    const { l, time } = limiter();
    for (let i = 0; i < 3; i++) l.record('a');
    expect(l.retryAfterMs('a')).toBe(60_000);
    time.now += 15_000;
    expect(l.retryAfterMs('a')).toBe(45_000);
    expect(l.retryAfterMs('b')).toBe(0);
  });

  it('starts afresh when the window is over', () => {
    const { l, time } = limiter();
    for (let i = 0; i < 3; i++) l.record('a');
    time.now += 60_000;
    expect(l.retryAfterMs('a')).toBe(0);
    l.record('a');
    expect(l.retryAfterMs('a')).toBe(0);
  });

  it('take counts and refuses beyond the limit', () => {
    const { l } = limiter(2);
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([true, true, false]);
  });

  it('keeps at most maxKeys addresses', () => {
    const { l, time } = limiter(1, 3);
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      l.record(key);
      time.now += 1;
    }
    expect(l.size).toBe(3);
    expect(l.retryAfterMs('e')).toBeGreaterThan(0);
  });
});
