// The one door to every control surface (the admin API now; scenario controls, presenter broadcast and feed admin
// build on it): off unless TICKLINE_ADMIN_TOKEN is set, then only for callers that present it.

import type { RequestHandler } from 'express';
import { AttemptLimiter } from './attempt-limiter.ts';
import { clientAddress } from './client-address.ts';
import { type HttpRefusal, refuse } from './http-refusal.ts';
import { bearerToken } from './token-match.ts';
import { TokenGuard } from './token-guard.ts';

/** A refused control request, shaped as an ack error so a socket handler can answer it as it is. */
export interface AdminRefusal {
  ok: false;
  error: { code: 'admin_disabled' | 'unauthorized' | 'rate_limited'; message: string; retryAfterMs?: number };
}

export interface AdminGuard {
  /** Whether control surfaces are on (an admin token is set). */
  readonly enabled: boolean;
  /** Express middleware: passes a request with `Authorization: Bearer <admin token>`, answers any other. */
  requireAdmin: RequestHandler;
  /**
   * For a socket event handler: the refusal to ack, or undefined when `presented` is the admin token. `address` is
   * the socket's (socket.data.address), so wrong guesses are limited per client as on HTTP.
   */
  checkSocket(presented: unknown, address: string): AdminRefusal | undefined;
}

export const DISABLED_MESSAGE = 'control surfaces are off on this server: set TICKLINE_ADMIN_TOKEN to turn them on';

/** Wrong admin tokens allowed per address and minute before every attempt is refused for the rest of it. */
export const ADMIN_FAILURES_PER_MINUTE = 10;

export function createAdminGuard(options: {
  token: string | undefined;
  clock: () => number;
  trustProxy: boolean;
}): AdminGuard {
  const { token, clock, trustProxy } = options;
  const guard =
    token === undefined
      ? undefined
      : new TokenGuard(
          token,
          new AttemptLimiter({ limit: ADMIN_FAILURES_PER_MINUTE, windowMs: 60_000, clock }),
          'admin',
          'send it as `Authorization: Bearer <TICKLINE_ADMIN_TOKEN>`',
        );

  const verdict = (presented: unknown, address: string): HttpRefusal | undefined => {
    if (!guard) return { status: 404, code: 'admin_disabled', message: DISABLED_MESSAGE };
    const checked = guard.check(presented, address);
    return checked.ok ? undefined : checked;
  };

  return {
    enabled: guard !== undefined,
    requireAdmin(req, res, next) {
      const refusal = verdict(bearerToken(req.headers.authorization), clientAddress(req, trustProxy));
      if (refusal) refuse(req, res, refusal);
      else next();
    },
    checkSocket(presented, address) {
      const refusal = verdict(presented, address);
      if (!refusal) return undefined;
      const { code, message, retryAfterMs } = refusal;
      return {
        ok: false,
        error: {
          code: code as AdminRefusal['error']['code'],
          message,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        },
      };
    },
  };
}
