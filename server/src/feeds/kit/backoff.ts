// Reconnect delays: exponential growth with full jitter, so a fleet of clients does not reconnect in lockstep.

export interface BackoffOptions {
  /** Delay ceiling of the first retry. */
  baseMs: number;
  /** Largest delay ever. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 15_000 };

/** Delay before retry number `attempt` (0 for the first): uniform in [0, min(max, base * 2^attempt)]. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(random() * ceiling);
}
