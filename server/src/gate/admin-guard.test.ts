import { describe, expect, it } from 'vitest';
import { ADMIN_FAILURES_PER_MINUTE, createAdminGuard, DISABLED_MESSAGE } from './admin-guard.ts';

describe('createAdminGuard, checkSocket (the helper for socket event handlers)', () => {
  it('is off without a token: every control request is refused as disabled', () => {
    const guard = createAdminGuard({ token: undefined, clock: () => 0, trustProxy: false });
    expect(guard.enabled).toBe(false);
    expect(guard.checkSocket('anything', 'a')).toEqual({
      ok: false,
      error: { code: 'admin_disabled', message: DISABLED_MESSAGE },
    });
  });

  it('passes the admin token and refuses a missing or wrong one', () => {
    const guard = createAdminGuard({ token: 'admin-secret', clock: () => 0, trustProxy: false });
    expect(guard.enabled).toBe(true);
    expect(guard.checkSocket('admin-secret', 'a')).toBeUndefined();
    expect(guard.checkSocket(undefined, 'a')?.error).toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/needs the admin token/),
    });
    expect(guard.checkSocket('guess', 'a')?.error).toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/wrong admin token/),
    });
  });

  it(`refuses an address after ${ADMIN_FAILURES_PER_MINUTE} wrong tokens, with how long to wait`, () => {
    const guard = createAdminGuard({ token: 'admin-secret', clock: () => 0, trustProxy: false });
    for (let i = 0; i < ADMIN_FAILURES_PER_MINUTE; i++) guard.checkSocket(`guess-${i}`, 'a');
    expect(guard.checkSocket('admin-secret', 'a')?.error).toMatchObject({ code: 'rate_limited', retryAfterMs: 60_000 });
    expect(guard.checkSocket('admin-secret', 'b')).toBeUndefined();
  });
});
