// GET /api/admin/clients: who is connected, to this node or (through the Redis adapter) to any edge of the cluster.
// The first control surface, behind the admin guard, and rate limited since each call asks every node.

import { Router } from 'express';
import type { TicklineServer } from '../hub/socket-types.ts';
import type { AdminGuard } from './admin-guard.ts';
import { callsPerAddress } from './calls-per-address.ts';

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
  const limited = callsPerAddress({
    perSecond: ADMIN_CLIENTS_PER_SECOND,
    what: 'listings',
    clock: deps.clock,
    trustProxy: deps.trustProxy,
  });
  const router = Router();
  router.get('/api/admin/clients', deps.guard.requireAdmin, limited, async (_req, res, next) => {
    try {
      const sockets = (await deps.io()?.fetchSockets()) ?? [];
      res.json({ ok: true, clients: sockets.map(describeClient) });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
