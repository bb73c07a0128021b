// One secret checked for many callers: a wrong or missing token is refused with a reason, and an address that keeps
// guessing is refused outright for a while, even if it guesses right, so guessing gets nowhere.

import type { AttemptLimiter } from './attempt-limiter.ts';
import { tokenMatches } from './token-match.ts';

export type TokenRefusal =
  | { ok: false; status: 401; code: 'unauthorized'; message: string }
  | { ok: false; status: 429; code: 'rate_limited'; message: string; retryAfterMs: number };

export type TokenVerdict = { ok: true } | TokenRefusal;

export class TokenGuard {
  /**
   * `name` says which token in messages ("viewer", "admin"); `hint` tells a refused caller how to present it.
   * `failures` counts wrong attempts per address.
   */
  constructor(
    private readonly expected: string,
    private readonly failures: AttemptLimiter,
    private readonly name: string,
    private readonly hint: string,
  ) {}

  check(presented: unknown, address: string): TokenVerdict {
    const wait = this.failures.retryAfterMs(address);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      return {
        ok: false,
        status: 429,
        code: 'rate_limited',
        message: `too many wrong tokens from this address; retry in ${seconds} s`,
        retryAfterMs: wait,
      };
    }
    if (tokenMatches(presented, this.expected)) return { ok: true };
    this.failures.record(address);
    const problem =
      presented === undefined || presented === ''
        ? `this server needs the ${this.name} token`
        : `wrong ${this.name} token`;
    return { ok: false, status: 401, code: 'unauthorized', message: `${problem}: ${this.hint}` };
  }
}
