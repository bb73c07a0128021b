// Reconnect pacing for exchange connections: the shared backoff, with defaults venues tolerate.

import type { BackoffPolicy } from '@tickline/shared';

export { backoffDelay, type BackoffPolicy } from '@tickline/shared';

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 15_000 };
