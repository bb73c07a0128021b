import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter.ts';
import { TokenGuard } from './token-guard.ts';

function guard() {
  const time = { now: 0 };
  const failures = new AttemptLimiter({ limit: 2, windowMs: 60_000, clock: () => time.now });
  return { g: new TokenGuard('right-token', failures, 'viewer', 'send it as X'), time };
}

describe('TokenGuard', () => {
  it('accepts the right token', () => {
    expect(guard().g.check('right-token', 'a')).toEqual({ ok: true });
  });

  it('says whether the token is missing or wrong, and how to present it', () => {
    const { g } = guard();
    expect(g.check(undefined, 'a')).toEqual({
      ok: false,
      status: 401,
      code: 'unauthorized',
      message: 'this server needs the viewer token: send it as X',
    });
    expect(g.check('guess', 'b')).toMatchObject({ status: 401, message: 'wrong viewer token: send it as X' });
  });

  it('refuses an address that failed too often, even with the right token, until the window ends', () => {
    const { g, time } = guard();
    g.check('guess-1', 'a');
    g.check('guess-2', 'a');
    expect(g.check('right-token', 'a')).toEqual({
      ok: false,
      status: 429,
      code: 'rate_limited',
      message: 'too many wrong tokens from this address; retry in 60 s',
      retryAfterMs: 60_000,
    });
    expect(g.check('right-token', 'b')).toEqual({ ok: true });
    time.now = 60_000;
    expect(g.check('right-token', 'a')).toEqual({ ok: true });
  });
});
