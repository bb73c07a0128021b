// The gate at the socket: Host, Origin and the connection caps are checked in Engine.IO's `allowRequest`, before a
// WebSocket is upgraded or a polling session exists; the viewer token in Socket.IO's middleware, where a refusal
// reaches the client as a `connect_error` it can explain.

import type { IncomingMessage } from 'node:http';
import type { ServerOptions } from 'socket.io';
import type { TicklineServer } from '../hub/socket-types.ts';
import { clientAddress, normalizeAddress } from './client-address.ts';
import type { ConnectionLimits } from './connection-limits.ts';
import type { GateOptions } from './gate-options.ts';
import { type HostPolicy, hostRefusal } from './host-policy.ts';
import { originRefusal } from './origin-policy.ts';
import type { HeaderMiddleware } from './security-headers.ts';
import type { TokenGuard } from './token-guard.ts';

export type AllowRequest = NonNullable<ServerOptions['allowRequest']>;

/** Handshakes refused, by reason. */
export interface HandshakeRefusals {
  host: number;
  origin: number;
  connections: number;
  unauthorized: number;
}

export interface SocketGate {
  allowRequest: AllowRequest;
  /** Counts connections, sets the socket data the gate knows and installs the viewer check. */
  attach(io: TicklineServer): void;
  readonly refusals: Readonly<HandshakeRefusals>;
}

/** A refused handshake, for the log: why, and what the request said (untrusted: quote it before logging). */
export type OnRefused = (
  reason: keyof HandshakeRefusals,
  detail: { host?: string; origin?: string; address: string },
) => void;

export interface SocketGateDeps {
  onRefused?: OnRefused | undefined;
  options: GateOptions;
  hosts: HostPolicy;
  limits: ConnectionLimits;
  headers: HeaderMiddleware;
  viewer: TokenGuard | undefined;
}

export function createSocketGate({ options, hosts, limits, headers, viewer, onRefused }: SocketGateDeps): SocketGate {
  const refusals: HandshakeRefusals = { host: 0, origin: 0, connections: 0, unauthorized: 0 };
  const addressOf = (req: IncomingMessage) => clientAddress(req, options.trustProxy);

  const allowRequest: AllowRequest = (req, callback) => {
    const host = hostRefusal(req.headers.host, hosts);
    const origin = host ? undefined : originRefusal(req.headers.origin, req.headers.host, options.allowedOrigins);
    const full = host || origin ? undefined : limits.refusal(addressOf(req));
    const reason = host ? 'host' : origin ? 'origin' : full ? 'connections' : undefined;
    if (reason) {
      refusals[reason]++;
      onRefused?.(reason, { host: req.headers.host, origin: req.headers.origin, address: addressOf(req) });
    }
    // An accepted handshake becomes an Engine.IO connection within this same turn of the event loop (the callback
    // is synchronous, the rest runs in microtasks), so no other handshake can slip past the count in between.
    callback(host ?? origin ?? full ?? null, !(host || origin || full));
  };

  return {
    allowRequest,
    refusals,
    attach(io) {
      // Polling responses and the upgrade's get the same headers as every HTTP response.
      io.engine.use(headers);
      // The address each connection counts against, read from its handshake's request once, when it opens.
      const addresses = new WeakMap<object, string>();
      // Shared by every connection (`this` is the connection): a closure each would cost memory per connection.
      function closed(this: object): void {
        const address = addresses.get(this);
        if (address !== undefined) limits.remove(address);
      }
      io.engine.on(
        'connection',
        (conn: { request: IncomingMessage | null; on(event: 'close', listener: (this: object) => void): void }) => {
          const address = addressOf(conn.request!);
          limits.add(address);
          addresses.set(conn, address);
          conn.on('close', closed); // an Engine.IO connection closes once
          // Nothing reads the handshake's HTTP request after this (the gate was its last reader; Socket.IO's own
          // handshake record copes without it), so it is let go: Socket.IO's memory advice. It frees a polling
          // connection's request; a WebSocket's stays held by Engine.IO 6.6 itself (the upgrade's response object,
          // kept by a listener on the TCP socket) until the socket closes.
          conn.request = null;
        },
      );
      io.use((socket, next) => {
        // (Every connection passed the listener above; the peer's own address is only a safe default.)
        const address = addresses.get(socket.conn) ?? normalizeAddress(socket.handshake.address);
        socket.data.address = address;
        socket.data.transport = socket.conn.transport.name;
        // Only a polling connection can upgrade (to websocket): a listener on the others would wait for nothing.
        if (socket.data.transport === 'polling') {
          socket.conn.once('upgrade', (transport: { name: string }) => (socket.data.transport = transport.name));
        }
        if (!viewer) return next();
        const auth: unknown = socket.handshake.auth;
        const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
        const verdict = viewer.check(token, address);
        if (verdict.ok) return next();
        refusals.unauthorized++;
        onRefused?.('unauthorized', { address });
        const err = new Error(verdict.message) as Error & { data: unknown };
        err.data = {
          code: verdict.code,
          ...(verdict.code === 'rate_limited' ? { retryAfterMs: verdict.retryAfterMs } : {}),
        };
        next(err);
      });
    },
  };
}
