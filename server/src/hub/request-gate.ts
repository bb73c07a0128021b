// The connections' gate (see request-handler.ts), one for the server: each connection's request budget, checked
// before anything is parsed; its requests' work, run through the shared scheduler so no connection's pile holds the
// event loop; its bytes received, cut past the inbound budget; and the count of refusals it ignored, cut past the
// limit. Every refusal is a `rate_limited` ack with the wait, so a well-behaved client knows when to ask again.

import type { AckError } from '@tickline/shared';
import type { ClientState } from './client-state.ts';
import type { RequestGate } from './request-handler.ts';
import type { RequestScheduler } from './request-scheduler.ts';
import type { StreamStats } from './stream-stats.ts';

export interface GateDeps {
  scheduler: RequestScheduler;
  stats: StreamStats;
  clock: () => number;
  /** The connection is to be cut, and why (logged, throttled, by the caller; called once per connection). */
  cut: (client: ClientState, reason: string) => void;
}

export interface ConnectionGate extends RequestGate<ClientState> {
  /** Bytes received from the connection, counted as they arrive, before Socket.IO decodes them. */
  received(client: ClientState, bytes: number): void;
  /** The connection is gone: what it has queued is dropped. */
  forget(client: ClientState): void;
}

export const rateLimited = (message: string, retryAfterMs: number): AckError => ({
  ok: false,
  error: { code: 'rate_limited', message, retryAfterMs },
});

export function createRequestGate(deps: GateDeps): ConnectionGate {
  const { scheduler, stats, clock } = deps;
  const cut = (client: ClientState, reason: string): void => {
    if (client.cut) return;
    client.cut = true;
    deps.cut(client, reason);
  };
  return {
    admit({ budget }) {
      const wait = budget.takeRequest(clock());
      if (wait === 0) return undefined;
      stats.refused('rate_limited');
      return rateLimited(`too many requests; retry in ${wait} ms`, wait);
    },
    schedule({ socket }, job) {
      if (scheduler.submit(socket, job)) return undefined;
      stats.refused('rate_limited');
      return rateLimited('too many requests waiting on this connection; retry shortly', 1000);
    },
    answered(client, response) {
      if (response.ok || response.error?.code !== 'rate_limited') return client.budget.accepted();
      if (client.budget.refused()) cut(client, 'ignored too many rate_limited refusals');
    },
    // A flood is cut before it costs parsing.
    received(client, bytes) {
      if (bytes > 0 && !client.budget.received(bytes, clock())) cut(client, 'sent more bytes than its inbound budget');
    },
    forget({ socket }) {
      scheduler.forget(socket);
    },
  };
}
