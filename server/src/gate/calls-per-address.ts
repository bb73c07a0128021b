// A control surface's own rate limit: so many calls per address and second, the rest answered 429 with
// Retry-After, before the handler does any work.

import type { RequestHandler } from 'express';
import { AttemptLimiter } from './attempt-limiter.ts';
import { clientAddress } from './client-address.ts';
import { refuse } from './http-refusal.ts';

export function callsPerAddress(options: {
  perSecond: number;
  /** Says what there were too many of: `too many ${what}; retry shortly`. */
  what: string;
  clock: () => number;
  trustProxy: boolean;
}): RequestHandler {
  const calls = new AttemptLimiter({ limit: options.perSecond, windowMs: 1000, clock: options.clock });
  return (req, res, next) => {
    const address = clientAddress(req, options.trustProxy);
    const wait = calls.retryAfterMs(address);
    if (wait > 0) {
      refuse(req, res, {
        status: 429,
        code: 'rate_limited',
        message: `too many ${options.what}; retry shortly`,
        retryAfterMs: wait,
      });
      return;
    }
    calls.record(address);
    next();
  };
}
