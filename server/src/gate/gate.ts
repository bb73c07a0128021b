// The gate assembled from its options: one per server, shared by its HTTP side and its socket.

import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Router } from 'express';
import type { TicklineServer } from '../hub/socket-types.ts';
import { type AdminGuard, createAdminGuard } from './admin-guard.ts';
import { adminClientsRouter } from './admin-clients.ts';
import { adminReplayRouter, type ReplayTarget } from './admin-replay.ts';
import { adminScenarioRouter, type ScenarioTarget } from './admin-scenario.ts';
import { AttemptLimiter } from './attempt-limiter.ts';
import { ConnectionLimits } from './connection-limits.ts';
import { type GateOptions, resolveGate } from './gate-options.ts';
import type { HostPolicy } from './host-policy.ts';
import { createHttpGate } from './http-gate.ts';
import { type HeaderMiddleware, inlineStyleHashes, securityHeaders } from './security-headers.ts';
import { createSocketGate, type OnRefused, type SocketGate } from './socket-gate.ts';
import { TokenGuard } from './token-guard.ts';

/** Wrong viewer tokens allowed per address and minute (a page that reconnects with a stale token stays well under). */
export const VIEWER_FAILURES_PER_MINUTE = 30;

export interface Gate {
  readonly options: GateOptions;
  readonly limits: ConnectionLimits;
  readonly admin: AdminGuard;
  readonly socket: SocketGate;
  /**
   * The middleware to mount first in the http app; `io` is read per request (it may be created after the app).
   * `controls` are the control surfaces this node can carry out (scenarios, where a market is made or reachable).
   */
  http(io: () => TicklineServer | undefined, controls?: { scenario?: ScenarioTarget; replay?: ReplayTarget }): Router;
}

export interface GateDeps {
  clock: () => number;
  /** The built dashboard; its index.html gives the CSP hashes of the page's inline styles. */
  staticDir?: string | undefined;
  /** This machine's name, accepted as a Host; os.hostname() by default. */
  machine?: string;
  /** Each refused handshake (for a throttled log line). */
  onRefused?: OnRefused | undefined;
}

export function createGate(partial: Partial<GateOptions> | undefined, deps: GateDeps): Gate {
  const options = resolveGate(partial);
  const hosts: HostPolicy = { allowed: options.allowedHosts, machine: deps.machine ?? os.hostname() };
  const limits = new ConnectionLimits({
    maxConnections: options.maxConnections,
    maxPerAddress: options.maxConnectionsPerAddress,
  });
  const headers: HeaderMiddleware = securityHeaders(inlineStyleHashes(readIndexHtml(deps.staticDir)));
  const viewer =
    options.viewerToken === undefined
      ? undefined
      : new TokenGuard(
          options.viewerToken,
          new AttemptLimiter({ limit: VIEWER_FAILURES_PER_MINUTE, windowMs: 60_000, clock: deps.clock }),
          'viewer',
          'open the dashboard with ?token=<TICKLINE_VIEWER_TOKEN>, or send it as `Authorization: Bearer <token>`',
        );
  const admin = createAdminGuard({ token: options.adminToken, clock: deps.clock, trustProxy: options.trustProxy });
  return {
    options,
    limits,
    admin,
    socket: createSocketGate({ options, hosts, limits, headers, viewer, onRefused: deps.onRefused }),
    http: (io, controls = {}) => {
      const surfaces = Router();
      const common = { guard: admin, clock: deps.clock, trustProxy: options.trustProxy };
      surfaces.use(adminClientsRouter({ ...common, io }));
      if (controls.scenario) surfaces.use(adminScenarioRouter({ ...common, target: controls.scenario }));
      if (controls.replay) surfaces.use(adminReplayRouter({ ...common, target: controls.replay }));
      return createHttpGate({ options, hosts, headers, viewer, admin: surfaces });
    },
  };
}

function readIndexHtml(staticDir: string | undefined): string {
  const file = staticDir ? path.join(staticDir, 'index.html') : undefined;
  return file && existsSync(file) ? readFileSync(file, 'utf8') : '';
}
