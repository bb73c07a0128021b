// One connection's gate (see request-handler.ts): its request budget, checked before anything is parsed; its
// requests' work, run through the shared scheduler so no connection's pile holds the event loop; its bytes received,
// cut past the inbound budget; and the count of refusals it ignored, cut past the limit. Every refusal is a
// `rate_limited` ack with the wait, so a well-behaved client knows when to ask again.

import type { AckError } from '@tickline/shared';
import type { ClientBudget } from './client-limits.ts';
import type { RequestGate } from './request-handler.ts';
import type { RequestScheduler } from './request-scheduler.ts';
import type { TicklineSocket } from './socket-types.ts';
import type { StreamStats } from './stream-stats.ts';

export interface GateDeps {
  budget: ClientBudget;
  scheduler: RequestScheduler;
  stats: StreamStats;
  clock: () => number;
  /** The connection is to be cut, and why (logged, throttled, by the caller). */
  cut: (reason: string) => void;
}

export const rateLimited = (message: string, retryAfterMs: number): AckError => ({
  ok: false,
  error: { code: 'rate_limited', message, retryAfterMs },
});

export function createRequestGate(socket: TicklineSocket, deps: GateDeps): RequestGate {
  const { budget, scheduler, stats, clock, cut } = deps;
  // Bytes are counted as they arrive, before Socket.IO decodes them: a flood is cut before it costs parsing.
  socket.conn.on('packet', (packet: { data?: unknown }) => {
    const size = typeof packet.data === 'string' ? packet.data.length : 0;
    if (size > 0 && !budget.received(size, clock())) cut('sent more bytes than its inbound budget');
  });
  socket.on('disconnect', () => scheduler.forget(socket));
  return {
    admit() {
      const wait = budget.takeRequest(clock());
      if (wait === 0) return undefined;
      stats.refused('rate_limited');
      return rateLimited(`too many requests; retry in ${wait} ms`, wait);
    },
    schedule(job) {
      if (scheduler.submit(socket, job)) return undefined;
      stats.refused('rate_limited');
      return rateLimited('too many requests waiting on this connection; retry shortly', 1000);
    },
    answered(response) {
      if (response.ok || response.error?.code !== 'rate_limited') return budget.accepted();
      if (budget.refused()) cut('ignored too many rate_limited refusals');
    },
  };
}
