// GET /api/admin/clients: who is connected, to this node or (through the Redis adapter) to any edge of the cluster.
// The first control surface, behind the admin guard, and rate limited since each call asks every node.

import { Router } from 'express';
import type { TicklineServer } from '../hub/socket-types.ts';
import type { AdminGuard } from './admin-guard.ts';
import { AttemptLimiter } from './attempt-limiter.ts';
import { clientAddress } from './client-address.ts';
import { refuse } from './http-refusal.ts';

export interface ClientListing {
  id: string;
  address: string;
  connectedAt: number | null;
  transport: string | null;
  symbols: string[];
}

/** The part of a (local or remote) socket the listing reads. */
export interface ListedSocket {
  id: string;
  handshake: { address: string };
  data: Partial<{ connectedAt: number; address: string; transport: string; symbols: string[] }>;
}

export function describeClient(socket: ListedSocket): ClientListing {
  const { data } = socket;
  return {
    id: socket.id,
    address: data.address ?? socket.handshake.address,
    connectedAt: data.connectedAt ?? null,
    transport: data.transport ?? null,
    symbols: data.symbols ?? [],
  };
}

/** Listings per address and second. */
export const ADMIN_CLIENTS_PER_SECOND = 3;

export function adminClientsRouter(deps: {
  guard: AdminGuard;
  io: () => TicklineServer | undefined;
  clock: () => number;
  trustProxy: boolean;
}): Router {
  const calls = new AttemptLimiter({ limit: ADMIN_CLIENTS_PER_SECOND, windowMs: 1000, clock: deps.clock });
  const router = Router();
  router.get('/api/admin/clients', deps.guard.requireAdmin, async (req, res, next) => {
    const address = clientAddress(req, deps.trustProxy);
    const wait = calls.retryAfterMs(address);
    if (wait > 0) {
      refuse(req, res, {
        status: 429,
        code: 'rate_limited',
        message: 'too many listings; retry shortly',
        retryAfterMs: wait,
      });
      return;
    }
    calls.record(address);
    try {
      const sockets = (await deps.io()?.fetchSockets()) ?? [];
      res.json({ ok: true, clients: sockets.map(describeClient) });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
