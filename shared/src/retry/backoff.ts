// How long to wait before trying again (a reconnect, an unanswered request): capped exponential backoff with
// jitter, so many clients that lost the same server do not all come back in the same millisecond.

export interface BackoffPolicy {
  /** The first retry's nominal delay. */
  readonly baseMs: number;
  /** No delay exceeds this, however many retries failed. */
  readonly maxMs: number;
}

/**
 * The delay before retry number `attempt` (0 for the first): the nominal delay doubles each attempt up to
 * `maxMs`, and the wait is drawn uniformly from its upper half ("equal jitter"), never shorter than half of it.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, Math.max(0, attempt)));
  return nominal / 2 + random() * (nominal / 2);
}
